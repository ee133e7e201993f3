using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The linear function of rank 1 (MGH problem 33), m ≥ n: rᵢ = i·Σⱼ j·xⱼ − 1; start 1; minimum
/// m(m − 1)/(2(2m + 1)) wherever Σⱼ j·xⱼ = 3/(2m + 1) (Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class LinearRankOne : SumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables with <paramref name="residuals"/> residuals.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    /// <param name="residuals">m ≥ n.</param>
    public LinearRankOne(int dimension, int residuals)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(residuals, dimension);
        Dimension = dimension;
        ResidualCount = residuals;
    }

    /// <inheritdoc/>
    public override string Name => "linear-rank-1";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount { get; }
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Repeat(1.0, Dimension).ToArray();
    /// <inheritdoc/>
    public override double? KnownMinimum
    {
        get { double m = ResidualCount; return m * (m - 1) / (2 * (2 * m + 1)); }
    }
    /// <summary>The minimizer (3/(2m + 1), 0, …, 0), one of a hyperplane of them.</summary>
    public override double[]? KnownMinimizer
    {
        get { var x = new double[Dimension]; x[0] = 3.0 / (2 * ResidualCount + 1); return x; }
    }
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 33";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T sum = T.Zero;
        for (int j = 0; j < Dimension; j++) sum += C<T>(j + 1) * x[j];
        return C<T>(index + 1) * sum - T.One;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < ResidualCount; i++)
            for (int j = 0; j < Dimension; j++)
                jacobian[i, j] = (i + 1.0) * (j + 1);
    }

    /// <summary>The residuals are linear: no curvature.</summary>
    /// <param name="x">The point.</param>
    /// <param name="residuals">The residuals.</param>
    /// <param name="hessian">Left unchanged.</param>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian) { }
}
