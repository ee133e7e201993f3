using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>Beale's function, f = Σᵢ (cᵢ − x₁(1 − x₂ⁱ))² with c = (1.5, 2.25, 2.625); minimum 0 at (3, 0.5). MGH problem 5.</summary>
public sealed partial class Beale : SumOfSquaresProblem
{
    private static readonly double[] Constants = [1.5, 2.25, 2.625];

    /// <inheritdoc/>
    public override string Name => "beale";
    /// <inheritdoc/>
    public override int Dimension => 2;
    /// <inheritdoc/>
    public override int ResidualCount => 3;
    /// <inheritdoc/>
    public override double[] StartingPoint => [1, 1];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [3, 0.5];
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 5";
    /// <inheritdoc/>
    public override string ClosedForm => "(1.5 - x1 + x1*x2)^2 + (2.25 - x1 + x1*x2^2)^2 + (2.625 - x1 + x1*x2^3)^2";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        T power = x[1];
        for (int k = 0; k < index; k++) power *= x[1];
        return C<T>(Constants[index]) - x[0] + x[0] * power;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        double y = x[1];
        for (int i = 0; i < 3; i++)
        {
            jacobian[i, 0] = Math.Pow(y, i + 1) - 1;
            jacobian[i, 1] = (i + 1) * x[0] * Math.Pow(y, i);
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> r, Matrix<double> hessian)
    {
        double y = x[1];
        // ∂²rᵢ/∂x∂y = (i+1)·yⁱ, ∂²rᵢ/∂y² = (i+1)·i·x·y^(i−1), ∂²rᵢ/∂x² = 0.
        double xy = r[0] + r[1] * 2 * y + r[2] * 3 * y * y;
        double yy = r[1] * 2 * x[0] + r[2] * 6 * x[0] * y;
        hessian[0, 1] += xy;
        hessian[1, 0] += xy;
        hessian[1, 1] += yy;
    }
}
