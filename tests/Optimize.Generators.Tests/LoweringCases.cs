using Optimize.Oracles;

namespace Optimize.Generators.Tests;

// Constructs the generator rewrites into its subset before it differentiates (switches, early returns, foreach,
// deconstructions, argument checks, inlined helpers), one per case, at points that take every path.

public sealed partial class EarlyReturnCase : ControlFlowCase
{
    public override double[][] Points => [[0.7, -1.2], [-0.4, 0.9], [1.5, 0.3]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        if (x[0] > x[1]) return x[0] * x[1] * x[0];
        T d = x[1] - x[0];
        return T.Exp(d) * x[0];
    }
}

public sealed partial class ReturnInEveryBranchCase : ControlFlowCase
{
    public override double[][] Points => [[0.7, 1.2], [-0.4, 0.9], [1.5, -0.3]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T y = x[0] * x[1];
        if (y > T.Zero)
        {
            T r = T.Sqrt(y);
            return r * x[0];
        }
        else return -y * T.Sin(x[0]);
    }
}

public sealed partial class SwitchExpressionCase : ControlFlowCase
{
    public override double[][] Points => [[0.7, 1.2, 0.4], [-0.4, 0.9, 1.1], [-1.5, -0.3, 0.8]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        int arm = x[0] > T.Zero ? 0 : x[1] > T.Zero ? 1 : 2;
        return arm switch
        {
            0 => x[0] * x[1] + x[2],
            1 or 3 => T.Cos(x[1]) * x[2] * x[0],
            < 5 when x.Length == 3 => x[2] * x[2] * x[1],
            _ => throw new ArgumentOutOfRangeException(nameof(x)),
        };
    }
}

public sealed partial class SwitchStatementCase : ControlFlowCase
{
    public override double[][] Points => [[0.7, 1.2, 0.4], [-0.4, 0.9, 1.1], [-1.5, -0.3, 0.8]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        int arm = x[0] > T.Zero ? 0 : x[1] > T.Zero ? 1 : 2;
        T y = x[2];
        switch (arm)
        {
            case 0:
                return x[0] * T.Exp(x[1]);
            case 1:
            {
                T d = x[1] - x[2];
                y *= d * d;
                break;
            }
            default:
                y += x[0] * x[1];
                break;
        }
        return y * x[2];
    }
}

public sealed partial class ForeachCase : ControlFlowCase
{
    public override double[][] Points => [[0.7, 1.2, 0.4], [-0.4, 0.9, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero, product = T.One;
        foreach (T v in x)
        {
            sum += v * v;
            product *= T.Sin(v) + T.CreateChecked(2);
        }
        return sum * product;
    }
}

public sealed partial class DeconstructionAndArgumentCheckCase : ControlFlowCase
{
    public override double[][] Points => [[0.7, 1.2], [-0.4, 0.9]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        Require(x.Length);
        var (scale, shift) = Coefficients(x.Length);
        return T.CreateChecked(scale) * x[0] * x[1] + T.CreateChecked(shift) * x[1] * x[1];
    }

    private static void Require(int length)
    {
        if (length != 2) throw new ArgumentException("two entries expected", nameof(length));
    }

    private static (double Scale, double Shift) Coefficients(int length) => (1.5 * length, -0.25);
}

public sealed partial class InlinedHelpersCase : ControlFlowCase
{
    public override double[][] Points => [[0.7, 1.2, 0.4], [-0.4, 0.9, 1.1], [1.3, -0.6, -0.8]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T a = Square(x[0] - x[1]) + Angle(x[0], x[2]);
        T b = Angle(x[1] * x[2], x[0]) * SumOfSquares(x);
        return a * b + Square(Square(x[2])) + Scaled(x[1]);
    }

    private double Factor => Points.Length / 2.0;

    /// <summary>An instance helper: inlined too, its reads of the instance resolve in the generated code as in f.</summary>
    private T Scaled<T>(T a) where T : System.Numerics.IFloatingPointIeee754<T> => T.CreateChecked(Factor) * T.Exp(a);

    private static T Square<T>(T a) where T : System.Numerics.IFloatingPointIeee754<T> => a * a;

    /// <summary>A helper with locals, a branch on its argument and a call of its own.</summary>
    private static U Angle<U>(U u, U v) where U : System.Numerics.IFloatingPointIeee754<U>
    {
        U theta = U.Atan(v / u) / U.CreateChecked(2 * Math.PI);
        U shifted = u < U.Zero ? theta + U.CreateChecked(0.5) : theta;
        return shifted * Square(v);
    }

    private static T SumOfSquares<T>(ReadOnlySpan<T> v) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < v.Length; i++) sum += v[i] * v[i];
        return sum;
    }
}

/// <summary>A marked method with a passive parameter before the point, as a residual rᵢ(x) is written.</summary>
public sealed partial class PassiveParameterCase : ControlFlowCase
{
    private const int Row = 1;

    public override double[][] Points => [[0.7, 1.2, 0.4], [-0.4, 0.9, 1.1]];

    public override T Evaluate<T>(ReadOnlySpan<T> x) => Residual(Row, x);

    [GenerateDerivatives]
    public static T Residual<T>(int row, ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        T power = x[row];
        for (int k = 0; k < row + 1; k++) power *= x[2];
        return row switch
        {
            0 => power - x[1],
            _ => power * x[0] - T.CreateChecked(row),
        };
    }

    public override double Gradient(ReadOnlySpan<double> x, Span<double> gradient) => ResidualGradient(Row, x, gradient);

    public override double DirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative) =>
        ResidualDirectionalDerivative(Row, x, direction, out derivative);

    public override AutoDiff.Forward.Dual<double> GradientOverDuals(ReadOnlySpan<AutoDiff.Forward.Dual<double>> x, Span<AutoDiff.Forward.Dual<double>> gradient) =>
        ResidualGradient(Row, x, gradient);

    public override double HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> hessianVector) =>
        ResidualHessianVector(Row, x, direction, gradient, hessianVector);
}

public sealed partial class LocalFunctionCase : ControlFlowCase
{
    public override double[][] Points => [[0.7, 1.2, 0.4], [-0.4, 0.9, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T scale = x[0] * x[1];
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += Bump(x[i]);
        return sum * Twice(scale);

        // Reads the method's local scale; inlined at each call with fresh names for its own locals.
        T Bump(T a)
        {
            T b = a * scale;
            return T.Sin(b) * b;
        }

        static T Twice(T a) => a + a;
    }
}

public sealed partial class ContinueAndBreakCase : ControlFlowCase
{
    public override double[][] Points => [[0.7, 1.2, 0.4, 2.5], [-0.4, 0.9, 1.1, 0.3], [0.2, 2.2, 0.6, 0.8]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero, product = T.One;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] < T.Zero) continue;
            sum += x[i] * x[i];
        }
        foreach (T v in x)
        {
            if (v > T.CreateChecked(2)) break;
            product *= v + T.One;
        }
        int k = 0;
        while (k < x.Length)
        {
            k++;
            if (k == 2) continue;
            if (k == 4) break;
            sum += T.Exp(x[k - 1]) * product;
        }
        return sum * product;
    }
}

public sealed partial class SpanLocalsCase : ControlFlowCase
{
    public override double[][] Points => [[0.7, 1.2, 0.4, -0.3], [-0.4, 0.9, 1.1, 0.6]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        int k = 1;
        ReadOnlySpan<T> tail = x.Slice(k), middle = x.Slice(1, 2), all = x;
        Span<T> squares = new T[3];
        for (int i = 0; i < tail.Length; i++) squares[i % 3] = tail[i] * tail[i];
        T s = SumOfCubes(x.Slice(2)) + squares[0] * middle[1] + all[0];
        foreach (T v in x.Slice(2, 2)) s += T.Sin(v) * middle[0];
        return s;
    }

    private static T SumOfCubes<T>(ReadOnlySpan<T> v) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < v.Length; i++) sum += v[i] * v[i] * v[i];
        return sum;
    }
}

public sealed partial class SwitchAssignmentCase : ControlFlowCase
{
    public override double[][] Points => [[0.7, 1.2, 0.4], [-0.4, 0.9, 1.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        int arm = x[0] > T.Zero ? 0 : 1;
        var scale = arm switch { 0 => x[0] * x[1], _ => T.Exp(x[1]) };
        T y = x[2];
        y = arm switch { 0 => y * scale, 1 => y + scale, _ => throw new InvalidOperationException() };
        return y * x[0];
    }
}
