using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Broyden's banded function (MGH problem 31), m = n: rᵢ = xᵢ(2 + 5xᵢ²) + 1 − Σ_{j∈Jᵢ} xⱼ(1 + xⱼ) with
/// Jᵢ = {j ≠ i : max(1, i − 5) ≤ j ≤ min(n, i + 1)}; start −1; minimum 0 (Broyden 1971;
/// Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class BroydenBanded : StructuredSumOfSquaresProblem
{
    private const int Lower = 5, Upper = 1;

    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public BroydenBanded(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => "broyden-banded";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => Dimension;
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Repeat(-1.0, Dimension).ToArray();
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override string Source => "Broyden (1971); Moré, Garbow & Hillstrom (1981), problem 31";

    private (int First, int Last) Band(int i) => (Math.Max(0, i - Lower), Math.Min(Dimension - 1, i + Upper));

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T xi = x[index], sum = xi * (C<T>(2) + C<T>(5) * xi * xi) + T.One;
        var (first, last) = Band(index);
        for (int j = first; j <= last; j++)
            if (j != index) sum -= x[j] * (T.One + x[j]);
        return sum;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        jacobian.Clear();
        for (int i = 0; i < Dimension; i++)
        {
            var (first, last) = Band(i);
            for (int j = first; j <= last; j++)
                jacobian[i, j] = j == i ? 2 + 15 * x[i] * x[i] : -(1 + 2 * x[j]);
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int i = 0; i < Dimension; i++)
        {
            var (first, last) = Band(i);
            for (int j = first; j <= last; j++)
                hessian[j, j] += residuals[i] * (j == i ? 30 * x[i] : -2);
        }
    }

    /// <inheritdoc/>
    protected override void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i < Dimension; i++)
        {
            var (first, last) = Band(i);
            double sum = 0;
            for (int j = first; j <= last; j++) sum += (j == i ? 2 + 15 * x[i] * x[i] : -(1 + 2 * x[j])) * v[j];
            result[i] = sum;
        }
    }

    /// <inheritdoc/>
    protected override void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        result.Clear();
        for (int i = 0; i < Dimension; i++)
        {
            var (first, last) = Band(i);
            for (int j = first; j <= last; j++) result[j] += (j == i ? 2 + 15 * x[i] * x[i] : -(1 + 2 * x[j])) * w[i];
        }
    }

    /// <inheritdoc/>
    protected override void AddCurvatureVector(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i < Dimension; i++)
        {
            var (first, last) = Band(i);
            for (int j = first; j <= last; j++) result[j] += residuals[i] * (j == i ? 30 * x[i] : -2) * v[j];
        }
    }
}
