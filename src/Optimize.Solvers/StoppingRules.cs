using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Solvers;

/// <summary>
/// The driver's stopping tests and the one-line message that explains the verdict. A test claims convergence
/// only about the returned point: the gradient tests are evaluated there, and the step and f-change tests only
/// after a step that moved x.
/// </summary>
internal static class StoppingRules
{
    /// <summary>The unit round-off of double precision.</summary>
    private const double Epsilon = 1.1102230246251565e-16;

    /// <summary>Whether ‖∇f‖₂ meets the absolute or relative target, or the scaled gradient its tolerance.</summary>
    public static bool GradientTest(MinimizerState state, DriverOptions options) =>
        state.HasGradient && (state.GradientNorm <= state.GradientTarget
            || (options.ScaledGradientTolerance > 0 && ScaledGradient(state) <= options.ScaledGradientTolerance));

    /// <summary>ε^{1/3} for ε the unit round-off: the scaled-gradient bound of <see cref="RoundingLimited"/>.</summary>
    private static readonly double CubeRootEpsilon = Math.Cbrt(Epsilon);

    /// <summary>
    /// Whether a run that can make no more progress (its method found no decrease along a descent direction, or its
    /// step left x unchanged) stopped at a point that is stationary as far as f resolves it: the scaled gradient is
    /// at most ε^{1/3}. These are tests U1 and U3 of Gill, Murray &amp; Wright, "Practical Optimization" (1981),
    /// §8.2.3.2, with the accuracy τ_F of f at the unit round-off ε: U1, f changing by no more than τ_F, is what the
    /// failed search or the null step found, and U3 is ‖∇f‖ ≤ τ_F^{1/3}(1 + |f|), here on the scaled gradient (which
    /// bounds ‖∇f‖∞/max(1, |f|) from above). Their U2, a short last step, adds nothing once no step at all changes f.
    /// A run whose f merely stalls while x still moves is not judged here (it may be drifting along a flat valley,
    /// Osborne 1 with heavy ball: singular Hessian at f = 1.106): it stops with no progress. It sets
    /// <see cref="MinimizerState.StopDetail"/>.
    /// </summary>
    public static bool RoundingLimited(MinimizerState state)
    {
        if (!state.HasGradient || !double.IsFinite(state.Value) || !double.IsFinite(state.GradientNorm)) return false;
        double scaled = ScaledGradient(state);
        if (!(scaled <= CubeRootEpsilon)) return false;
        state.StopDetail = string.Create(CultureInfo.InvariantCulture,
            $"f no longer decreases beyond rounding, at scaled {(state.Bounds is null ? "" : "projected ")}gradient maxᵢ|gᵢ|·max(|xᵢ|,1)/max(|f|,1) = {scaled:E2} ≤ ε^(1/3) = {CubeRootEpsilon:E2}");
        return true;
    }

    /// <summary>
    /// The most variables for which the second-order test runs: it needs a dense n×n Hessian, or n gradients, which
    /// above this size would cost more than the iterations it can save.
    /// </summary>
    internal const int SecondOrderMaximumDimension = 100;

    /// <summary>
    /// The largest condition number maxᵢⱼ|Hᵢⱼ|/λ_min the second-order test accepts for an exact Hessian: the smallest
    /// eigenvalue must exceed 10⁻¹⁰·maxᵢⱼ|Hᵢⱼ|, far above the rounding of a computed Hessian (nε·‖H‖).
    /// </summary>
    private const double ExactHessianMargin = 1e-10;

    /// <summary>
    /// The same bound for a Hessian from forward differences of ∇f, whose entries carry errors of about √ε ≈ 1.5e-8
    /// relative to ‖H‖: the smallest eigenvalue must exceed 10⁻⁶·maxᵢⱼ|Hᵢⱼ|, so that a singular Hessian (a flat valley
    /// or a degenerate saddle) is never taken for a positive definite one because of difference error.
    /// </summary>
    private const double DifferenceHessianMargin = 1e-6;

    /// <summary>
    /// The second-order test of a run that stalls while x still moves: xₖ is a strict local minimizer to the accuracy f
    /// resolves when the scaled gradient is at most ε^{1/3} (test U3 of Gill, Murray &amp; Wright, "Practical
    /// Optimization" (1981), §8.2.3.2) and ∇²f(xₖ) is positive definite with its smallest eigenvalue above a margin
    /// (the second-order sufficient conditions, Nocedal &amp; Wright, Theorem 2.4; GMW's test for methods with second
    /// derivatives adds the same condition). A stall alone is no evidence of a minimizer: heavy ball drifts along the
    /// flat valley of Osborne 1 at a saddle with a singular Hessian (f = 1.106), where this test fails. The Hessian is
    /// the oracle's when it gives one (one Hessian evaluation), otherwise forward differences of ∇f with steps
    /// √ε·max(|xⱼ|, 1) (n gradient evaluations, counted), symmetrized. On success <paramref name="detail"/> states the
    /// numbers. It is not run for bounded runs or above <see cref="SecondOrderMaximumDimension"/> variables.
    /// </summary>
    /// <param name="state">The state at xₖ, with f and ∇f there and the run's counted objective.</param>
    /// <param name="detail">The certificate in words, or empty.</param>
    internal static bool SecondOrderMinimizer(MinimizerState state, out string detail)
    {
        detail = "";
        if (state.Bounds is not null || state.Oracle is not IGradientObjective objective || state.X.Length > SecondOrderMaximumDimension) return false;
        if (!state.HasGradient || !double.IsFinite(state.Value) || !double.IsFinite(state.GradientNorm)) return false;
        double scaled = ScaledGradient(state);
        if (!(scaled <= CubeRootEpsilon)) return false;
        int n = state.X.Length;
        var hessian = new MathNet.Numerics.LinearAlgebra.Double.DenseMatrix(n, n);
        bool exact = objective is IHessianObjective;
        if (objective is IHessianObjective second) second.Hessian(state.X, hessian);
        else if (!DifferenceHessian(objective, state, hessian)) return false;
        var values = hessian.Values;
        double largest = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) return false;
            largest = Math.Max(largest, Math.Abs(values[i]));
        }
        double margin = (exact ? ExactHessianMargin : DifferenceHessianMargin) * largest;
        if (!(largest > 0) || !new LinearAlgebra.SymmetricFactorization(n).TryFactor(hessian, -margin)) return false;
        detail = string.Create(CultureInfo.InvariantCulture,
            $"a strict local minimizer: scaled gradient {scaled:E2} ≤ ε^(1/3) = {CubeRootEpsilon:E2} and the {(exact ? "" : "difference ")}Hessian ∇²f − {margin:E2}·I is positive definite");
        return true;
    }

    /// <summary>
    /// The verdict of a run that reached its iteration limit: converged when its last step moved x to a point that
    /// passes the second-order test (<see cref="SecondOrderMinimizer"/>, with <see cref="DriverOptions.SecondOrderTest"/>),
    /// otherwise <see cref="TerminationReason.IterationLimit"/>.
    /// </summary>
    /// <param name="state">The state after the last iteration.</param>
    /// <param name="options">The run's options.</param>
    public static TerminationReason AtIterationLimit(MinimizerState state, DriverOptions options)
    {
        if (options.SecondOrderTest && state.Iteration > 0 && !state.X.AsSpan().SequenceEqual(state.PreviousX)
            && SecondOrderMinimizer(state, out string certificate))
        {
            state.StopDetail = string.Create(CultureInfo.InvariantCulture,
                $"at the iteration limit {options.MaximumIterations}, ") + certificate;
            return TerminationReason.GradientTolerance;
        }
        return TerminationReason.IterationLimit;
    }

    /// <summary>Forward differences of ∇f about xₖ, symmetrized; false when a gradient is not finite.</summary>
    private static bool DifferenceHessian(IGradientObjective objective, MinimizerState state, MathNet.Numerics.LinearAlgebra.Double.DenseMatrix hessian)
    {
        int n = state.X.Length;
        var point = (double[])state.X.Clone();
        var gradient = new double[n];
        var values = hessian.Values;
        for (int j = 0; j < n; j++)
        {
            double h = Math.Sqrt(2 * Epsilon) * Math.Max(Math.Abs(point[j]), 1);
            double original = point[j];
            point[j] = original + h;
            h = point[j] - original;
            double value = objective.ValueAndGradient(point, gradient);
            point[j] = original;
            if (!double.IsFinite(value)) return false;
            // Column j (column-major) is (∇f(x + h eⱼ) − ∇f(x))/h.
            for (int i = 0; i < n; i++) values[j * n + i] = (gradient[i] - state.Gradient[i]) / h;
        }
        for (int j = 0; j < n; j++)
            for (int i = j + 1; i < n; i++)
                values[j * n + i] = values[i * n + j] = 0.5 * (values[j * n + i] + values[i * n + j]);
        return true;
    }

    /// <summary>
    /// maxᵢ |∂f/∂xᵢ|·max(|xᵢ|, 1) / max(|f|, 1) (Dennis &amp; Schnabel, eq. 7.2.5); in a bounded run the projected
    /// gradient x − P(x − ∇f) takes the place of ∇f, so that a bound the gradient pushes against does not count.
    /// </summary>
    public static double ScaledGradient(MinimizerState state)
    {
        double largest = 0;
        var g = state.Gradient;
        var x = state.X;
        if (state.Bounds is { } bounds)
        {
            // With bounds, the projected gradient x − P(x − ∇f) in place of ∇f.
            ReadOnlySpan<double> lower = bounds.Lower, upper = bounds.Upper;
            for (int i = 0; i < g.Length; i++)
                largest = Math.Max(largest, Math.Abs(x[i] - Math.Clamp(x[i] - g[i], lower[i], upper[i])) * Math.Max(Math.Abs(x[i]), 1));
        }
        else
        {
            for (int i = 0; i < g.Length; i++) largest = Math.Max(largest, Math.Abs(g[i]) * Math.Max(Math.Abs(x[i]), 1));
        }
        return largest / Math.Max(Math.Abs(state.Value), 1);
    }

    /// <summary>The tests after an iteration: non-finite or unbounded f, gradient, null step, f change, step, stalled f, slow progress.</summary>
    public static TerminationReason? Test(MinimizerState state, DriverOptions options)
    {
        if (!double.IsFinite(state.Value))
            return double.IsNegativeInfinity(state.Value) ? TerminationReason.Unbounded : TerminationReason.NonFiniteValue;
        if (state.Value < options.UnboundedValue) return TerminationReason.Unbounded;
        if (state.HasGradient && !double.IsFinite(state.GradientNorm)) return TerminationReason.NonFiniteValue;
        if (GradientTest(state, options)) return TerminationReason.GradientTolerance;
        if (state.X.AsSpan().SequenceEqual(state.PreviousX))
        {
            if (RoundingLimited(state)) return TerminationReason.GradientTolerance;
            state.StopDetail = "the step left x unchanged (a null step)";
            return TerminationReason.NoProgress;
        }
        double change = Math.Abs(state.PreviousValue - state.Value);
        if (options.FunctionChangeTolerance > 0 && change <= options.FunctionChangeTolerance * Math.Max(1, Math.Abs(state.Value)))
            return TerminationReason.FunctionChangeTolerance;
        if (options.StepTolerance > 0
            && TensorPrimitives.Distance(state.X, state.PreviousX) <= options.StepTolerance * (1 + TensorPrimitives.Norm(state.X)))
            return TerminationReason.StepTolerance;
        if (options.StallIterations > 0)
        {
            state.StalledIterations = change <= 4 * Epsilon * Math.Abs(state.PreviousValue) ? state.StalledIterations + 1 : 0;
            // On the scale of GMW's U1, τ_F(1 + |f|): near f = 0 a change of f below ε is no progress either, though f
            // may still be falling relative to itself (Beale, Wood at f ≈ 1e-15).
            state.NegligibleChangeIterations = change <= 4 * Epsilon * Math.Max(1, Math.Abs(state.PreviousValue)) ? state.NegligibleChangeIterations + 1 : 0;
            bool stalled = state.StalledIterations >= options.StallIterations;
            // A run whose f changes by less than ε·max(1, |f|) without stalling relative to f is tested after StallIterations
            // such iterations, then after twice, four times as many, and so on: a failed test costs n gradients.
            int negligible = state.NegligibleChangeIterations;
            bool tryCertificate = stalled || (negligible >= options.StallIterations && negligible % options.StallIterations == 0
                && BitOperations.IsPow2(negligible / options.StallIterations));
            if (tryCertificate && options.SecondOrderTest && SecondOrderMinimizer(state, out string certificate))
            {
                state.StopDetail = string.Create(CultureInfo.InvariantCulture,
                    $"f changed by no more than 4ε·max(1, |f|) in {negligible} consecutive iterations, at ") + certificate;
                return TerminationReason.GradientTolerance;
            }
            if (stalled)
            {
                state.StopDetail = string.Create(CultureInfo.InvariantCulture,
                    $"f changed by no more than rounding (4ε·|f|) in {state.StalledIterations} consecutive iterations");
                return TerminationReason.NoProgress;
            }
        }
        return state.SlowProgressWindow > 0 ? SlowProgress(state, options) : null;
    }

    /// <summary>The most f may fall over a window of the slow-progress rule relative to |f| itself: 10%.</summary>
    private const double SlowProgressFraction = 0.1;

    /// <summary>
    /// The factor by which the smallest scaled gradient of a window must fall below that of the window before for the
    /// run to count as progressing: near a minimizer f changes by O(‖∇f‖²), below what it resolves, while ∇f still falls.
    /// One half: L-BFGS on Ginzburg–Landau at n = 10⁴ lowers it 8× per 1000 iterations on its way to the gradient test,
    /// on the discrete boundary-value problem at n = 1000 only 1.25×.
    /// </summary>
    private const double SlowProgressGradientFactor = 0.5;

    /// <summary>
    /// The slow-progress rule of <see cref="DriverOptions.SlowProgressIterations"/>: at the end of each window of that
    /// many iterations (fewer for a method whose iterations are expensive, <see cref="MinimizerState.SlowProgressWindow"/>), f fell by at most <see cref="DriverOptions.SlowProgressTolerance"/>·max(1, |f|) (the factr·ε test
    /// of L-BFGS-B, over the window) and by at most 10% of |f|, the smallest scaled gradient of the window is not half of
    /// that of the window before, and the scaled gradient is at most ε^{1/3} (GMW's U3):
    /// the second-order test may then certify the point; otherwise the run stops with
    /// <see cref="TerminationReason.NoProgress"/>. A run whose f keeps falling by more than either bound, or whose
    /// gradient is not small, is left alone.
    /// </summary>
    private static TerminationReason? SlowProgress(MinimizerState state, DriverOptions options)
    {
        if (!state.HasGradient) return null;
        double scaled = ScaledGradient(state);
        if (double.IsNaN(state.WindowStartValue))
        {
            state.WindowStartValue = state.PreviousValue;
            state.WindowStartIteration = state.Iteration - 1;
        }
        state.WindowSmallestGradient = Math.Min(state.WindowSmallestGradient, scaled);
        int window = state.Iteration - state.WindowStartIteration;
        if (window < state.SlowProgressWindow) return null;
        double decrease = state.WindowStartValue - state.Value;
        double smallest = state.WindowSmallestGradient, before = state.PreviousWindowSmallestGradient;
        state.WindowStartValue = state.Value;
        state.WindowStartIteration = state.Iteration;
        state.PreviousWindowSmallestGradient = smallest;
        state.WindowSmallestGradient = double.PositiveInfinity;
        double bound = options.SlowProgressTolerance * Math.Max(1, Math.Abs(state.Value));
        if (!(decrease <= bound && decrease <= SlowProgressFraction * Math.Abs(state.Value))) return null;
        if (!(scaled <= CubeRootEpsilon) || smallest <= SlowProgressGradientFactor * before) return null;
        var c = CultureInfo.InvariantCulture;
        string slow = string.Create(c,
            $"f fell by {decrease:E2} in the last {window} iterations, at most {options.SlowProgressTolerance:E2}·max(1, |f|) and 10% of |f|, and the smallest scaled gradient went from {before:E2} to {smallest:E2}, not half of it, at scaled gradient {scaled:E2} ≤ ε^(1/3)");
        if (options.SecondOrderTest && SecondOrderMinimizer(state, out string certificate))
        {
            state.StopDetail = slow + ", " + certificate;
            return TerminationReason.GradientTolerance;
        }
        state.StopDetail = slow + "; progress too slow to matter, and the point is not certified a minimizer";
        return TerminationReason.NoProgress;
    }

    /// <summary>One line: why the run stopped, with the numbers that decided it.</summary>
    public static string Describe(TerminationReason reason, MinimizerState state, DriverOptions options, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        string at = state.HasGradient
            ? string.Create(c, $"f = {state.Value:G10}, ‖∇f‖₂ = {state.GradientNorm:E2}, scaled gradient {ScaledGradient(state):E2}")
            : string.Create(c, $"f = {state.Value:G10}");
        string why = reason switch
        {
            TerminationReason.GradientTolerance when state.GradientNorm <= state.GradientTarget =>
                string.Create(c, $"converged: ‖∇f‖₂ = {state.GradientNorm:E2} ≤ {state.GradientTarget:E2}"),
            TerminationReason.GradientTolerance when state.StopDetail is { } limited => "converged: " + limited,
            TerminationReason.GradientTolerance =>
                string.Create(c, $"converged: scaled gradient maxᵢ|gᵢ|·max(|xᵢ|,1)/max(|f|,1) = {ScaledGradient(state):E2} ≤ {options.ScaledGradientTolerance:E2}"),
            TerminationReason.FunctionChangeTolerance or TerminationReason.StepTolerance when state.StopDetail is { } detail =>
                "converged: " + detail,
            TerminationReason.FunctionChangeTolerance =>
                string.Create(c, $"converged: |fₖ − fₖ₋₁| = {Math.Abs(state.PreviousValue - state.Value):E2} ≤ {options.FunctionChangeTolerance:E2}·max(1, |f|)"),
            TerminationReason.StepTolerance =>
                string.Create(c, $"converged: ‖xₖ − xₖ₋₁‖₂ = {TensorPrimitives.Distance(state.X, state.PreviousX):E2} ≤ {options.StepTolerance:E2}·(1 + ‖x‖₂)"),
            TerminationReason.IterationLimit => string.Create(c, $"not converged: the iteration limit {options.MaximumIterations} was reached"),
            TerminationReason.EvaluationLimit => string.Create(c, $"not converged: the evaluation limit {options.MaximumEvaluations} was reached"),
            TerminationReason.TimeLimit => string.Create(c, $"not converged: {elapsed.TotalMilliseconds:F0} ms reached the time limit {options.TimeLimit.TotalMilliseconds:F0} ms"),
            TerminationReason.Cancelled => string.Create(c, $"not converged: cancelled after {state.Iteration} iterations"),
            TerminationReason.CallbackStopped => string.Create(c, $"not converged: the callback stopped the run after {state.Iteration} iterations"),
            TerminationReason.LineSearchFailed => "not converged: the line search found no step that decreases f" + Detail(state),
            TerminationReason.NonFiniteValue => "not converged: f or ∇f was not finite" + Detail(state),
            TerminationReason.Unbounded => string.Create(c, $"f appears unbounded below (threshold {options.UnboundedValue:G3})") + Detail(state),
            _ => "not converged: no progress" + Detail(state),
        };
        return string.Create(c, $"{why}; after {state.Iteration} iterations at {at}");
    }

    private static string Detail(MinimizerState state) => state.StopDetail is { } detail ? ": " + detail : "";
}
