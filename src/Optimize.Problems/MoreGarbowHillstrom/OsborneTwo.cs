using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Osborne's second function (MGH problem 19), m = 65: rᵢ = yᵢ − (x₁e^{−tᵢx₅} + Σₖ₌₂⁴ xₖ e^{−(tᵢ − xₖ₊₇)² xₖ₊₄}),
/// tᵢ = (i − 1)/10; minimum 4.01377…·10⁻² (Osborne 1972; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class OsborneTwo : SumOfSquaresProblem
{
    private static readonly double[] Observations =
    [
        1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608, 0.655, 0.616, 0.606, 0.602,
        0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395, 0.375,
        0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591,
        0.559, 0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054,
    ];

    /// <inheritdoc/>
    public override string Name => "osborne-2";
    /// <inheritdoc/>
    public override int Dimension => 11;
    /// <inheritdoc/>
    public override int ResidualCount => 65;
    /// <inheritdoc/>
    public override double[] StartingPoint => [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5];
    /// <summary>f* = 0.20034404², the final residual norm of MINPACK's lmder test output, squared (MGH print 4.01377·10⁻²).</summary>
    public override double? KnownMinimum => 0.20034404 * 0.20034404;
    /// <inheritdoc/>
    public override string Source => "Osborne (1972); Moré, Garbow & Hillstrom (1981), problem 19";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T t = C<T>(index / 10.0), model = x[0] * T.Exp(-t * x[4]);
        for (int k = 1; k <= 3; k++)
        {
            T d = t - x[7 + k];
            model += x[k] * T.Exp(-d * d * x[4 + k]);
        }
        return C<T>(Observations[index]) - model;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        jacobian.Clear();
        for (int i = 0; i < ResidualCount; i++)
        {
            double t = i / 10.0, e = Math.Exp(-t * x[4]);
            jacobian[i, 0] = -e;
            jacobian[i, 4] = x[0] * t * e;
            for (int k = 1; k <= 3; k++)
            {
                double d = t - x[7 + k], w = x[4 + k], g = Math.Exp(-d * d * w);
                jacobian[i, k] = -g;
                jacobian[i, 4 + k] = x[k] * d * d * g;
                jacobian[i, 7 + k] = -x[k] * 2 * d * w * g;
            }
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        // rᵢ = yᵢ − model; each term a·e^{−d²w} with d = t − c has the second derivatives written below.
        for (int i = 0; i < ResidualCount; i++)
        {
            double t = i / 10.0, e = Math.Exp(-t * x[4]), r = -residuals[i];
            Curvature.AddSymmetric(hessian, 0, 4, -r * t * e);
            Curvature.AddSymmetric(hessian, 4, 4, r * x[0] * t * t * e);
            for (int k = 1; k <= 3; k++)
            {
                int width = 4 + k, centre = 7 + k;
                double a = x[k], d = t - x[centre], w = x[width], g = Math.Exp(-d * d * w);
                Curvature.AddSymmetric(hessian, k, width, -r * d * d * g);
                Curvature.AddSymmetric(hessian, k, centre, r * 2 * d * w * g);
                Curvature.AddSymmetric(hessian, width, width, r * a * d * d * d * d * g);
                Curvature.AddSymmetric(hessian, width, centre, r * a * g * (2 * d - 2 * d * d * d * w));
                Curvature.AddSymmetric(hessian, centre, centre, r * 2 * a * w * g * (2 * d * d * w - 1));
            }
        }
    }
}
