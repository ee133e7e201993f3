using System.Globalization;
using System.Numerics.Tensors;
using Optimize.Constraints;

namespace Optimize.Solvers.Bounded;

/// <summary>
/// The driver's gradient tests for a bounded run: they read the projected gradient x − P(x − ∇f(x)) instead of ∇f,
/// in the ∞-norm as L-BFGS-B does (Byrd, Lu, Nocedal &amp; Zhu 1995, §6; <c>pgtol</c> of the 3.0 code). Since
/// |(x − P(x − g))ᵢ| ≤ |gᵢ|, every point the unbounded tests accept these accept too.
/// </summary>
internal static class BoundedStoppingRules
{
    /// <summary>‖x − P(x − ∇f)‖∞ at the state's point (the run must have bounds).</summary>
    public static double Measure(MinimizerState state) => state.Bounds!.ProjectedGradientNorm(state.X, state.Gradient);

    /// <summary>
    /// Whether f is finite and the projected gradient meets the run's gradient target or the scaled-gradient tolerance;
    /// when it does, <see cref="MinimizerState.StopDetail"/> says which, in numbers.
    /// </summary>
    public static bool GradientTest(MinimizerState state, DriverOptions options)
    {
        if (!double.IsFinite(state.Value)) return false;
        var c = CultureInfo.InvariantCulture;
        double measure = Measure(state);
        if (measure <= state.GradientTarget)
        {
            state.StopDetail = string.Create(c, $"projected gradient ‖x − P(x − ∇f)‖∞ = {measure:E2} ≤ {state.GradientTarget:E2}");
            return true;
        }
        if (options.ScaledGradientTolerance <= 0) return false;
        double scaled = StoppingRules.ScaledGradient(state);
        if (!(scaled <= options.ScaledGradientTolerance)) return false;
        state.StopDetail = string.Create(c,
            $"scaled projected gradient maxᵢ|(x − P(x − ∇f))ᵢ|·max(|xᵢ|,1)/max(|f|,1) = {scaled:E2} ≤ {options.ScaledGradientTolerance:E2}");
        return true;
    }

    /// <summary>‖x − P(x − ∇f)‖∞ for a bounded run, ‖∇f‖∞ for an unbounded one, NaN without a gradient.</summary>
    public static double ProjectedGradientNorm(MinimizerState state)
    {
        if (!state.HasGradient) return double.NaN;
        return state.Bounds is null ? Math.Abs(TensorPrimitives.MaxMagnitude(state.Gradient)) : Measure(state);
    }

    /// <summary>Where each variable of the final point stands against the bounds (all free without bounds).</summary>
    public static BoundState[] States(MinimizerState state)
    {
        var states = new BoundState[state.X.Length];
        if (state.Bounds is { } bounds)
            for (int i = 0; i < states.Length; i++) states[i] = bounds.StateOf(state.X, i);
        return states;
    }

    /// <summary>What the message adds for a bounded run: the projected gradient, the active bounds, a projected start.</summary>
    public static string Describe(MinimizerState state, int projectedCoordinates, BoundState[] states)
    {
        if (state.Bounds is null && projectedCoordinates == 0) return "";
        var c = CultureInfo.InvariantCulture;
        int active = states.Count(s => s != BoundState.Free);
        string text = state.HasGradient
            ? string.Create(c, $"; projected gradient ‖x − P(x − ∇f)‖∞ = {ProjectedGradientNorm(state):E2}, {active} of {states.Length} bounds active")
            : string.Create(c, $"; {active} of {states.Length} bounds active");
        if (projectedCoordinates > 0)
            text += string.Create(c, $"; the start was outside the bounds and was projected onto them ({projectedCoordinates} coordinates moved)");
        return text;
    }
}
