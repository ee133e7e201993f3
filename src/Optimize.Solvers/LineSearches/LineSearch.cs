namespace Optimize.Solvers.LineSearches;

/// <summary>
/// A line search on φ(α) = f(x + α·d) for a descent direction d (φ′(0) &lt; 0). Implementations are immutable
/// option records; a search keeps its working variables on the stack, so one instance serves any number of runs.
/// </summary>
public abstract record LineSearch
{
    /// <summary>Whether the search evaluates φ′ (needs gradients); false for value-only backtracking.</summary>
    public abstract bool UsesSlope { get; }

    /// <summary>Searches for a step from <paramref name="initialStep"/>.</summary>
    /// <param name="phi">φ.</param>
    /// <param name="value0">φ(0) = f(x).</param>
    /// <param name="slope0">φ′(0) = ∇f(x)ᵀd, negative.</param>
    /// <param name="initialStep">The first trial step, positive.</param>
    public abstract LineSearchResult Search(LineFunction phi, double value0, double slope0, double initialStep);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid parameter.</summary>
    public abstract void Validate();

    /// <summary>
    /// Evaluates φ and φ′ at <paramref name="step"/>, halving the step towards <paramref name="anchor"/> while
    /// the value or slope is not finite (at most <paramref name="attempts"/> times).
    /// </summary>
    /// <returns>Whether a finite value and slope were found.</returns>
    private protected static bool EvaluateFinite(
        LineFunction phi, double anchor, int attempts, ref double step, out double value, out double slope)
    {
        for (int attempt = 0; ; attempt++)
        {
            value = phi.ValueAndSlope(step, out slope);
            if (double.IsFinite(value) && double.IsFinite(slope)) return true;
            if (attempt >= attempts) return false;
            step = anchor + 0.5 * (step - anchor);
        }
    }
}
