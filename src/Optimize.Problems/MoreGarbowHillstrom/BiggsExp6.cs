using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Biggs's EXP6 function (MGH problem 18) with m = 13: rᵢ = x₃e^{−tᵢx₁} − x₄e^{−tᵢx₂} + x₆e^{−tᵢx₅} − yᵢ,
/// tᵢ = i/10, yᵢ = e^{−tᵢ} − 5e^{−10tᵢ} + 3e^{−4tᵢ}; minimum 0 at (1, 10, 1, 5, 4, 3), and a local
/// minimum 5.65565…·10⁻³ (Biggs 1971; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class BiggsExp6 : SumOfSquaresProblem
{
    /// <inheritdoc/>
    public override string Name => "biggs-exp6";
    /// <inheritdoc/>
    public override int Dimension => 6;
    /// <inheritdoc/>
    public override int ResidualCount => 13;
    /// <inheritdoc/>
    public override double[] StartingPoint => [1, 2, 1, 1, 1, 1];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [1, 10, 1, 5, 4, 3];
    /// <inheritdoc/>
    public override string Source => "Biggs (1971); Moré, Garbow & Hillstrom (1981), problem 18";

    private static double Time(int index) => (index + 1) / 10.0;
    private static double Observation(double t) => Math.Exp(-t) - 5 * Math.Exp(-10 * t) + 3 * Math.Exp(-4 * t);

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        double time = Time(index);
        T t = C<T>(time);
        return x[2] * T.Exp(-t * x[0]) - x[3] * T.Exp(-t * x[1]) + x[5] * T.Exp(-t * x[4]) - C<T>(Observation(time));
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double t = Time(i), e1 = Math.Exp(-t * x[0]), e2 = Math.Exp(-t * x[1]), e5 = Math.Exp(-t * x[4]);
            jacobian[i, 0] = -t * x[2] * e1;
            jacobian[i, 1] = t * x[3] * e2;
            jacobian[i, 2] = e1;
            jacobian[i, 3] = -e2;
            jacobian[i, 4] = -t * x[5] * e5;
            jacobian[i, 5] = e5;
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double t = Time(i), e1 = Math.Exp(-t * x[0]), e2 = Math.Exp(-t * x[1]), e5 = Math.Exp(-t * x[4]), r = residuals[i];
            Curvature.AddSymmetric(hessian, 0, 0, r * t * t * x[2] * e1);
            Curvature.AddSymmetric(hessian, 0, 2, -r * t * e1);
            Curvature.AddSymmetric(hessian, 1, 1, -r * t * t * x[3] * e2);
            Curvature.AddSymmetric(hessian, 1, 3, r * t * e2);
            Curvature.AddSymmetric(hessian, 4, 4, r * t * t * x[5] * e5);
            Curvature.AddSymmetric(hessian, 4, 5, -r * t * e5);
        }
    }
}
