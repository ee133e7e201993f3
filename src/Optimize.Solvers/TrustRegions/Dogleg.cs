using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Solvers.LinearAlgebra;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.TrustRegions;

/// <summary>
/// Powell's dogleg for the trust-region subproblem (Powell 1970; Nocedal &amp; Wright, §4.1, eqs. 4.15–4.16):
/// the path from the Cauchy point pᵁ = −(gᵀg/gᵀBg)g to the Newton point pᴮ = −B⁻¹g, cut at ‖p‖ = Δ. When B is
/// not positive definite, pᴮ uses B + τD from Cholesky with an added multiple of B's diagonal, and when gᵀBg ≤ 0 the step is
/// −Δg/‖g‖. Work arrays are allocated once.
/// </summary>
public sealed class Dogleg
{
    private readonly SymmetricFactorization factorization;
    private readonly double[] newton, cauchy, product;

    /// <summary>Allocates the work arrays for dimension n.</summary>
    /// <param name="dimension">n.</param>
    public Dogleg(int dimension)
    {
        factorization = new SymmetricFactorization(dimension);
        newton = new double[dimension];
        cauchy = new double[dimension];
        product = new double[dimension];
    }

    /// <summary>Solves min gᵀp + ½pᵀBp, ‖p‖ ≤ Δ along the dogleg path.</summary>
    /// <param name="matrix">B, symmetric.</param>
    /// <param name="operator">B as an operator (for the curvature gᵀBg and the model value).</param>
    /// <param name="gradient">g.</param>
    /// <param name="radius">Δ.</param>
    /// <param name="step">Destination for p.</param>
    public SubproblemSolution Solve(DenseMatrix matrix, ILinearOperator @operator, ReadOnlySpan<double> gradient, double radius, Span<double> step)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(@operator);
        double gNorm = TensorPrimitives.Norm(gradient);
        if (gNorm == 0)
        {
            step.Clear();
            return new SubproblemSolution(0, false, false, 0);
        }
        @operator.Multiply(gradient, product);
        double gBg = TensorPrimitives.Dot(gradient, product);
        bool negativeCurvature = !(gBg > 0);
        if (negativeCurvature)
        {
            TensorPrimitives.Multiply(gradient, -radius / gNorm, step);
            return new SubproblemSolution(Model(@operator, gradient, step), true, true, 0);
        }

        if (!factorization.FactorWithAddedDiagonal(matrix))
        {
            // B is not finite: fall back to the Cauchy point.
            TensorPrimitives.Multiply(gradient, -Math.Min(radius / gNorm, gNorm * gNorm / gBg), step);
            return new SubproblemSolution(Model(@operator, gradient, step), true, false, 0);
        }
        bool shifted = factorization.Shift > 0;
        TensorPrimitives.Negate(gradient, newton);
        factorization.Solve(newton);
        if (TensorPrimitives.Norm(newton) <= radius)
        {
            newton.CopyTo(step);
            return new SubproblemSolution(Model(@operator, gradient, step), false, shifted, 1);
        }

        TensorPrimitives.Multiply(gradient, -(gNorm * gNorm) / gBg, cauchy);
        double cauchyNorm = TensorPrimitives.Norm(cauchy);
        if (cauchyNorm >= radius)
        {
            TensorPrimitives.Multiply(cauchy, radius / cauchyNorm, step);
            return new SubproblemSolution(Model(@operator, gradient, step), true, shifted, 1);
        }
        // p = pᵁ + τ(pᴮ − pᵁ) with ‖p‖ = Δ.
        TensorPrimitives.Subtract(newton, cauchy, newton);
        double tau = SteihaugToint.ToBoundary(cauchy, newton, radius);
        TensorPrimitives.MultiplyAdd(newton, tau, cauchy, step);
        return new SubproblemSolution(Model(@operator, gradient, step), true, shifted, 1);
    }

    private double Model(ILinearOperator @operator, ReadOnlySpan<double> gradient, ReadOnlySpan<double> step)
    {
        @operator.Multiply(step, product);
        return TensorPrimitives.Dot(gradient, step) + 0.5 * TensorPrimitives.Dot(step, product);
    }
}
