using System.Numerics.Tensors;
using Optimize.Solvers.LinearAlgebra;

namespace Optimize.Solvers.TrustRegions;

/// <summary>
/// The Steihaug–Toint truncated conjugate-gradient method for the trust-region subproblem (Steihaug 1983;
/// Toint 1981; Nocedal &amp; Wright, Algorithm 7.2): CG on Bp = −g from p = 0, stopped at the boundary ‖p‖ = Δ,
/// at a direction of nonpositive curvature (followed to the boundary), or when ‖r‖ ≤ η‖g‖. Needs only
/// products B·v, so B may be a Hessian available through Hessian-vector products only. Work vectors are
/// allocated once.
/// </summary>
public sealed class SteihaugToint
{
    private readonly double[] residual, direction, product;

    /// <summary>Allocates the work vectors for dimension n.</summary>
    /// <param name="dimension">n.</param>
    public SteihaugToint(int dimension)
    {
        Guard.Positive(dimension, nameof(dimension));
        residual = new double[dimension];
        direction = new double[dimension];
        product = new double[dimension];
    }

    /// <summary>Approximately solves min gᵀp + ½pᵀBp, ‖p‖ ≤ Δ.</summary>
    /// <param name="operator">B.</param>
    /// <param name="gradient">g.</param>
    /// <param name="radius">Δ &gt; 0.</param>
    /// <param name="step">Destination for p.</param>
    /// <param name="relativeTolerance">η: stop when ‖r‖ ≤ η‖g‖ (Nocedal &amp; Wright use min(0.5, √‖g‖)).</param>
    /// <param name="maximumIterations">The most CG steps.</param>
    public SubproblemSolution Solve(
        ILinearOperator @operator, ReadOnlySpan<double> gradient, double radius, Span<double> step,
        double relativeTolerance, int maximumIterations)
    {
        ArgumentNullException.ThrowIfNull(@operator);
        Guard.Length(gradient.Length, residual.Length, nameof(gradient));
        Guard.Length(step.Length, residual.Length, nameof(step));
        step.Clear();
        gradient.CopyTo(residual);
        TensorPrimitives.Negate(gradient, direction);
        double rr = TensorPrimitives.Dot(residual, residual);
        double tolerance = relativeTolerance * Math.Sqrt(rr);
        double modelChange = 0;
        if (Math.Sqrt(rr) <= tolerance || rr == 0) return new SubproblemSolution(0, false, false, 0);

        for (int j = 0; j < maximumIterations; j++)
        {
            @operator.Multiply(direction, product);
            double curvature = TensorPrimitives.Dot(direction, product);
            double rd = TensorPrimitives.Dot(residual, direction);
            if (!(curvature > 0))
            {
                double tau = ToBoundary(step, direction, radius);
                TensorPrimitives.MultiplyAdd(direction, tau, step, step);
                modelChange += tau * rd + 0.5 * tau * tau * curvature;
                return new SubproblemSolution(modelChange, true, true, j + 1);
            }
            double alpha = rr / curvature;
            double stepNorm = NormAfter(step, direction, alpha);
            if (stepNorm >= radius)
            {
                double tau = ToBoundary(step, direction, radius);
                TensorPrimitives.MultiplyAdd(direction, tau, step, step);
                modelChange += tau * rd + 0.5 * tau * tau * curvature;
                return new SubproblemSolution(modelChange, true, false, j + 1);
            }
            TensorPrimitives.MultiplyAdd(direction, alpha, step, step);
            modelChange += alpha * rd + 0.5 * alpha * alpha * curvature;
            TensorPrimitives.MultiplyAdd(product, alpha, residual, residual);
            double rrNext = TensorPrimitives.Dot(residual, residual);
            if (Math.Sqrt(rrNext) <= tolerance) return new SubproblemSolution(modelChange, false, false, j + 1);
            double beta = rrNext / rr;
            rr = rrNext;
            TensorPrimitives.Multiply(direction, beta, direction);
            TensorPrimitives.Subtract(direction, residual, direction);
        }
        return new SubproblemSolution(modelChange, false, false, maximumIterations);
    }

    private static double NormAfter(ReadOnlySpan<double> p, ReadOnlySpan<double> d, double alpha)
    {
        double pp = TensorPrimitives.Dot(p, p), pd = TensorPrimitives.Dot(p, d), dd = TensorPrimitives.Dot(d, d);
        return Math.Sqrt(Math.Max(0, pp + 2 * alpha * pd + alpha * alpha * dd));
    }

    /// <summary>The τ ≥ 0 with ‖p + τd‖ = Δ.</summary>
    internal static double ToBoundary(ReadOnlySpan<double> p, ReadOnlySpan<double> d, double radius)
    {
        double pp = TensorPrimitives.Dot(p, p), pd = TensorPrimitives.Dot(p, d), dd = TensorPrimitives.Dot(d, d);
        if (dd == 0) return 0;
        double discriminant = Math.Max(0, pd * pd + dd * (radius * radius - pp));
        return (-pd + Math.Sqrt(discriminant)) / dd;
    }
}
