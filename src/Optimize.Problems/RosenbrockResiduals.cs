using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.Problems.MoreGarbowHillstrom;

namespace Optimize.Problems;

/// <summary>
/// The extended Rosenbrock function in the residual form Moré, Garbow &amp; Hillstrom state it (problem 21; problem 1
/// for n = 2, and problem 4 of MINPACK's least-squares test driver): r₂ₖ₋₁ = 10(x₂ₖ − x₂ₖ₋₁²), r₂ₖ = 1 − x₂ₖ₋₁, so
/// f = Σᵢ rᵢ² is <see cref="ExtendedRosenbrock"/>'s function. Least-squares solvers need the residuals; minimum 0
/// at (1, …, 1), start (−1.2, 1, …).
/// </summary>
public sealed partial class RosenbrockResiduals : SumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">An even n ≥ 2.</param>
    public RosenbrockResiduals(int dimension)
    {
        if (dimension < 2 || dimension % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be even and at least 2.");
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => Dimension == 2 ? "rosenbrock-residuals" : "extended-rosenbrock-residuals";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => Dimension;
    /// <inheritdoc/>
    public override double[] StartingPoint => new ExtendedRosenbrock(Dimension).StartingPoint;
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => Enumerable.Repeat(1.0, Dimension).ToArray();
    /// <inheritdoc/>
    public override string Source => "Rosenbrock (1960); Moré, Garbow & Hillstrom (1981), problems 1 and 21, residual form";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        int k = index & ~1;
        return index % 2 == 0 ? C<T>(10) * (x[k + 1] - x[k] * x[k]) : T.One - x[k];
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        jacobian.Clear();
        for (int k = 0; k < Dimension; k += 2)
        {
            jacobian[k, k] = -20 * x[k];
            jacobian[k, k + 1] = 10;
            jacobian[k + 1, k] = -1;
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int k = 0; k < Dimension; k += 2) hessian[k, k] += -20 * residuals[k];
    }
}
