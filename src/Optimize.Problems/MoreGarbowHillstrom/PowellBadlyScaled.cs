using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Powell's badly scaled function (MGH problem 3): r₁ = 10⁴x₁x₂ − 1, r₂ = e^{−x₁} + e^{−x₂} − 1.0001;
/// minimum 0 at (1.098…·10⁻⁵, 9.106…) (Powell 1970; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class PowellBadlyScaled : SumOfSquaresProblem
{
    /// <inheritdoc/>
    public override string Name => "powell-badly-scaled";
    /// <inheritdoc/>
    public override int Dimension => 2;
    /// <inheritdoc/>
    public override int ResidualCount => 2;
    /// <inheritdoc/>
    public override double[] StartingPoint => [0, 1];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override string Source => "Powell (1970); Moré, Garbow & Hillstrom (1981), problem 3";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, 2);
        return index == 0
            ? C<T>(1e4) * x[0] * x[1] - T.One
            : T.Exp(-x[0]) + T.Exp(-x[1]) - C<T>(1.0001);
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        jacobian[0, 0] = 1e4 * x[1];
        jacobian[0, 1] = 1e4 * x[0];
        jacobian[1, 0] = -Math.Exp(-x[0]);
        jacobian[1, 1] = -Math.Exp(-x[1]);
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        hessian[0, 1] += 1e4 * residuals[0];
        hessian[1, 0] += 1e4 * residuals[0];
        hessian[0, 0] += residuals[1] * Math.Exp(-x[0]);
        hessian[1, 1] += residuals[1] * Math.Exp(-x[1]);
    }
}
