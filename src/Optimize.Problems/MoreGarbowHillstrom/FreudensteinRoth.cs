using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Freudenstein and Roth's function (MGH problem 2): r₁ = −13 + x₁ + ((5 − x₂)x₂ − 2)x₂,
/// r₂ = −29 + x₁ + ((x₂ + 1)x₂ − 14)x₂; minimum 0 at (5, 4), and a local minimum 48.9842… at
/// (11.41…, −0.8968…) (Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class FreudensteinRoth : SumOfSquaresProblem
{
    /// <inheritdoc/>
    public override string Name => "freudenstein-roth";
    /// <inheritdoc/>
    public override int Dimension => 2;
    /// <inheritdoc/>
    public override int ResidualCount => 2;
    /// <inheritdoc/>
    public override double[] StartingPoint => [0.5, -2];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [5, 4];
    /// <inheritdoc/>
    public override string Source => "Freudenstein & Roth (1963); Moré, Garbow & Hillstrom (1981), problem 2";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, 2);
        T y = x[1];
        return index == 0
            ? C<T>(-13) + x[0] + ((C<T>(5) - y) * y - C<T>(2)) * y
            : C<T>(-29) + x[0] + ((y + T.One) * y - C<T>(14)) * y;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        double y = x[1];
        jacobian[0, 0] = 1;
        jacobian[0, 1] = (10 - 3 * y) * y - 2;
        jacobian[1, 0] = 1;
        jacobian[1, 1] = (3 * y + 2) * y - 14;
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
        => hessian[1, 1] += residuals[0] * (10 - 6 * x[1]) + residuals[1] * (6 * x[1] + 2);
}
