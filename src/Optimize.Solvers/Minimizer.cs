using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Optimize.Constraints;
using Optimize.Oracles;
using Optimize.Solvers.Bounded;

namespace Optimize.Solvers;

/// <summary>
/// A minimization method run by the one shared driver loop (the layout of Optim.jl): the method allocates its
/// state once (<see cref="CreateState"/>), evaluates the start (<see cref="Initialize"/>) and performs one
/// iteration per <see cref="Update"/>; the driver owns stopping rules, limits, callback, cancellation and trace.
/// </summary>
/// <typeparam name="TObjective">The weakest oracle the method needs.</typeparam>
/// <typeparam name="TState">The method's state.</typeparam>
/// <example>
/// <code>
/// var result = new Lbfgs(new LbfgsOptions { Memory = 10 })
///     .Minimize(problem, problem.StartingPoint, new DriverOptions { GradientTolerance = 1e-10 });
/// Console.WriteLine(result.BriefReport());
/// </code>
/// </example>
public abstract class Minimizer<TObjective, TState>
    where TObjective : class, IObjective
    where TState : MinimizerState
{
    /// <summary>The method's display name.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Whether the method accepts finite bounds lᵢ ≤ xᵢ ≤ uᵢ (<see cref="Minimize(TObjective, ReadOnlySpan{double}, Bounds, DriverOptions, CancellationToken)"/>).
    /// False by default: such a method runs only without bounds, or with bounds that are all infinite.
    /// </summary>
    public virtual bool SupportsBounds => false;

    /// <summary>
    /// Minimizes <paramref name="objective"/> from <paramref name="initialPoint"/>. Never throws on numerical
    /// trouble or non-convergence: the result's <see cref="MinimizationResult.Reason"/> says why it stopped.
    /// </summary>
    /// <param name="objective">
    /// The objective; wrapped once in a <see cref="CountingObjective"/> for the counts. An oracle that cannot
    /// evaluate at a point returns NaN and reports why on <see cref="EvaluationFailure"/>; the method treats the NaN
    /// as an infinite value and the result's message keeps the report when the run ends on a non-finite value.
    /// </param>
    /// <param name="initialPoint">x₀, finite, of length <see cref="IObjective.Dimension"/>.</param>
    /// <param name="options">Stopping rules and limits; <see cref="DriverOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">
    /// Stops the run: checked before every iteration, and inside oracle work that honours
    /// <see cref="EvaluationCancellation"/> (the finite-difference providers), as is the time limit.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentException">x₀ has the wrong length or a non-finite entry, or an option is invalid.</exception>
#pragma warning disable RS0027 // The bounded overloads have no optional parameter, so no call binds to them by omission.
    public MinimizationResult Minimize(
        TObjective objective, ReadOnlySpan<double> initialPoint, DriverOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Run(objective, initialPoint, null, options, cancellationToken);
#pragma warning restore RS0027

    /// <summary>
    /// Minimizes <paramref name="objective"/> over the box <paramref name="bounds"/> from <paramref name="initialPoint"/>,
    /// as scipy's <c>minimize(..., bounds=...)</c>. A start outside the box is projected into it
    /// (<see cref="MinimizationResult.StartProjected"/>). The gradient tests of the driver then apply to the projected
    /// gradient x − P(x − ∇f(x)) in the ∞-norm, the stationarity measure of L-BFGS-B (Byrd, Lu, Nocedal &amp; Zhu 1995,
    /// §6: ‖P(x − g) − x‖∞ ≤ pgtol), against <see cref="DriverOptions.GradientTolerance"/> (absolute, or relative to its
    /// value at x₀) and, scaled as the scaled gradient, <see cref="DriverOptions.ScaledGradientTolerance"/>. The result
    /// reports the projected-gradient norm and the bounds active at the minimizer.
    /// </summary>
    /// <param name="objective">The objective, as for <see cref="Minimize(TObjective, ReadOnlySpan{double}, DriverOptions, CancellationToken)"/>.</param>
    /// <param name="initialPoint">x₀, finite, of length <see cref="IObjective.Dimension"/>; projected onto the box when outside it.</param>
    /// <param name="bounds">The bounds, one pair per variable (±∞ leaves a side open).</param>
    /// <param name="options">Stopping rules and limits; <see cref="DriverOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the run, as for the unbounded overload.</param>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> or <paramref name="bounds"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The bounds have the wrong number of variables, or some bound is finite and the method does not support bounds
    /// (<see cref="SupportsBounds"/>); x₀ has the wrong length or a non-finite entry; or an option is invalid.
    /// </exception>
    public MinimizationResult Minimize(
        TObjective objective, ReadOnlySpan<double> initialPoint, Bounds bounds, DriverOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(bounds);
        if (bounds.Dimension != objective.Dimension)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"bounds has {bounds.Dimension} variables but the objective has {objective.Dimension}; expected one bound pair per variable."),
                nameof(bounds));
        if (!SupportsBounds && !bounds.IsUnbounded)
            throw new ArgumentException(
                $"{Name} does not support bounds; bounds {bounds} has finite entries. Use a method that supports bounds " +
                "(L-BFGS-B, TRON, Nelder–Mead, coordinate descent) or pass no bounds.", nameof(bounds));
        return Run(objective, initialPoint, bounds, options, cancellationToken);
    }

    /// <summary>Minimizes <paramref name="objective"/> over <paramref name="bounds"/> with the default driver options.</summary>
    /// <inheritdoc cref="Minimize(TObjective, ReadOnlySpan{double}, Bounds, DriverOptions, CancellationToken)"/>
    public MinimizationResult Minimize(TObjective objective, ReadOnlySpan<double> initialPoint, Bounds bounds) =>
        Minimize(objective, initialPoint, bounds, null, default);

    /// <summary>Minimizes <paramref name="objective"/> over <paramref name="bounds"/>, without a cancellation token.</summary>
    /// <inheritdoc cref="Minimize(TObjective, ReadOnlySpan{double}, Bounds, DriverOptions, CancellationToken)"/>
    public MinimizationResult Minimize(TObjective objective, ReadOnlySpan<double> initialPoint, Bounds bounds, DriverOptions? options) =>
        Minimize(objective, initialPoint, bounds, options, default);

    private MinimizationResult Run(
        TObjective objective, ReadOnlySpan<double> initialPoint, Bounds? bounds, DriverOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= DriverOptions.Default;
        options.Validate();
        Guard.Length(initialPoint.Length, objective.Dimension, nameof(initialPoint));
        Guard.Finite(initialPoint, nameof(initialPoint));

        var counted = Count(objective);
        var clock = Stopwatch.StartNew();
        var state = CreateState((TObjective)(IObjective)counted);
        state.Oracle = counted;
        state.SlowProgressWindow = SlowProgressWindow(options);
        EvaluationFailure.Clear();
        initialPoint.CopyTo(state.X);
        // A box with no finite bound is no constraint: the run is the unbounded one.
        state.Bounds = bounds is { IsUnbounded: false } ? bounds : null;
        int projected = state.Bounds?.Project(state.X) ?? 0;
        state.X.CopyTo(state.PreviousX, 0);
        var start = (double[])state.X.Clone();
        var trace = options.StoreTrace ? new List<IterationRecord>() : null;
        // Oracle work inside an iteration (a finite-difference Hessian) honours cancellation and the time limit.
        using var limits = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.TimeLimit != Timeout.InfiniteTimeSpan) limits.CancelAfter(options.TimeLimit);
        TerminationReason reason;
        double initialValue;
        // The time limit is also a deadline the oracle work reads from the clock, in case the timer is held up.
        using (EvaluationCancellation.Enter(limits.Token, options.TimeLimit))
            reason = Run(state, counted, options, trace, clock, cancellationToken, out initialValue);
        bool overTime = options.TimeLimit != Timeout.InfiniteTimeSpan && clock.Elapsed >= options.TimeLimit;
        if ((limits.IsCancellationRequested || overTime)
            && reason is TerminationReason.NonFiniteValue or TerminationReason.LineSearchFailed or TerminationReason.NoProgress)
            reason = cancellationToken.IsCancellationRequested ? TerminationReason.Cancelled : TerminationReason.TimeLimit;
        clock.Stop();
        // A failure the oracle reported (EvaluationFailure) explains a non-finite verdict.
        if (EvaluationFailure.Take() is { } failureMessage && reason == TerminationReason.NonFiniteValue) state.StopDetail ??= failureMessage;
        var diagnostics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        AddDiagnostics(state, diagnostics);
        var boundStates = BoundedStoppingRules.States(state);
        return new MinimizationResult(
            Name, start, initialValue, (double[])state.X.Clone(), state.Value, state.GradientNorm,
            counted.Counts, state.Iteration, clock.Elapsed, reason, (IReadOnlyList<IterationRecord>?)trace ?? [], options)
        {
            Message = StoppingRules.Describe(reason, state, options, clock.Elapsed) + BoundedStoppingRules.Describe(state, projected, boundStates),
            Diagnostics = diagnostics,
            Bounds = bounds,
            StartProjected = projected > 0,
            ProjectedGradientNorm = BoundedStoppingRules.ProjectedGradientNorm(state),
            BoundStates = boundStates,
        };
    }

    /// <summary>Allocates the state of one run (called once, before <see cref="Initialize"/>).</summary>
    /// <param name="objective">The counted objective the run uses.</param>
    protected abstract TState CreateState(TObjective objective);

    /// <summary>
    /// Evaluates f (and ∇f where used) at x₀ = <see cref="MinimizerState.X"/> and prepares the first iteration.
    /// Returns a reason to stop (e.g. <see cref="TerminationReason.NonFiniteValue"/>) or null.
    /// </summary>
    /// <param name="state">The state, with x₀ in <see cref="MinimizerState.X"/>.</param>
    protected abstract TerminationReason? Initialize(TState state);

    /// <summary>
    /// Performs one iteration: moves <see cref="MinimizerState.X"/> to an accepted point, updating f, ∇f,
    /// ‖∇f‖ and the step length, and keeps the previous iterate. Returns a reason to stop, or null to continue;
    /// when it stops, X must be the last accepted (finite) iterate.
    /// </summary>
    /// <param name="state">The state.</param>
    protected abstract TerminationReason? Update(TState state);

    private TerminationReason Run(
        TState state, CountingObjective counted, DriverOptions options, List<IterationRecord>? trace,
        Stopwatch clock, CancellationToken cancellationToken, out double initialValue)
    {
        initialValue = double.NaN;
        state.Value = double.NaN;
        if (cancellationToken.IsCancellationRequested) return TerminationReason.Cancelled;
        var started = Initialize(state);
        initialValue = state.Value;
        if (started is { } failure) return failure;
        if (!double.IsFinite(state.Value) || (state.HasGradient && !double.IsFinite(state.GradientNorm)))
            return TerminationReason.NonFiniteValue;

        // With bounds the gradient tests apply to the projected gradient (BoundedStoppingRules).
        bool bounded = state.Bounds is not null && state.HasGradient;
        double measure = bounded ? BoundedStoppingRules.Measure(state) : state.GradientNorm;
        state.GradientTarget = Math.Max(options.GradientTolerance, options.RelativeGradientTolerance * measure);
        if (state.HasGradient) state.PreviousWindowSmallestGradient = StoppingRules.ScaledGradient(state);
        if (Report(state, counted, trace, clock, options)) return TerminationReason.CallbackStopped;
        if (bounded ? BoundedStoppingRules.GradientTest(state, options) : StoppingRules.GradientTest(state, options))
            return TerminationReason.GradientTolerance;

        while (true)
        {
            if (state.Iteration >= options.MaximumIterations) return StoppingRules.AtIterationLimit(state, options);
            if (cancellationToken.IsCancellationRequested) return TerminationReason.Cancelled;

            var stop = Update(state);
            state.Iteration++;
            // A method that finds no decrease at a point f cannot resolve further has converged (StoppingRules.RoundingLimited).
            if (stop is TerminationReason.LineSearchFailed or TerminationReason.NoProgress
                && StoppingRules.RoundingLimited(state))
                stop = TerminationReason.GradientTolerance;
            var finished = stop ?? (bounded && BoundedStoppingRules.GradientTest(state, options) ? TerminationReason.GradientTolerance : Test(state, options));
            bool callbackStop = Report(state, counted, trace, clock, options);
            if (finished is { } reason) return reason;
            if (callbackStop) return TerminationReason.CallbackStopped;
            if (counted.Counts.Values >= options.MaximumEvaluations) return TerminationReason.EvaluationLimit;
            if (options.TimeLimit != Timeout.InfiniteTimeSpan && clock.Elapsed >= options.TimeLimit) return TerminationReason.TimeLimit;
        }
    }

    /// <summary>
    /// The stopping tests applied after every iteration: by default <see cref="StoppingRules.Test"/> (non-finite or
    /// unbounded f, gradient tests, null step, f change, step, stalled f). A method whose iterates are not a
    /// sequence of steps (Nelder–Mead's simplex) replaces them.
    /// </summary>
    /// <param name="state">The state after the iteration.</param>
    /// <param name="options">The driver options of the run.</param>
    protected virtual TerminationReason? Test(TState state, DriverOptions options) => StoppingRules.Test(state, options);

    /// <summary>
    /// The window of the driver's slow-progress rule in iterations of this method: by default
    /// <see cref="DriverOptions.SlowProgressIterations"/>. A method whose iteration does the work of many cheap ones (a
    /// truncated-Newton iteration, up to n CG steps) judges its progress over fewer iterations. 0 turns the rule off.
    /// </summary>
    /// <param name="options">The driver options of the run.</param>
    protected virtual int SlowProgressWindow(DriverOptions options) => options.SlowProgressIterations;

    /// <summary>
    /// The method's own diagnostics for the result (e.g. rejected trust-region steps, modified Hessians), by name.
    /// None by default.
    /// </summary>
    /// <param name="state">The state at the end of the run.</param>
    /// <param name="diagnostics">Where to add them.</param>
    protected virtual void AddDiagnostics(TState state, IDictionary<string, double> diagnostics) { }

    /// <summary>Records the iteration in the trace and asks the callback whether to stop.</summary>
    private static bool Report(TState state, CountingObjective counted, List<IterationRecord>? trace, Stopwatch clock, DriverOptions options)
    {
        if (trace is null && options.Callback is null) return false;
        var record = new IterationRecord(state.Iteration, state.Value, state.GradientNorm, state.StepLength, counted.Counts, clock.Elapsed);
        trace?.Add(record);
        return options.Callback?.Invoke(record) ?? false;
    }

    /// <summary>
    /// Wraps the objective once in the counting and caching wrapper with every capability it has, so that the
    /// wrapper still implements <typeparamref name="TObjective"/>.
    /// </summary>
    private static CountingObjective Count(TObjective objective) => objective switch
    {
        IHessianObjective hessian => CountingObjective.Wrap(hessian),
        IHessianVectorObjective hessianVector => CountingObjective.Wrap(hessianVector),
        IGradientObjective gradient => CountingObjective.Wrap(gradient),
        _ => CountingObjective.Wrap(objective),
    };
}
