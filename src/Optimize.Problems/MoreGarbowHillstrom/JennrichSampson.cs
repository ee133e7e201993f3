using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Jennrich and Sampson's function (MGH problem 6) with m = 10: rᵢ = 2 + 2i − (e^{ix₁} + e^{ix₂});
/// minimum 124.362… at x₁ = x₂ = 0.2578 (Jennrich &amp; Sampson 1968; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class JennrichSampson : SumOfSquaresProblem
{
    /// <inheritdoc/>
    public override string Name => "jennrich-sampson";
    /// <inheritdoc/>
    public override int Dimension => 2;
    /// <inheritdoc/>
    public override int ResidualCount => 10;
    /// <inheritdoc/>
    public override double[] StartingPoint => [0.3, 0.4];
    /// <summary>f* = 11.151779², the final residual norm of MINPACK's lmder test output, squared (MGH print 124.362).</summary>
    public override double? KnownMinimum => 11.151779 * 11.151779;
    /// <inheritdoc/>
    public override string Source => "Jennrich & Sampson (1968); Moré, Garbow & Hillstrom (1981), problem 6";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T i = C<T>(index + 1);
        return C<T>(2) + C<T>(2) * i - T.Exp(i * x[0]) - T.Exp(i * x[1]);
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int k = 0; k < ResidualCount; k++)
        {
            double i = k + 1;
            jacobian[k, 0] = -i * Math.Exp(i * x[0]);
            jacobian[k, 1] = -i * Math.Exp(i * x[1]);
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int k = 0; k < ResidualCount; k++)
        {
            double i = k + 1;
            hessian[0, 0] -= residuals[k] * i * i * Math.Exp(i * x[0]);
            hessian[1, 1] -= residuals[k] * i * i * Math.Exp(i * x[1]);
        }
    }
}
