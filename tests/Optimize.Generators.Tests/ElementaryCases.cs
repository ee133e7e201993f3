using Optimize.Oracles;

namespace Optimize.Generators.Tests;

// One case per derivative rule, each written the way a user would: a partial type with a marked Evaluate.
// Points keep away from kinks and domain edges; EdgeCaseTests checks those.

public sealed partial class AdditionCase : ElementaryCase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0], [-3.0, 0.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] + x[1];
}

public sealed partial class SubtractionCase : ElementaryCase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0], [-3.0, 0.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] - x[1];
}

public sealed partial class MultiplicationCase : ElementaryCase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0], [-3.0, 0.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] * x[1];
}

public sealed partial class DivisionCase : ElementaryCase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0], [-3.0, 0.5]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] / x[1];
}

public sealed partial class NegationCase : ElementaryCase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => -(x[0] * x[1]) + -x[1];
}

public sealed partial class UnaryPlusCase : ElementaryCase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => +x[0] * +(x[1] - x[0]);
}

public sealed partial class SquareOfSameInputCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] * x[0] * x[0];
}

public sealed partial class SqrtCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [2.5], [100.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Sqrt(x[0]);
}

public sealed partial class ExpCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Exp(x[0]);
}

public sealed partial class LogCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [2.5], [40.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Log(x[0]);
}

public sealed partial class SinCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Sin(x[0]);
}

public sealed partial class CosCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Cos(x[0]);
}

public sealed partial class TanCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-1.2], [4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Tan(x[0]);
}

public sealed partial class AsinCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-0.7], [0.9]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Asin(x[0]);
}

public sealed partial class AcosCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-0.7], [0.9]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Acos(x[0]);
}

public sealed partial class AtanCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [40.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Atan(x[0]);
}

public sealed partial class Atan2Case : ElementaryCase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0], [-3.0, -0.5], [1.0, 0.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Atan2(x[0], x[1]);
}

public sealed partial class SinhCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Sinh(x[0]);
}

public sealed partial class CoshCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Cosh(x[0]);
}

public sealed partial class TanhCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [1.5]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Tanh(x[0]);
}

public sealed partial class AbsCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Abs(x[0]) * x[0];
}

public sealed partial class MinCase : ElementaryCase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0], [-3.0, 0.5]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Min(x[0] * x[0], x[1]);
}

public sealed partial class MaxCase : ElementaryCase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0], [-3.0, 0.5]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Max(x[0] * x[0], x[1]);
}

public sealed partial class MaxWithConstantCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Max(T.One, x[0]) + T.Min(x[0], T.Zero);
}

public sealed partial class PowActiveBaseAndExponentCase : ElementaryCase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0], [1.7, 0.5]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Pow(x[0], x[1]);
}

public sealed partial class PowConstantExponentCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Pow(x[0], T.CreateChecked(3)) + T.Pow(x[0] * x[0], T.CreateChecked(0.75));
}

public sealed partial class PowConstantBaseCase : ElementaryCase
{
    public override double[][] Points => [[0.3], [-2.5], [4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Pow(T.CreateChecked(2.5), x[0]) + T.Pow(T.E, -x[0]);
}

public sealed partial class ConstantsCase : ElementaryCase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) =>
        T.One * x[0] + T.Zero * x[1] + T.CreateChecked(2.5) * x[1] * x[1] - T.Pi * x[0] + T.NegativeOne * x[1] + Scale<T>(0.125) * x[0] * x[1];

    /// <summary>A helper that turns a double into T: a constant, because its argument does not involve x.</summary>
    private static T Scale<T>(double value) where T : System.Numerics.IFloatingPointIeee754<T> => T.CreateChecked(value);
}

/// <summary>The shape of problem-library code: a protected static helper of the base class making constants.</summary>
public abstract class ConstantHelperBase : ElementaryCase
{
    protected static T C<T>(double value) where T : System.Numerics.IFloatingPointIeee754<T> => T.CreateChecked(value);
}

public sealed partial class ProtectedConstantHelperCase : ConstantHelperBase
{
    public override double[][] Points => [[0.3, -1.2], [2.5, 4.0]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T hundred = C<T>(100);
        T t = x[1] - x[0] * x[0];
        return hundred * t * t + C<T>(0.5) * x[0];
    }
}

public sealed partial class CompositionCase : ElementaryCase
{
    public override double[][] Points => [[0.3, 1.2, 0.7], [1.5, 0.4, -0.2], [-0.8, 2.0, 0.1]];
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) =>
        T.Exp(T.Sin(x[0] * x[1]) / (T.One + x[2] * x[2])) * T.Sqrt(x[1] * x[1] + T.One)
        - T.Log(T.Cosh(x[0] - x[2])) + T.Atan2(x[2], x[1] + T.CreateChecked(3)) * T.Tanh(x[0]);
}
