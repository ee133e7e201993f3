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

/// <summary>Computes α₀ for an <see cref="InitialStep"/> rule.</summary>
public static class InitialStepRule
{
    /// <summary>
    /// The first trial step. Before any step was accepted, rules other than <see cref="InitialStep.Unit"/>
    /// use min(1, 1/‖d‖∞), which keeps the first trial point within unit distance of x.
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <param name="slope">φ′ₖ(0) of the current search (negative).</param>
    /// <param name="directionMaximum">‖d‖∞.</param>
    /// <param name="previousStep">αₖ₋₁, or NaN in the first iteration.</param>
    /// <param name="previousSlope">φ′ₖ₋₁(0), or NaN in the first iteration.</param>
    /// <param name="value">fₖ.</param>
    /// <param name="previousValue">fₖ₋₁, or NaN in the first iteration.</param>
    public static double Choose(
        InitialStep rule, double slope, double directionMaximum, double previousStep, double previousSlope,
        double value, double previousValue)
    {
        if (rule == InitialStep.Unit) return 1;
        double first = directionMaximum > 1 ? 1 / directionMaximum : 1;
        double step = rule switch
        {
            InitialStep.Previous => previousStep * previousSlope / slope,
            _ => 2 * (value - previousValue) / slope,
        };
        return double.IsFinite(step) && step > 0 ? Math.Min(step, 1e10) : first;
    }
}
