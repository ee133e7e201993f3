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
    private const double Epsilon = 1.1102230246251565e-16;
    private static readonly double CubeRootEpsilon = Math.Cbrt(Epsilon);

    /// <summary>‖x − P(x − ∇f)‖∞ at the state's point (the run must have bounds).</summary>
    public static double Measure(MinimizerState state) => state.Bounds!.ProjectedGradientNorm(state.X, state.Gradient);

    /// <summary>maxᵢ |(x − P(x − ∇f))ᵢ|·max(|xᵢ|, 1) / max(|f|, 1): the scaled gradient of Dennis &amp; Schnabel (eq. 7.2.5) on the projected gradient.</summary>
    public static double ScaledMeasure(MinimizerState state)
    {
        var bounds = state.Bounds!;
        ReadOnlySpan<double> lower = bounds.Lower, upper = bounds.Upper, x = state.X, g = state.Gradient;
        double largest = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double projected = x[i] - Math.Clamp(x[i] - g[i], lower[i], upper[i]);
            largest = Math.Max(largest, Math.Abs(projected) * Math.Max(Math.Abs(x[i]), 1));
        }
        return largest / Math.Max(Math.Abs(state.Value), 1);
    }

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
        double scaled = ScaledMeasure(state);
        if (!(scaled <= options.ScaledGradientTolerance)) return false;
        state.StopDetail = string.Create(c,
            $"scaled projected gradient maxᵢ|(x − P(x − ∇f))ᵢ|·max(|xᵢ|,1)/max(|f|,1) = {scaled:E2} ≤ {options.ScaledGradientTolerance:E2}");
        return true;
    }

    /// <summary>
    /// The bounded form of the driver's rounding-limited test (Gill, Murray &amp; Wright 1981, §8.2.3.2, tests U2 and
    /// U3): no decrease was found, the scaled projected gradient is at most ε^{1/3} and the last step at most
    /// √ε·(1 + ‖x‖₂). Sets <see cref="MinimizerState.StopDetail"/>.
    /// </summary>
    public static bool RoundingLimited(MinimizerState state)
    {
        if (!double.IsFinite(state.Value) || !double.IsFinite(state.GradientNorm)) return false;
        double scaled = ScaledMeasure(state);
        if (!(scaled <= CubeRootEpsilon)) return false;
        if (!(TensorPrimitives.Distance(state.X, state.PreviousX) <= Math.Sqrt(Epsilon) * (1 + TensorPrimitives.Norm(state.X)))) return false;
        state.StopDetail = string.Create(CultureInfo.InvariantCulture,
            $"f no longer decreases beyond rounding, at scaled projected gradient {scaled:E2} ≤ ε^(1/3) = {CubeRootEpsilon:E2}");
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
