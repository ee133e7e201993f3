using Optimize.Oracles;

namespace Optimize.Generators.Tests;

// Functions checked where their derivative is a convention (kinks, ties, NaN, 0⁰): the generated code must
// give exactly what the runtime modes give. Points lists smooth points for the usual checks as well.

/// <summary>A case whose interesting points are where f is not differentiable.</summary>
public abstract class EdgeCase : GeneratedCase
{
    /// <summary>Points where the derivative is defined by convention.</summary>
    public abstract double[][] EdgePoints { get; }

    public override int Dimension => EdgePoints[0].Length;
}

public sealed partial class AbsAtZeroCase : EdgeCase
{
    public override double[][] Points => [[0.5, -1.5]];
    public override double[][] EdgePoints => [[0.0, 0.0], [0.0, 2.0], [-0.0, 1.0], [1.5, 1.5]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Abs(x[0]) + T.CreateChecked(3) * T.Abs(x[0] - x[1]);
}

public sealed partial class MaxTieCase : EdgeCase
{
    public override double[][] Points => [[0.5, -1.5]];
    public override double[][] EdgePoints => [[1.0, 1.0], [0.0, -0.0], [-0.0, 0.0], [double.NaN, 1.0], [1.0, double.NaN], [double.NaN, double.NaN]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Max(x[0], x[1]) * x[1];
}

public sealed partial class MinTieCase : EdgeCase
{
    public override double[][] Points => [[0.5, -1.5]];
    public override double[][] EdgePoints => [[1.0, 1.0], [0.0, -0.0], [-0.0, 0.0], [double.NaN, 1.0], [1.0, double.NaN], [double.NaN, double.NaN]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Min(x[0], x[1]) * x[1];
}

public sealed partial class MinMaxOfSharedOperandCase : EdgeCase
{
    public override double[][] Points => [[0.5, -1.5]];
    public override double[][] EdgePoints => [[2.0, 2.0], [-1.0, -1.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Max(x[0] * x[1], x[1] * x[1]) + T.Min(x[1] * x[1], x[0] * x[1]);
}

public sealed partial class PowActiveZeroBaseCase : EdgeCase
{
    public override double[][] Points => [[0.5, -1.5], [2.0, 3.0]];
    public override double[][] EdgePoints => [[0.0, 0.0], [0.0, 2.0], [0.0, 1.0], [0.0, 0.5], [0.0, -1.0], [-2.0, 3.0], [-2.0, 0.0], [1.0, 0.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Pow(x[0], x[1]);
}

public sealed partial class PowConstantZeroExponentCase : EdgeCase
{
    public override double[][] Points => [[0.5], [2.0]];
    public override double[][] EdgePoints => [[0.0], [-0.0], [-3.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Pow(x[0], T.Zero) + T.Pow(x[0], T.CreateChecked(2));
}

public sealed partial class PowConstantZeroBaseCase : EdgeCase
{
    public override double[][] Points => [[0.5], [2.0]];
    public override double[][] EdgePoints => [[0.0], [1.0], [2.0], [0.5], [-1.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Pow(T.Zero, x[0]) + T.Pow(T.Zero, x[0] * x[0]) + x[0];
}

public sealed partial class PowNegativeConstantBaseCase : EdgeCase
{
    public override double[][] Points => []; // defined only at integers
    public override double[][] EdgePoints => [[2.0], [3.0], [0.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Pow(T.CreateChecked(-2), x[0]);
}

public sealed partial class SqrtAtZeroCase : EdgeCase
{
    public override double[][] Points => [[0.5, 1.5]];
    public override double[][] EdgePoints => [[0.0, 1.0], [0.0, 0.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Sqrt(x[0]) + x[1];
}

/// <summary>A guard that keeps √ away from 0: the branch not taken must not spoil the gradient.</summary>
public sealed partial class GuardedSqrtCase : EdgeCase
{
    public override double[][] Points => [[0.5, 1.5], [-0.5, 2.0]];
    public override double[][] EdgePoints => [[0.0, 1.0], [-0.0, 2.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T root = T.Sqrt(x[0]);
        T guarded = x[0] > T.Zero ? root : T.Zero;
        return guarded + x[1] * x[1];
    }
}

/// <summary>A product of a dead NaN value and an input: its zero adjoint must not turn the input's gradient into NaN.</summary>
public sealed partial class GuardedProductCase : EdgeCase
{
    public override double[][] Points => [[0.5, 1.5], [-0.5, 2.0]];
    public override double[][] EdgePoints => [[-1.0, 2.0], [0.0, 1.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T root = T.Sqrt(x[0]);
        T product = root * x[1];
        T scaled = T.CreateChecked(3) * product / T.CreateChecked(4);
        return x[0] > T.Zero ? scaled : x[1] * x[1];
    }
}

/// <summary>
/// At x = 0 the adjoint of s is 0 while its tangent (over dual numbers, for ∇²f·v) is not: the Hessian-vector
/// product must still flow through it.
/// </summary>
public sealed partial class SquaredSineCase : EdgeCase
{
    public override double[][] Points => [[0.0], [0.7]];
    public override double[][] EdgePoints => [[0.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T s = T.Sin(x[0]);
        return s * s;
    }
}

/// <summary>A value that reaches the result with a zero adjoint through an infinite partial: NaN, as in the runtime.</summary>
public sealed partial class ReachedSqrtAtZeroCase : EdgeCase
{
    public override double[][] Points => [[0.5, 1.5]];
    public override double[][] EdgePoints => [[0.0, 0.0], [0.0, 1.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T root = T.Sqrt(x[0]);
        return root * x[1];
    }
}
