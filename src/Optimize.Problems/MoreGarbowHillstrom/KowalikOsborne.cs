using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Kowalik and Osborne's function (MGH problem 15), m = 11: rᵢ = yᵢ − x₁(uᵢ² + uᵢx₂)/(uᵢ² + uᵢx₃ + x₄);
/// minimum 3.07505…·10⁻⁴, and 1.02734…·10⁻³ approached as x₁ → ∞, x₃, x₄ → −∞ with x₂ = −14.07…
/// (Kowalik &amp; Osborne 1968; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class KowalikOsborne : SumOfSquaresProblem
{
    private static readonly double[] Observations =
        [0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246];
    private static readonly double[] Abscissae = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625];

    /// <inheritdoc/>
    public override string Name => "kowalik-osborne";
    /// <inheritdoc/>
    public override int Dimension => 4;
    /// <inheritdoc/>
    public override int ResidualCount => 11;
    /// <inheritdoc/>
    public override double[] StartingPoint => [0.25, 0.39, 0.415, 0.39];
    /// <summary>f* = 0.017535838², the final residual norm of MINPACK's lmder test output, squared (MGH print 3.07505·10⁻⁴).</summary>
    public override double? KnownMinimum => 0.017535838 * 0.017535838;
    /// <inheritdoc/>
    public override string Source => "Kowalik & Osborne (1968); Moré, Garbow & Hillstrom (1981), problem 15";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T u = C<T>(Abscissae[index]);
        return C<T>(Observations[index]) - x[0] * (u * u + u * x[1]) / (u * u + u * x[2] + x[3]);
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double u = Abscissae[i], n = u * u + u * x[1], d = u * u + u * x[2] + x[3];
            jacobian[i, 0] = -n / d;
            jacobian[i, 1] = -x[0] * u / d;
            jacobian[i, 2] = x[0] * n * u / (d * d);
            jacobian[i, 3] = x[0] * n / (d * d);
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        // rᵢ = yᵢ − g with g = x₁N/D; adds −rᵢ∇²g.
        for (int i = 0; i < ResidualCount; i++)
        {
            double u = Abscissae[i], n = u * u + u * x[1], d = u * u + u * x[2] + x[3], d2 = d * d, d3 = d2 * d;
            double r = -residuals[i];
            Curvature.AddSymmetric(hessian, 0, 1, r * u / d);
            Curvature.AddSymmetric(hessian, 0, 2, -r * n * u / d2);
            Curvature.AddSymmetric(hessian, 0, 3, -r * n / d2);
            Curvature.AddSymmetric(hessian, 1, 2, -r * x[0] * u * u / d2);
            Curvature.AddSymmetric(hessian, 1, 3, -r * x[0] * u / d2);
            Curvature.AddSymmetric(hessian, 2, 2, 2 * r * x[0] * n * u * u / d3);
            Curvature.AddSymmetric(hessian, 2, 3, 2 * r * x[0] * n * u / d3);
            Curvature.AddSymmetric(hessian, 3, 3, 2 * r * x[0] * n / d3);
        }
    }
}
