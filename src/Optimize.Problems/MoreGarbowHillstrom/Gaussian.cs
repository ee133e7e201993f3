using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The Gaussian function (MGH problem 9), m = 15: rᵢ = x₁·exp(−x₂(tᵢ − x₃)²/2) − yᵢ with tᵢ = (8 − i)/2;
/// minimum 1.12793…·10⁻⁸ (Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class Gaussian : SumOfSquaresProblem
{
    private static readonly double[] Observations =
        [0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989, 0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009];

    /// <inheritdoc/>
    public override string Name => "gaussian";
    /// <inheritdoc/>
    public override int Dimension => 3;
    /// <inheritdoc/>
    public override int ResidualCount => 15;
    /// <inheritdoc/>
    public override double[] StartingPoint => [0.4, 1, 0];
    /// <inheritdoc/>
    public override double? KnownMinimum => 1.12793e-8;
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 9";

    private static double Time(int index) => (7 - index) / 2.0;

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T s = C<T>(Time(index)) - x[2];
        return x[0] * T.Exp(-x[1] * s * s / C<T>(2)) - C<T>(Observations[index]);
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double s = Time(i) - x[2], e = Math.Exp(-x[1] * s * s / 2);
            jacobian[i, 0] = e;
            jacobian[i, 1] = -x[0] * e * s * s / 2;
            jacobian[i, 2] = x[0] * e * x[1] * s;
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double s = Time(i) - x[2], s2 = s * s, e = Math.Exp(-x[1] * s2 / 2), r = residuals[i];
            double h01 = -e * s2 / 2, h02 = e * x[1] * s, h11 = x[0] * e * s2 * s2 / 4;
            double h12 = x[0] * e * s * (1 - x[1] * s2 / 2), h22 = x[0] * x[1] * e * (x[1] * s2 - 1);
            hessian[0, 1] += r * h01; hessian[1, 0] += r * h01;
            hessian[0, 2] += r * h02; hessian[2, 0] += r * h02;
            hessian[1, 1] += r * h11;
            hessian[1, 2] += r * h12; hessian[2, 1] += r * h12;
            hessian[2, 2] += r * h22;
        }
    }
}
