using Optimize.Oracles;

namespace Optimize.Generators.Tests;

// Statements and control flow of the transformable subset, one construct per case, several points each.

public sealed partial class ReassignedLocalCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2], [1.5, 0.4], [-0.8, 2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T a = x[0];
        a = a * a;
        a = a + x[1];
        a = T.Sin(a) * x[0];
        return a * x[1];
    }
}

public sealed partial class CompoundAssignmentCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [-0.8, 2.0, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T a = x[0], b = x[1] * x[2];
        a += x[1];
        a -= T.Sin(x[2]);
        a *= x[0];
        a /= x[1] * x[1] + T.CreateChecked(3);
        a *= a;
        b += a;
        b /= b * b + T.One;
        return a + b;
    }
}

public sealed partial class IfElseWithDeclarationsCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2], [1.5, 2.4], [-0.8, -2.0], [2.0, 1.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T result;
        if (x[0] > x[1])
        {
            T d = x[0] - x[1];
            T e = d * x[0];
            result = d * e;
        }
        else
        {
            T d = x[1] * x[0];
            result = T.Exp(d) + d;
        }
        return result * x[1] + x[0];
    }
}

public sealed partial class ElseIfChainCase : ControlFlowCase
{
    public override double[][] Points => [[-2.0, 0.5], [-0.5, 1.5], [0.5, -0.7], [2.0, 0.3]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T y = x[1];
        if (x[0] < -T.One) y = y * x[0];
        else if (x[0] < T.Zero) y = T.Sin(x[0]) + y * y;
        else if (x[0] < T.One)
        {
            T s = x[0] * x[0];
            y = s * y;
        }
        else y = T.Exp(-x[0]) * y;
        return y + x[0];
    }
}

public sealed partial class IfWithoutElseCase : ControlFlowCase
{
    public override double[][] Points => [[-2.0, 0.5], [0.5, -0.7]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T y = x[0] * x[1];
        if (y > T.Zero) y *= x[0];
        return y;
    }
}

public sealed partial class ConditionalExpressionCase : ControlFlowCase
{
    public override double[][] Points => [[-2.0, 0.5], [-0.5, 1.5], [0.5, -0.7], [2.0, 1.3]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T a = x[0] > T.Zero ? x[0] * x[1] : -x[1] * x[1];
        T b = x[1] < T.One ? a : a * a;
        return (a > b ? a - T.Sin(b) : b * x[0]) + (x[0] > x[1] ? T.One : x[1]);
    }
}

public sealed partial class ForLoopSumCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 2.0], [1.5, 0.4, -2.0, 0.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
            sum += T.CreateChecked(i + 1) * x[i] * x[i];
        return T.Sqrt(sum);
    }
}

public sealed partial class ForLoopDifferenceCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 2.0], [1.5, 0.4, -2.0, 0.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T total = x[0] * x[0] + T.CreateChecked(10);
        for (int i = 1; i < x.Length; i++)
        {
            T term = T.Cos(x[i] * x[i - 1]);
            total -= term * x[i];
        }
        return total * total;
    }
}

public sealed partial class WhileLoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        int i = 0;
        T s = T.Zero;
        while (i < x.Length)
        {
            T v = x[i];
            s += T.Sin(v) * v;
            i++;
        }
        return s * s + T.CreateChecked(i);
    }
}

/// <summary>The least-squares shape: a residual reduced in the inner loop, its square in the outer one.</summary>
public sealed partial class LeastSquaresCase : ControlFlowCase
{
    private static readonly double[,] A = { { 1.0, 2.0, -1.0 }, { 0.5, -3.0, 2.0 }, { 4.0, 0.0, 1.5 }, { -1.0, 1.0, 1.0 } };
    private static readonly double[] B = [1.0, -2.0, 0.5, 3.0];

    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [0.0, 0.0, 0.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        for (int i = 0; i < B.Length; i++)
        {
            T r = -T.CreateChecked(B[i]);
            for (int j = 0; j < x.Length; j++)
                r += T.CreateChecked(A[i, j]) * x[j];
            sum += r * r;
        }
        return sum / T.CreateChecked(2);
    }
}

public sealed partial class NestedLoopsIntoOneSumCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j <= i; j++)
                sum += x[i] * T.Exp(x[j] / T.CreateChecked(j + 2));
        return sum;
    }
}

public sealed partial class LoopInsideIfCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [-1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = x[0];
        if (x[0] > T.Zero)
        {
            for (int i = 1; i < x.Length; i++) sum += x[i] * x[i] * x[0];
        }
        else
        {
            int k = 0;
            while (k < x.Length)
            {
                sum -= T.Atan(x[k]);
                k += 1;
            }
        }
        return sum * sum;
    }
}

public sealed partial class IfInsideLoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, -0.1], [-1.5, 0.4, -2.0, 1.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero, other = T.One;
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i] * x[i];
            if (x[i] > T.Zero)
            {
                sum += v * x[i];
                other -= v;
            }
            else if (i % 2 == 0)
                sum -= T.Sin(x[i]);
            else
                other += x[i];
        }
        return sum * other;
    }
}

public sealed partial class PassiveIndexInLoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, -0.1, 2.0, 0.7], [-1.5, 0.4, -2.0, 1.0, 0.2, 0.9]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        int k = 0;
        for (int i = 0; i < x.Length / 2; i++)
        {
            sum += x[k] * x[k + 1];
            k += 2;
        }
        int m = x.Length - 1;
        while (m >= 0)
        {
            sum += T.Sin(x[m]) * x[m];
            m--;
        }
        int j = 0;
        for (int i = 0; i < x.Length; i++)
        {
            j++;
            sum += x[j % x.Length] * x[i];
        }
        return sum;
    }
}

public sealed partial class OuterValueReadInLoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T scale = x[0] * x[0] + T.One;
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += scale * T.Cos(x[i]);
        scale = scale * x[1];
        return sum * scale;
    }
}

public sealed partial class PassiveLocalsCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T two = T.CreateChecked(2), half = T.One / two, weight = T.One;
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            sum += weight * x[i] * x[i];
            weight = weight * half;
        }
        T offset;
        offset = two * two;
        return sum + offset * x[0];
    }
}

public sealed partial class ExpressionBodiedCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2], [1.5, 0.4]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] > x[1] ? T.Exp(x[0] - x[1]) : x[1] * x[0];
}

public sealed partial class SiblingLoopsWithSameNamesCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T first = T.Zero, second = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            T t = x[i] * x[i];
            first += t;
        }
        for (int i = 0; i < x.Length; i++)
        {
            T t = T.Sin(x[i]);
            t = t * first;
            second += t * t;
        }
        if (x[0] > T.Zero) { T t = x[0]; second += t; }
        else { T t = x[1]; second -= t; }
        return first * second;
    }
}

public sealed partial class LoopBodyReassignmentCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            T a = x[i];
            a = a * a + x[0];
            a *= T.Tanh(a);
            a = T.Max(a, x[i]) + T.Min(a, T.Zero);
            sum += a;
        }
        return sum;
    }
}

public sealed partial class BlocksAndEmptyStatementsCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2], [1.5, 0.4]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T a = x[0];
        {
            T b = a * x[1];
            a = b + a;
        }
        ;
        return a * a;
    }
}

public sealed partial class UninitializedLocalCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2], [-1.5, 0.4]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T a;
        if (x[0] > T.Zero) a = x[0] * x[1];
        else a = x[1];
        return a * x[0];
    }
}

public sealed partial class MeanOverLengthCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T n = T.CreateChecked(x.Length), sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += x[i];
        T mean = sum / n, spread = T.Zero;
        for (int i = 0; i < x.Length; i++) spread += (x[i] - mean) * (x[i] - mean);
        return spread / n;
    }
}

public sealed partial class NamesTheGeneratedCodeUsesCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2], [1.5, 0.4]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T gradient = x[0] * x[1], direction = T.Sin(x[0]), derivative = gradient + direction;
        T gradient_2 = derivative * derivative, hessianVector = gradient_2 * direction;
        return gradient_2 + gradient + hessianVector;
    }
}

public sealed partial class PassiveCounterCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T count = T.Zero, sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            count += T.One;
            sum += x[i] * count;
        }
        return sum / count;
    }
}

public sealed partial class LoopCounterDeclaredOutsideCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        int i;
        T s = T.Zero;
        for (i = 0; i < x.Length - 1; i++) s += x[i] * x[i + 1];
        return s * T.CreateChecked(i) + x[i];
    }
}

public sealed partial class TripleNestedLoopsCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T total = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            T row = T.Zero;
            for (int j = 0; j < x.Length; j++)
            {
                T cell = x[i] * x[j];
                for (int k = 0; k <= j; k++) cell += T.Sin(x[k]) * x[i];
                row += cell * cell;
            }
            total += T.Sqrt(row + T.One);
        }
        return total;
    }
}

public sealed partial class ReassignedBeforeLoopInBranchesCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [-1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T scale = x[1];
        if (x[0] > T.Zero) scale = scale * x[0];
        else scale = T.Exp(scale);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += scale * x[i] * x[i];
        scale = scale + sum;
        return scale * sum;
    }
}

public sealed partial class WhileWithConditionOnInputCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.1, 0.4, -2.0], [0.05, 1.0, 2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        int k = 0;
        T s = T.Zero;
        while (x[0] * T.CreateChecked(k) < T.CreateChecked(2) && k < 12)
        {
            s += x[k % x.Length] * x[0];
            k++;
        }
        return s;
    }
}

// A last loop whose accumulators reach the result linearly runs once, forward and backwards per iteration.
// These cases cover what that pass must keep: values read before the loop, counters, constant coefficients.

public sealed partial class LastLoopWithValuesReadBeforeItCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 0.9], [1.5, 0.4, -2.0, 0.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T s = x[0] * x[1];
        T q = s * s;                       // reads the accumulator's value before the loop
        for (int i = 0; i < x.Length; i++) s += T.Sin(x[i]) * q;
        return q * q + T.CreateChecked(2) * s - s / T.CreateChecked(3);
    }
}

public sealed partial class LastLoopWithACounterCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        int k = 1;
        T first = x[k] * x[k];             // reads the counter's value before the loop
        T sum = first;
        for (int i = 0; i + 1 < x.Length; i++)   // k ends elsewhere than it started
        {
            sum += x[k] * x[i] * first;
            k = (k + 1) % x.Length;
        }
        return -sum;
    }
}

public sealed partial class LastLoopWithNestedAccumulationCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero, other = x[0];
        for (int i = 0; i < x.Length; i++)
        {
            T r = x[i];
            for (int j = 0; j < i; j++) r -= x[j] * x[i];
            sum += r * r;
            for (int j = 0; j <= i; j++) other += T.Cos(x[j]) * r;
        }
        return T.CreateChecked(0.5) * sum - other;
    }
}

public sealed partial class LastLoopReachingTheResultNonlinearlyCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += x[i] * x[i];
        return sum * T.Sqrt(sum) + x[0] * sum;
    }
}

// A loop over blocks of three entries that reads every entry of its block: each entry's first write is a store,
// and the destinations are not cleared first (the checks fill them with NaN).
public sealed partial class BlockLoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 2.0, -0.4, 1.1], [1.5, 0.4, -2.0, 0.1, 0.9, -0.7]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i += 3)
        {
            T a = x[i + 2] * x[i];
            T b = x[i + 1] - x[i] * x[i + 2];
            sum += a * b + T.Sin(x[i + 1]) * x[i];
        }
        return sum;
    }
}

// A loop over blocks of two that reads only the first entry of each: the second entries' derivatives are zero, so
// the destinations must still be cleared.
public sealed partial class SparseBlockLoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 2.0], [1.5, 0.4, -2.0, 0.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i += 2)
            sum += x[i] * x[i] * x[i];
        return sum;
    }
}

// Straight-line code that keeps √, cos, sin, 1/a and a quotient in locals, as Rodrigues' rotation does: the backward
// sweep reads the locals for the partials (cos for sin, sin for cos declared after it, the results of √, 1/a and a/b).
public sealed partial class HeldValuesCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T squared = x[0] * x[0] + x[1] * x[1];
        T angle = T.Sqrt(squared), cosine = T.Cos(angle), sine = T.Sin(angle), inverse = T.One / angle;
        T u = (x[2] * sine) / (T.One + squared);
        return u * cosine + inverse * sine * x[0] + x[1] * cosine * cosine;
    }
}

// The operand of sin is written twice: the cosine of its first value must not stand for the partial of the sine of its
// second one.
public sealed partial class HeldValueOfAnOverwrittenOperandCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2], [1.5, 0.4]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T angle = x[0] * x[1];
        T cosine = T.Cos(angle);
        angle = angle + x[0];
        T sine = T.Sin(angle);
        return sine * x[1] + cosine;
    }
}

// Sine and cosine of one local inside a loop body, the sine declared after the cosine: going backwards through an
// iteration, the cosine's partial must not read a sine that the loop's backward code has already restored.
public sealed partial class HeldValuesInALoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 2.0], [1.5, 0.4, -2.0, 0.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T product = T.One;
        for (int i = 0; i < x.Length; i++)
        {
            T angle = x[i] * product, cosine = T.Cos(angle), sine = T.Sin(angle);
            product = product * cosine + sine;
        }
        return product;
    }
}
