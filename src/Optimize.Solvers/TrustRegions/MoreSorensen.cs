using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Solvers.LinearAlgebra;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.TrustRegions;

/// <summary>
/// The nearly exact trust-region step of Moré &amp; Sorensen (1983), "Computing a trust region step", SIAM J. Sci.
/// Stat. Comput. 4(3) (Nocedal &amp; Wright, Algorithm 4.3): finds λ ≥ 0 with B + λI positive semidefinite and
/// ‖p(λ)‖ = Δ for p(λ) = −(B + λI)⁻¹g by safeguarded Newton iterations on 1/‖p(λ)‖ − 1/Δ, using Cholesky
/// factors and the update λ ← λ + (‖p‖/‖q‖)²(‖p‖ − Δ)/Δ with Lq = p. The hard case (g orthogonal to the
/// eigenvectors of the smallest eigenvalue) is finished with an eigenvector of B (an eigen-decomposition, which
/// allocates; it is rare).
/// </summary>
public sealed class MoreSorensen
{
    private readonly int n;
    private readonly SymmetricFactorization factorization;
    private readonly double[] p, q, product;

    /// <summary>Allocates the work arrays for dimension n.</summary>
    /// <param name="dimension">n.</param>
    public MoreSorensen(int dimension)
    {
        factorization = new SymmetricFactorization(dimension);
        n = dimension;
        p = new double[dimension];
        q = new double[dimension];
        product = new double[dimension];
    }

    /// <summary>Relative accuracy of ‖p‖ on the boundary: |‖p‖ − Δ| ≤ this · Δ. Default 0.01.</summary>
    public double BoundaryTolerance { get; init; } = 0.01;

    /// <summary>The most λ updates. Default 50.</summary>
    public int MaximumIterations { get; init; } = 50;

    /// <summary>Solves min gᵀp + ½pᵀBp, ‖p‖ ≤ Δ.</summary>
    /// <param name="matrix">B, symmetric.</param>
    /// <param name="operator">B as an operator (for the model value).</param>
    /// <param name="gradient">g.</param>
    /// <param name="radius">Δ.</param>
    /// <param name="step">Destination for p.</param>
    public SubproblemSolution Solve(DenseMatrix matrix, ILinearOperator @operator, ReadOnlySpan<double> gradient, double radius, Span<double> step)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(@operator);
        double gNorm = TensorPrimitives.Norm(gradient);
        var values = matrix.Values;
        double matrixNorm = 0, minimumDiagonal = double.PositiveInfinity;
        for (int j = 0; j < n; j++)
        {
            matrixNorm = Math.Max(matrixNorm, TensorPrimitives.SumOfMagnitudes(values.AsSpan(j * n, n)));
            minimumDiagonal = Math.Min(minimumDiagonal, values[j * n + j]);
        }
        double lower = Math.Max(0, Math.Max(-minimumDiagonal, gNorm / radius - matrixNorm));
        double upper = gNorm / radius + matrixNorm;
        bool negativeCurvature = false;

        double lambda = 0;
        int iteration = 0;
        for (; iteration < MaximumIterations; iteration++)
        {
            if (!factorization.TryFactor(matrix, lambda))
            {
                negativeCurvature |= lambda == 0;
                lower = Math.Max(lower, lambda);
                lambda = NextInside(lower, upper);
                if (upper - lower <= 1e-12 * Math.Max(1, upper)) break;
                continue;
            }
            TensorPrimitives.Negate(gradient, p);
            factorization.Solve(p);
            double pNorm = TensorPrimitives.Norm(p);
            if (lambda == 0 && pNorm <= radius * (1 + BoundaryTolerance))
                return Finish(@operator, gradient, step, onBoundary: pNorm >= radius * (1 - BoundaryTolerance), negativeCurvature, iteration + 1);
            if (Math.Abs(pNorm - radius) <= BoundaryTolerance * radius)
                return Finish(@operator, gradient, step, onBoundary: true, negativeCurvature, iteration + 1);
            if (pNorm < radius) upper = lambda; else lower = lambda;

            p.CopyTo(q, 0);
            factorization.SolveLower(q);
            double qNorm = TensorPrimitives.Norm(q);
            double next = lambda + (pNorm / qNorm) * (pNorm / qNorm) * (pNorm - radius) / radius;
            lambda = double.IsFinite(next) && next > lower && next < upper ? next : NextInside(lower, upper);
            if (upper - lower <= 1e-12 * Math.Max(1, upper)) break;
        }

        // Hard case, or λ bracketed to rounding: move from p(λ) along an eigenvector of the smallest eigenvalue to the boundary.
        if (!factorization.TryFactor(matrix, upper))
            return HardCase(matrix, @operator, gradient, radius, step, iteration, zeroStep: true);
        TensorPrimitives.Negate(gradient, p);
        factorization.Solve(p);
        if (TensorPrimitives.Norm(p) >= radius * (1 - BoundaryTolerance))
        {
            TensorPrimitives.Multiply(p, radius / TensorPrimitives.Norm(p), p);
            return Finish(@operator, gradient, step, onBoundary: true, negativeCurvature, iteration);
        }
        return HardCase(matrix, @operator, gradient, radius, step, iteration, zeroStep: false);
    }

    private static double NextInside(double lower, double upper) =>
        Math.Max(Math.Sqrt(lower * upper), lower + 0.01 * (upper - lower));

    private SubproblemSolution HardCase(
        DenseMatrix matrix, ILinearOperator @operator, ReadOnlySpan<double> gradient, double radius, Span<double> step,
        int iterations, bool zeroStep)
    {
        if (zeroStep) Array.Clear(p);
        var decomposition = matrix.Evd(Symmetricity.Symmetric);
        var eigenvector = decomposition.EigenVectors.Column(0).AsArray() ?? decomposition.EigenVectors.Column(0).ToArray();
        double tau = SteihaugToint.ToBoundary(p, eigenvector, radius);
        // Of the two boundary points p ± τz pick the one with the lower model value.
        TensorPrimitives.MultiplyAdd(eigenvector, tau, p, q);
        double plus = Model(@operator, gradient, q);
        TensorPrimitives.Negate(eigenvector, eigenvector);
        double tauMinus = SteihaugToint.ToBoundary(p, eigenvector, radius);
        TensorPrimitives.MultiplyAdd(eigenvector, tauMinus, p, p);
        double minus = Model(@operator, gradient, p);
        if (plus < minus) q.CopyTo(p, 0);
        return Finish(@operator, gradient, step, onBoundary: true, negativeCurvature: true, iterations);
    }

    private SubproblemSolution Finish(ILinearOperator @operator, ReadOnlySpan<double> gradient, Span<double> step, bool onBoundary, bool negativeCurvature, int iterations)
    {
        p.CopyTo(step);
        return new SubproblemSolution(Model(@operator, gradient, p), onBoundary, negativeCurvature, iterations);
    }

    private double Model(ILinearOperator @operator, ReadOnlySpan<double> gradient, ReadOnlySpan<double> s)
    {
        @operator.Multiply(s, product);
        return TensorPrimitives.Dot(gradient, s) + 0.5 * TensorPrimitives.Dot(s, product);
    }
}
