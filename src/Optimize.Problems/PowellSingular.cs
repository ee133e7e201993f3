using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>
/// Powell's singular function, f = (x₁+10x₂)² + 5(x₃−x₄)² + (x₂−2x₃)⁴ + 10(x₁−x₄)⁴; minimum 0 at the
/// origin, where the Hessian is singular. MGH problem 13.
/// </summary>
public sealed partial class PowellSingular : SumOfSquaresProblem
{
    private static readonly double Sqrt5 = Math.Sqrt(5), Sqrt10 = Math.Sqrt(10);

    /// <inheritdoc/>
    public override string Name => "powell-singular";
    /// <inheritdoc/>
    public override int Dimension => 4;
    /// <inheritdoc/>
    public override int ResidualCount => 4;
    /// <inheritdoc/>
    public override double[] StartingPoint => [3, -1, 0, 1];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [0, 0, 0, 0];
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 13";
    /// <inheritdoc/>
    public override string ClosedForm => "(x1 + 10*x2)^2 + 5*(x3 - x4)^2 + (x2 - 2*x3)^4 + 10*(x1 - x4)^4";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x) => index switch
    {
        0 => x[0] + C<T>(10) * x[1],
        1 => C<T>(Sqrt5) * (x[2] - x[3]),
        2 => Square(x[1] - C<T>(2) * x[2]),
        3 => C<T>(Sqrt10) * Square(x[0] - x[3]),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Powell singular has residuals 0 to 3."),
    };

    private static T Square<T>(T a) where T : System.Numerics.IFloatingPointIeee754<T> => a * a;

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> j)
    {
        double d = x[1] - 2 * x[2], e = x[0] - x[3];
        j.Clear();
        j[0, 0] = 1; j[0, 1] = 10;
        j[1, 2] = Sqrt5; j[1, 3] = -Sqrt5;
        j[2, 1] = 2 * d; j[2, 2] = -4 * d;
        j[3, 0] = 2 * Sqrt10 * e; j[3, 3] = -2 * Sqrt10 * e;
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> r, Matrix<double> h)
    {
        h[1, 1] += 2 * r[2]; h[1, 2] -= 4 * r[2]; h[2, 1] -= 4 * r[2]; h[2, 2] += 8 * r[2];
        double c = 2 * Sqrt10 * r[3];
        h[0, 0] += c; h[0, 3] -= c; h[3, 0] -= c; h[3, 3] += c;
    }
}
