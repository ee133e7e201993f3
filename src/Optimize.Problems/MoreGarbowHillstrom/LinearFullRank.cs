using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The linear function of full rank (MGH problem 32), m ≥ n: rᵢ = xᵢ − (2/m)Σⱼxⱼ − 1 for i ≤ n,
/// rᵢ = −(2/m)Σⱼxⱼ − 1 for i &gt; n; start 1; minimum m − n at (−1, …, −1) (Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class LinearFullRank : SumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables with <paramref name="residuals"/> residuals.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    /// <param name="residuals">m ≥ n.</param>
    public LinearFullRank(int dimension, int residuals)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(residuals, dimension);
        Dimension = dimension;
        ResidualCount = residuals;
    }

    /// <inheritdoc/>
    public override string Name => "linear-full-rank";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount { get; }
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Repeat(1.0, Dimension).ToArray();
    /// <inheritdoc/>
    public override double? KnownMinimum => ResidualCount - Dimension;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => Enumerable.Repeat(-1.0, Dimension).ToArray();
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 32";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T sum = T.Zero;
        foreach (T xj in x) sum += xj;
        T common = -C<T>(2.0 / ResidualCount) * sum - T.One;
        return index < Dimension ? x[index] + common : common;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < ResidualCount; i++)
            for (int j = 0; j < Dimension; j++)
                jacobian[i, j] = (i == j ? 1 : 0) - 2.0 / ResidualCount;
    }

    /// <summary>The residuals are linear: no curvature.</summary>
    /// <param name="x">The point.</param>
    /// <param name="residuals">The residuals.</param>
    /// <param name="hessian">Left unchanged.</param>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian) { }
}
