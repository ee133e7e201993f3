using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Brown's badly scaled function (MGH problem 4): r₁ = x₁ − 10⁶, r₂ = x₂ − 2·10⁻⁶, r₃ = x₁x₂ − 2;
/// minimum 0 at (10⁶, 2·10⁻⁶) (Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class BrownBadlyScaled : SumOfSquaresProblem
{
    /// <inheritdoc/>
    public override string Name => "brown-badly-scaled";
    /// <inheritdoc/>
    public override int Dimension => 2;
    /// <inheritdoc/>
    public override int ResidualCount => 3;
    /// <inheritdoc/>
    public override double[] StartingPoint => [1, 1];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [1e6, 2e-6];
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 4";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, 3);
        return index switch
        {
            0 => x[0] - C<T>(1e6),
            1 => x[1] - C<T>(2e-6),
            _ => x[0] * x[1] - C<T>(2),
        };
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        jacobian.Clear();
        jacobian[0, 0] = 1;
        jacobian[1, 1] = 1;
        jacobian[2, 0] = x[1];
        jacobian[2, 1] = x[0];
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        hessian[0, 1] += residuals[2];
        hessian[1, 0] += residuals[2];
    }
}
