using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.LineSearches;

/// <summary>How the first trial step α₀ of each line search is chosen (Nocedal &amp; Wright, §3.5).</summary>
public enum InitialStep
{
    /// <summary>α₀ = 1: right for Newton and quasi-Newton directions, which are scaled.</summary>
    Unit,

    /// <summary>
    /// The previous step, rescaled so the first-order change is the same as in the previous iteration:
    /// α₀ = αₖ₋₁·φ′ₖ₋₁(0)/φ′ₖ(0) (Nocedal &amp; Wright, eq. 3.60).
    /// </summary>
    Previous,

    /// <summary>
    /// The minimizer of the quadratic through f(xₖ₋₁), f(xₖ) and φ′ₖ(0): α₀ = 2(fₖ − fₖ₋₁)/φ′ₖ(0)
    /// (Nocedal &amp; Wright, eq. 3.60 and the text following it), for unscaled directions such as −∇f and CG.
    /// </summary>
    QuadraticInterpolation,
}
