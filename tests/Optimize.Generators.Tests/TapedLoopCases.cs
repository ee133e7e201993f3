using Optimize.Oracles;

namespace Optimize.Generators.Tests;

// Loops that are not reductions and arrays of T: their iterations are recorded on stacks and swept backwards.

public sealed partial class ProductLoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [-0.8, 2.0, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T p = T.One;
        for (int i = 0; i < x.Length; i++) p *= x[i];
        return p;
    }
}

public sealed partial class ReassignedAccumulatorCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [-0.8, 2.0, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T s = T.Zero;
        for (int i = 0; i < x.Length; i++) s = s * T.Sin(x[i]) + x[i];
        return s;
    }
}

public sealed partial class AccumulatorReadInItsUpdateCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [-0.8, 2.0, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T s = T.One;
        for (int i = 0; i < x.Length; i++) s += s * x[i];
        return s;
    }
}

public sealed partial class AccumulatorReadInTheLoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [-0.8, 2.0, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T s = T.One;
        for (int i = 0; i < x.Length; i++)
        {
            T t = s * x[i];
            s += x[i] * T.Exp(t);
        }
        return s;
    }
}

public sealed partial class AccumulatorReadByAnotherCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [-0.8, 2.0, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T a = T.Zero, b = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            a += x[i];
            b += a * x[i];
        }
        return b * a;
    }
}

public sealed partial class WhileOnAnActiveConditionCase : ControlFlowCase
{
    // The number of iterations (4, 2, 7) does not change near these points.
    public override double[][] Points => [[0.9, 0.1], [1.3, 0.5], [0.5, 0.2]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T s = T.Zero;
        int i = 0;
        while (s < T.CreateChecked(3))
        {
            s += x[0] * x[0] + x[1] * T.CreateChecked(i);
            i++;
        }
        return s * x[1];
    }
}

public sealed partial class ArrayOfScalarsCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 0.7], [1.5, 0.4, -2.0, 0.1], [-0.8, 2.0, 1.1, -0.3]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        var squares = new T[x.Length];
        for (int i = 0; i < x.Length; i++) squares[i] = x[i] * x[i];
        for (int i = 1; i < x.Length; i++) squares[i] += squares[i - 1] * x[i];
        squares[0] *= T.Cos(squares[x.Length - 1]);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += T.Sin(squares[i]);
        return sum;
    }
}

public sealed partial class LogSumExpWithMaximumCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 0.7], [1.5, 0.4, -2.0, 0.1], [-0.8, 2.0, 1.1, -0.3]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        var terms = new T[x.Length];
        T total = T.Zero;
        for (int round = 0; round < 3; round++)
        {
            for (int c = 0; c < x.Length; c++)
            {
                T squares = T.Zero;
                for (int j = 0; j <= c; j++) squares += x[j] * x[c - j] * T.CreateChecked(round + 1);
                terms[c] = x[c] - squares;
            }
            T largest = terms[0];
            for (int c = 1; c < x.Length; c++) largest = T.Max(largest, terms[c]);
            T sum = T.Zero;
            for (int c = 0; c < x.Length; c++) sum += T.Exp(terms[c] - largest);
            total += largest + T.Log(sum);
        }
        return total;
    }
}

public sealed partial class BranchesInsideATapedLoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 0.7], [1.5, 0.4, -2.0, 0.1], [-0.8, 2.0, 1.1, -0.3]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T state = x[0];
        int k = 0;
        for (int i = 1; i < x.Length; i += 1)
        {
            T next = state * x[i];
            if (next > T.Zero) state = T.Sqrt(next + T.One) + state;
            else
            {
                state = next - T.Sin(state);
                k++;
            }
            state *= T.CreateChecked(k + 1);
        }
        return state;
    }
}

public sealed partial class ArrayDeclaredInAReductionLoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5, 0.7], [1.5, 0.4, -2.0, 0.1], [-0.8, 2.0, 1.1, -0.3]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T total = x[0] * x[1];
        for (int round = 0; round < 3; round++)
        {
            // A fresh array of zeros in each iteration: its first element is only accumulated into.
            var weights = new T[x.Length];
            weights[0] += x[round] * x[round];
            for (int c = 1; c < x.Length; c++) weights[c] = x[c] * T.Cos(x[(c + round) % x.Length]);
            T norm = T.Zero;
            for (int c = 0; c < x.Length; c++) norm += weights[c] * weights[c];
            for (int c = 0; c < x.Length; c++) total += weights[c] / (T.One + norm);
        }
        return total;
    }
}

public sealed partial class ArrayDeclaredInALoopThatIsNotLastCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [-0.8, 2.0, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T total = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            var powers = new T[3];
            powers[0] = x[i];
            for (int k = 1; k < 3; k++) powers[k] = powers[k - 1] * x[(i + k) % x.Length];
            total += T.Sin(powers[2]) + powers[1];
        }
        return T.Sqrt(total * total + T.One);
    }
}

public sealed partial class PushesAfterATapedInnerLoopCase : ControlFlowCase
{
    // Forty rounds of four inner pushes and three after the inner loop: the stack of T fills up to its first size
    // exactly at the end of an inner loop, and the pushes that follow it must make room of their own.
    public override double[][] Points => [[0.3, -1.2, 0.5, 0.7], [1.5, 0.4, -2.0, 0.1], [-0.8, 2.0, 1.1, -0.3]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T p = T.One;
        for (int round = 0; round < 40; round++)
        {
            for (int i = 0; i < x.Length; i++) p *= T.One + x[i] * T.CreateChecked(0.01);
            T a = p * x[round % x.Length];
            T b = a * a;
            p = p - T.CreateChecked(0.001) * b;
        }
        return p;
    }
}

public sealed partial class ReductionAfterADeclarationInATapedLoopCase : ControlFlowCase
{
    // The reduction into y follows y's declaration: its value before the reduction is not pushed, and the adjoint of
    // the declaration computes exp from its operand rather than reading y, which then holds the reduction's result.
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [-0.8, 2.0, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T p = T.One;
        for (int r = 0; r < x.Length; r++)
        {
            T y = T.Exp(x[r]);
            for (int j = 0; j <= r; j++) y += x[j] * x[r];
            p = p * y + T.Sin(y);
        }
        return p;
    }
}

public sealed partial class ReductionAfterAnAssignmentInATapedLoopCase : ControlFlowCase
{
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [-0.8, 2.0, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T p = T.One, y = T.Zero;
        for (int r = 0; r < x.Length; r++)
        {
            y = x[r] * x[r];
            for (int j = 0; j < x.Length; j++) y -= T.Sqrt(T.One + x[j] * x[j]);
            p = p * T.Cos(y) + y;
        }
        return p + y;
    }
}

public sealed partial class ReductionAfterAnUpdateInATapedLoopCase : ControlFlowCase
{
    // The statement before the reduction reads y: y's value before the reduction is still pushed.
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [-0.8, 2.0, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T p = T.One, y = T.One;
        for (int r = 0; r < x.Length; r++)
        {
            y = y * x[r];
            for (int j = 0; j < x.Length; j++) y += x[j] * T.CreateChecked(0.1);
            p = p * T.Sin(y);
        }
        return p + y;
    }
}

public sealed partial class PassiveIndicesInATapedLoopCase : ControlFlowCase
{
    // row is recomputed going backwards, from the counters; at reads shift, which the iteration changes, and is pushed.
    public override double[][] Points => [[0.3, -1.2, 0.5], [1.5, 0.4, -2.0], [-0.8, 2.0, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T p = T.One;
        int shift = 1;
        for (int c = 0; c < x.Length; c++)
            for (int r = 0; r < x.Length; r++)
            {
                int row = (c * x.Length + r * (r + 1) / 2) % x.Length;
                int at = (row + shift) % x.Length;
                shift += 2;
                p = p * x[row] + T.Sin(x[at]);
            }
        return p;
    }
}

public sealed partial class TapedAccumulationAfterADeclarationCase : ControlFlowCase
{
    // The rows' loop, taped inside a taped loop, only accumulates into s, declared right before it: s's value before
    // the rows is not pushed, and the adjoint of the declaration computes exp from its operand.
    public override double[][] Points => [[0.3, -0.2, 0.5], [0.5, 0.4, -0.6], [-0.4, 0.2, 0.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        var b = new T[x.Length];
        for (int c = 0; c < x.Length; c++)
        {
            T s = T.Exp(x[c]);
            for (int r = 0; r < x.Length; r++)
            {
                T y = x[r] * x[c];
                for (int j = 0; j <= r; j++) y += x[j];
                s += y * y;
            }
            b[c] = s * T.Sin(s);
        }
        T total = T.Zero;
        for (int c = 0; c < x.Length; c++) total += b[c] * x[c];
        return total;
    }
}
