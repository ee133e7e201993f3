using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Brown and Dennis's function (MGH problem 16) with m = 20: rᵢ = (x₁ + tᵢx₂ − e^{tᵢ})² + (x₃ + x₄ sin tᵢ − cos tᵢ)²,
/// tᵢ = i/5; minimum 85822.2… (Brown &amp; Dennis 1971; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class BrownDennis : SumOfSquaresProblem
{
    /// <inheritdoc/>
    public override string Name => "brown-dennis";
    /// <inheritdoc/>
    public override int Dimension => 4;
    /// <inheritdoc/>
    public override int ResidualCount => 20;
    /// <inheritdoc/>
    public override double[] StartingPoint => [25, 5, -5, -1];
    /// <summary>
    /// f* = 85822.2 as Moré, Garbow and Hillstrom print it; MINPACK's lmder output (292.95429²) stops 0.015 above the
    /// minimum 85822.2016…, which every converging method reaches.
    /// </summary>
    public override double? KnownMinimum => 85822.2;
    /// <inheritdoc/>
    public override string Source => "Brown & Dennis (1971); Moré, Garbow & Hillstrom (1981), problem 16";

    private static double Time(int index) => (index + 1) / 5.0;

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        double t = Time(index);
        T a = x[0] + C<T>(t) * x[1] - C<T>(Math.Exp(t)), b = x[2] + C<T>(Math.Sin(t)) * x[3] - C<T>(Math.Cos(t));
        return a * a + b * b;
    }

    private static (double A, double B, double Sine) Parts(int index, ReadOnlySpan<double> x)
    {
        double t = Time(index), sine = Math.Sin(t);
        return (x[0] + t * x[1] - Math.Exp(t), x[2] + sine * x[3] - Math.Cos(t), sine);
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            var (a, b, sine) = Parts(i, x);
            jacobian[i, 0] = 2 * a;
            jacobian[i, 1] = 2 * a * Time(i);
            jacobian[i, 2] = 2 * b;
            jacobian[i, 3] = 2 * b * sine;
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double t = Time(i), sine = Math.Sin(t), r = 2 * residuals[i];
            Curvature.AddSymmetric(hessian, 0, 0, r);
            Curvature.AddSymmetric(hessian, 0, 1, r * t);
            Curvature.AddSymmetric(hessian, 1, 1, r * t * t);
            Curvature.AddSymmetric(hessian, 2, 2, r);
            Curvature.AddSymmetric(hessian, 2, 3, r * sine);
            Curvature.AddSymmetric(hessian, 3, 3, r * sine * sine);
        }
    }
}
