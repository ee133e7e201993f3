using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The linear function of rank 1 with zero columns and rows (MGH problem 34), m ≥ n ≥ 3: r₁ = rₘ = −1,
/// rᵢ = (i − 1)·Σⱼ₌₂ⁿ⁻¹ j·xⱼ − 1 otherwise; start 1; minimum (m² + 3m − 6)/(2(2m − 3)) wherever
/// Σⱼ₌₂ⁿ⁻¹ j·xⱼ = 3/(2m − 3) (Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class LinearRankOneZeroColumnsAndRows : SumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables with <paramref name="residuals"/> residuals.</summary>
    /// <param name="dimension">n ≥ 3.</param>
    /// <param name="residuals">m ≥ n.</param>
    public LinearRankOneZeroColumnsAndRows(int dimension, int residuals)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(residuals, dimension);
        Dimension = dimension;
        ResidualCount = residuals;
    }

    /// <inheritdoc/>
    public override string Name => "linear-rank-1-zero-columns-rows";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount { get; }
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Repeat(1.0, Dimension).ToArray();
    /// <inheritdoc/>
    public override double? KnownMinimum
    {
        get { double m = ResidualCount; return (m * m + 3 * m - 6) / (2 * (2 * m - 3)); }
    }
    /// <summary>The minimizer (0, 3/(2(2m − 3)), 0, …, 0), one of a hyperplane of them.</summary>
    public override double[]? KnownMinimizer
    {
        get { var x = new double[Dimension]; x[1] = 1.5 / (2 * ResidualCount - 3); return x; }
    }
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 34";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        if (index == 0 || index == ResidualCount - 1) return -T.One;
        T sum = T.Zero;
        for (int j = 1; j < Dimension - 1; j++) sum += C<T>(j + 1) * x[j];
        return C<T>(index) * sum - T.One;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        jacobian.Clear();
        for (int i = 1; i < ResidualCount - 1; i++)
            for (int j = 1; j < Dimension - 1; j++)
                jacobian[i, j] = (double)i * (j + 1);
    }

    /// <summary>The residuals are linear: no curvature.</summary>
    /// <param name="x">The point.</param>
    /// <param name="residuals">The residuals.</param>
    /// <param name="hessian">Left unchanged.</param>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian) { }
}
