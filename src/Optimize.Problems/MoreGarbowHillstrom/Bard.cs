using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Bard's function (MGH problem 8), m = 15: rᵢ = yᵢ − (x₁ + uᵢ/(vᵢx₂ + wᵢx₃)) with uᵢ = i, vᵢ = 16 − i,
/// wᵢ = min(uᵢ, vᵢ); minimum 8.21487…·10⁻³, and 17.4286… approached as x₂, x₃ → −∞ with x₁ = 0.8406…
/// (Bard 1970; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class Bard : SumOfSquaresProblem
{
    private static readonly double[] Observations =
        [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39];

    /// <inheritdoc/>
    public override string Name => "bard";
    /// <inheritdoc/>
    public override int Dimension => 3;
    /// <inheritdoc/>
    public override int ResidualCount => 15;
    /// <inheritdoc/>
    public override double[] StartingPoint => [1, 1, 1];
    /// <summary>f* = 0.090635960², the final residual norm of MINPACK's lmder test output, squared (MGH print 8.21487·10⁻³).</summary>
    public override double? KnownMinimum => 0.090635960 * 0.090635960;
    /// <inheritdoc/>
    public override string Source => "Bard (1970); Moré, Garbow & Hillstrom (1981), problem 8";

    private static (double U, double V, double W) Weights(int index)
    {
        double u = index + 1, v = 15 - index;
        return (u, v, Math.Min(u, v));
    }

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        var (u, v, w) = Weights(index);
        return C<T>(Observations[index]) - (x[0] + C<T>(u) / (C<T>(v) * x[1] + C<T>(w) * x[2]));
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            var (u, v, w) = Weights(i);
            double d = v * x[1] + w * x[2], d2 = d * d;
            jacobian[i, 0] = -1;
            jacobian[i, 1] = u * v / d2;
            jacobian[i, 2] = u * w / d2;
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            var (u, v, w) = Weights(i);
            double d = v * x[1] + w * x[2], c = -2 * residuals[i] * u / (d * d * d);
            hessian[1, 1] += c * v * v;
            hessian[1, 2] += c * v * w;
            hessian[2, 1] += c * v * w;
            hessian[2, 2] += c * w * w;
        }
    }
}
