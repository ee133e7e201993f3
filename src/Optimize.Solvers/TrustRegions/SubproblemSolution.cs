namespace Optimize.Solvers.TrustRegions;

/// <summary>The outcome of a trust-region subproblem min m(p) = gᵀp + ½pᵀBp subject to ‖p‖ ≤ Δ.</summary>
/// <param name="ModelChange">m(p) − m(0) = gᵀp + ½pᵀBp; negative for a useful step.</param>
/// <param name="OnBoundary">Whether ‖p‖ = Δ (to rounding).</param>
/// <param name="NegativeCurvature">Whether a direction with dᵀBd ≤ 0 was met (B not positive definite).</param>
/// <param name="Iterations">Inner iterations: CG steps, or λ updates of Moré–Sorensen.</param>
public readonly record struct SubproblemSolution(double ModelChange, bool OnBoundary, bool NegativeCurvature, int Iterations);
