namespace Optimize.Solvers.LineSearches;

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
