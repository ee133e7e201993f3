using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Osborne's first function (MGH problem 17), m = 33: rᵢ = yᵢ − (x₁ + x₂e^{−tᵢx₄} + x₃e^{−tᵢx₅}), tᵢ = 10(i − 1);
/// minimum 5.46489…·10⁻⁵ (Osborne 1972; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class OsborneOne : SumOfSquaresProblem
{
    private static readonly double[] Observations =
    [
        0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.580,
        0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406,
    ];

    /// <inheritdoc/>
    public override string Name => "osborne-1";
    /// <inheritdoc/>
    public override int Dimension => 5;
    /// <inheritdoc/>
    public override int ResidualCount => 33;
    /// <inheritdoc/>
    public override double[] StartingPoint => [0.5, 1.5, -1, 0.01, 0.02];
    /// <summary>f* = 0.0073924926², the final residual norm of MINPACK's lmder test output, squared (MGH print 5.46489·10⁻⁵).</summary>
    public override double? KnownMinimum => 0.0073924926 * 0.0073924926;
    /// <inheritdoc/>
    public override string Source => "Osborne (1972); Moré, Garbow & Hillstrom (1981), problem 17";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T t = C<T>(10 * index);
        return C<T>(Observations[index]) - (x[0] + x[1] * T.Exp(-t * x[3]) + x[2] * T.Exp(-t * x[4]));
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double t = 10 * i, e4 = Math.Exp(-t * x[3]), e5 = Math.Exp(-t * x[4]);
            jacobian[i, 0] = -1;
            jacobian[i, 1] = -e4;
            jacobian[i, 2] = -e5;
            jacobian[i, 3] = x[1] * t * e4;
            jacobian[i, 4] = x[2] * t * e5;
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double t = 10 * i, e4 = Math.Exp(-t * x[3]), e5 = Math.Exp(-t * x[4]), r = residuals[i];
            Curvature.AddSymmetric(hessian, 1, 3, r * t * e4);
            Curvature.AddSymmetric(hessian, 3, 3, -r * x[1] * t * t * e4);
            Curvature.AddSymmetric(hessian, 2, 4, r * t * e5);
            Curvature.AddSymmetric(hessian, 4, 4, -r * x[2] * t * t * e5);
        }
    }
}
