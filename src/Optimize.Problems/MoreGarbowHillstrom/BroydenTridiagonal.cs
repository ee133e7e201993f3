using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Broyden's tridiagonal function (MGH problem 30), m = n, x₀ = xₙ₊₁ = 0: rᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1;
/// start −1; minimum 0 (Broyden 1965; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class BroydenTridiagonal : StructuredSumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public BroydenTridiagonal(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => "broyden-tridiagonal";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => Dimension;
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Repeat(-1.0, Dimension).ToArray();
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override string Source => "Broyden (1965); Moré, Garbow & Hillstrom (1981), problem 30";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T left = index > 0 ? x[index - 1] : T.Zero, right = index < Dimension - 1 ? x[index + 1] : T.Zero;
        return (C<T>(3) - C<T>(2) * x[index]) * x[index] - left - C<T>(2) * right + T.One;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        jacobian.Clear();
        for (int i = 0; i < Dimension; i++)
        {
            jacobian[i, i] = 3 - 4 * x[i];
            if (i > 0) jacobian[i, i - 1] = -1;
            if (i < Dimension - 1) jacobian[i, i + 1] = -2;
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int i = 0; i < Dimension; i++) hessian[i, i] -= 4 * residuals[i];
    }

    /// <inheritdoc/>
    protected override void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i < Dimension; i++)
            result[i] = (3 - 4 * x[i]) * v[i] - (i > 0 ? v[i - 1] : 0) - 2 * (i < Dimension - 1 ? v[i + 1] : 0);
    }

    /// <inheritdoc/>
    protected override void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        for (int j = 0; j < Dimension; j++)
            result[j] = (3 - 4 * x[j]) * w[j] - (j < Dimension - 1 ? w[j + 1] : 0) - 2 * (j > 0 ? w[j - 1] : 0);
    }

    /// <inheritdoc/>
    protected override void AddCurvatureVector(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i < Dimension; i++) result[i] -= 4 * residuals[i] * v[i];
    }
}
