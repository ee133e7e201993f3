using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The variably dimensioned function (MGH problem 25), m = n + 2: rᵢ = xᵢ − 1 for i ≤ n, r_{n+1} = Σⱼ j(xⱼ − 1),
/// r_{n+2} = r_{n+1}²; start xⱼ = 1 − j/n; minimum 0 at (1, …, 1) (Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class VariablyDimensioned : StructuredSumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public VariablyDimensioned(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => "variably-dimensioned";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => Dimension + 2;
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Range(1, Dimension).Select(j => 1 - (double)j / Dimension).ToArray();
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => Enumerable.Repeat(1.0, Dimension).ToArray();
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 25";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        if (index < Dimension) return x[index] - T.One;
        T sum = T.Zero;
        for (int j = 0; j < Dimension; j++) sum += C<T>(j + 1) * (x[j] - T.One);
        return index == Dimension ? sum : sum * sum;
    }

    private static double WeightedSum(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int j = 0; j < x.Length; j++) sum += (j + 1) * (x[j] - 1);
        return sum;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        int n = Dimension;
        double sum = WeightedSum(x);
        jacobian.Clear();
        for (int j = 0; j < n; j++)
        {
            jacobian[j, j] = 1;
            jacobian[n, j] = j + 1;
            jacobian[n + 1, j] = 2 * sum * (j + 1);
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        double r = residuals[Dimension + 1];
        for (int j = 0; j < Dimension; j++)
            for (int k = 0; k < Dimension; k++)
                hessian[j, k] += 2 * r * (j + 1) * (k + 1);
    }

    /// <inheritdoc/>
    protected override void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        double weighted = 0;
        for (int j = 0; j < Dimension; j++)
        {
            result[j] = v[j];
            weighted += (j + 1) * v[j];
        }
        result[Dimension] = weighted;
        result[Dimension + 1] = 2 * WeightedSum(x) * weighted;
    }

    /// <inheritdoc/>
    protected override void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        double row = w[Dimension] + 2 * WeightedSum(x) * w[Dimension + 1];
        for (int j = 0; j < Dimension; j++) result[j] = w[j] + (j + 1) * row;
    }

    /// <inheritdoc/>
    protected override void AddCurvatureVector(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, ReadOnlySpan<double> v, Span<double> result)
    {
        double weighted = 0;
        for (int k = 0; k < Dimension; k++) weighted += (k + 1) * v[k];
        double scale = 2 * residuals[Dimension + 1] * weighted;
        for (int j = 0; j < Dimension; j++) result[j] += scale * (j + 1);
    }
}
