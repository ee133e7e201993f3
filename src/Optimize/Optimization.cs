using System.Runtime.CompilerServices;
using Optimize.Analytic;
using Optimize.AutoDiff;
using Optimize.AutoDiff.Reverse;
using Optimize.Constraints;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize;

/// <summary>
/// Optimization in one call, in the manner of <c>scipy.optimize.minimize(fun, x0, method=…, jac=…, bounds=…,
/// callback=…, options=…)</c>: a function and a start give an <see cref="OptimizationResult"/>. The function may be
/// <list type="bullet">
/// <item>a lambda over <see cref="HessianVectorVariable"/> — <c>Minimize(x =&gt; 100 * Sqr(x[1] - x[0] * x[0]) + Sqr(1 - x[0]), [-1.2, 1])</c>:
/// exact derivatives by reverse mode, constants as plain numbers, no class (gradient in one backward sweep,
/// ∇²f·v forward over reverse in one sweep, so Newton-type methods work too);</item>
/// <item>a function of doubles (<c>Func&lt;double[], double&gt;</c> or the span-based <see cref="ValueFunction"/>):
/// derivatives by differences, the scheme named by <c>derivatives</c> (a difference source of
/// <see cref="DerivativeSources.Standard"/>: <c>forward-diff</c>, <c>central-diff</c> (default), <c>ridders</c>);</item>
/// <item>a function with its gradient (scipy's <c>jac</c>), separate or fused (<see cref="ValueAndGradientFunction"/>);
/// Hessian-vector products, where the method needs them, by differences of the gradient;</item>
/// <item>a function written once over T (<see cref="IScalarFunction"/>): by the code the derivative generator wrote
/// when it carries <c>[GenerateDerivatives]</c> (<see cref="IGeneratedDerivatives"/>), else on the tape; or by any
/// source of <see cref="DerivativeSources.Standard"/> named by <c>derivatives</c>.</item>
/// </list>
/// When several overloads fit a lambda, the one over <see cref="HessianVectorVariable"/> is taken (exact
/// derivatives), then the span-based <see cref="ValueFunction"/>, then <c>Func&lt;double[], double&gt;</c>: a lambda
/// that only compiles over doubles (it calls <see cref="Math"/>, or keeps doubles in locals) gets differences.
/// <see cref="OptimizationResult.Derivatives"/> says which.
/// </summary>
/// <remarks>
/// <para><b>Which method.</b> <c>method</c> names an entry of <see cref="MinimizationMethods"/> (case-insensitive). When
/// none is named the choice follows scipy's: BFGS for problems without bounds (scipy's default), except that above
/// <see cref="DenseDimensionLimit"/> variables L-BFGS is taken instead, whose memory grows with n rather than n²;
/// with bounds scipy takes L-BFGS-B. <see cref="OptimizationResult.Method"/> and
/// <see cref="OptimizationResult.MethodReason"/> say what was chosen and why.</para>
/// <para><b>Bounds.</b> <c>bounds</c> (<see cref="Bounds"/>, e.g. <c>Bounds.Create(lower, upper)</c> or
/// <c>Bounds.Box(n, 0, 1)</c>, ±∞ for a side without a bound) must have x₀'s dimension. With finite bounds and no
/// method named, L-BFGS-B (<c>lbfgsb</c>) runs, as scipy chooses; a named method must accept bounds
/// (<see cref="MinimizationMethod.SupportsBounds"/>: <c>lbfgsb</c>, <c>tron</c>, <c>nelder-mead</c>,
/// <c>coordinate-descent</c>), else an <see cref="ArgumentException"/> names <c>bounds</c>. A start outside the box is
/// projected into it, and the result reports the projected gradient and the active bounds
/// (<see cref="OptimizationResult.ProjectedGradientNorm"/>, <see cref="OptimizationResult.ActiveBounds"/>). Bounds
/// that are infinite everywhere are no bounds.</para>
/// <para><b>Options.</b> <c>options</c> holds the stopping rules and limits shared by every method (scipy's <c>tol</c>
/// and <c>maxiter</c>); <c>methodOptions</c> is the chosen method's own options record (e.g. <c>new LbfgsOptions
/// { Memory = 5 }</c>, scipy's method-specific <c>options</c>); <c>callback</c> is called after every iteration and
/// stops the run by returning true.</para>
/// <para>Bad input (a null function, an empty or non-finite x₀, an unknown method or derivative source, options of
/// another method) throws <see cref="ArgumentException"/> naming the argument; numerical trouble and
/// non-convergence are results with a <see cref="TerminationReason"/>. Every member is safe to call from several
/// threads at once when the caller's functions are.</para>
/// </remarks>
public static partial class Optimization
{
    /// <summary>The difference source used for functions of doubles when none is named: central differences.</summary>
    public const string DefaultDifferences = "central-diff";

    /// <summary>Above this many variables the default method is L-BFGS instead of BFGS (whose n×n matrix would be large).</summary>
    public const int DenseDimensionLimit = 1000;

    /// <summary>Minimizes a lambda written over <see cref="HessianVectorVariable"/>, with exact derivatives by reverse mode.</summary>
    /// <param name="f">f(x), written with the arithmetic of <see cref="HessianVectorVariable"/> (doubles mix in freely) and the functions of this class (<see cref="Sqr{T}"/>, <see cref="Exp{T}"/>, …).</param>
    /// <param name="x0">The start, finite; its length is the dimension.</param>
    /// <param name="method">A name of <see cref="MinimizationMethods"/>; null to choose as scipy does (see the remarks of <see cref="Optimization"/>).</param>
    /// <param name="options">Stopping rules and limits; <see cref="DriverOptions.Default"/> when null.</param>
    /// <param name="callback">Called after every iteration (and for the start); returning true stops the run.</param>
    /// <param name="bounds">Bounds on the variables, or null; with finite bounds and no method named, L-BFGS-B runs.</param>
    /// <param name="methodOptions">The method's own options record, or null for the registry's.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    [OverloadResolutionPriority(2)]
    public static OptimizationResult Minimize(
        Func<HessianVectorVariable[], HessianVectorVariable> f, ReadOnlySpan<double> x0, string? method = null,
        DriverOptions? options = null, Func<IterationRecord, bool>? callback = null, Bounds? bounds = null, object? methodOptions = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        int n = x0.Length;
        return Run(needs => (new ReverseModeLambdaObjective(n, f), needs == OracleCapability.Value ? NoDerivatives : ReverseSource), x0, method, options, callback, bounds, methodOptions);
    }

    /// <summary>Minimizes a function of doubles, with derivatives by differences.</summary>
    /// <param name="f">f(x), given a fresh array.</param>
    /// <param name="x0">The start, finite; its length is the dimension.</param>
    /// <param name="method">A name of <see cref="MinimizationMethods"/>; null to choose as scipy does.</param>
    /// <param name="derivatives">A difference source of <see cref="DerivativeSources.Standard"/>: <c>forward-diff</c>, <c>central-diff</c> or <c>ridders</c>.</param>
    /// <param name="options">Stopping rules and limits; <see cref="DriverOptions.Default"/> when null.</param>
    /// <param name="callback">Called after every iteration (and for the start); returning true stops the run.</param>
    /// <param name="bounds">Bounds on the variables, or null; with finite bounds and no method named, L-BFGS-B runs.</param>
    /// <param name="methodOptions">The method's own options record, or null for the registry's.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static OptimizationResult Minimize(
        Func<double[], double> f, ReadOnlySpan<double> x0, string? method = null, string derivatives = DefaultDifferences,
        DriverOptions? options = null, Func<IterationRecord, bool>? callback = null, Bounds? bounds = null, object? methodOptions = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Minimize(new ValueFunction(x => f(x.ToArray())), x0, method, derivatives, options, callback, bounds, methodOptions);
    }

    /// <summary>Minimizes a span-based function of doubles, with derivatives by differences.</summary>
    /// <param name="f">f(x).</param>
    /// <param name="x0">The start, finite; its length is the dimension.</param>
    /// <param name="method">A name of <see cref="MinimizationMethods"/>; null to choose as scipy does.</param>
    /// <param name="derivatives">A difference source of <see cref="DerivativeSources.Standard"/>: <c>forward-diff</c>, <c>central-diff</c> or <c>ridders</c>.</param>
    /// <param name="options">Stopping rules and limits; <see cref="DriverOptions.Default"/> when null.</param>
    /// <param name="callback">Called after every iteration (and for the start); returning true stops the run.</param>
    /// <param name="bounds">Bounds on the variables, or null; with finite bounds and no method named, L-BFGS-B runs.</param>
    /// <param name="methodOptions">The method's own options record, or null for the registry's.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    [OverloadResolutionPriority(1)]
    public static OptimizationResult Minimize(
        ValueFunction f, ReadOnlySpan<double> x0, string? method = null, string derivatives = DefaultDifferences,
        DriverOptions? options = null, Func<IterationRecord, bool>? callback = null, Bounds? bounds = null, object? methodOptions = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var function = new ValuesOnlyFunction(x0.Length, f);
        var source = DifferenceSource(derivatives);
        return Run(needs => (source.Create(function), needs == OracleCapability.Value ? NoDerivatives : source.Name),
            x0, method, options, callback, bounds, methodOptions);
    }

    /// <summary>Minimizes a function given with its gradient (scipy's <c>jac</c>).</summary>
    /// <param name="f">f(x), given a fresh array.</param>
    /// <param name="gradient">∇f(x), given a fresh array; an array of the dimension's length.</param>
    /// <param name="x0">The start, finite; its length is the dimension.</param>
    /// <param name="method">A name of <see cref="MinimizationMethods"/>; null to choose as scipy does. Methods that need
    /// Hessian-vector products or Hessians get them by central differences of the gradient.</param>
    /// <param name="options">Stopping rules and limits; <see cref="DriverOptions.Default"/> when null.</param>
    /// <param name="callback">Called after every iteration (and for the start); returning true stops the run.</param>
    /// <param name="bounds">Bounds on the variables, or null; with finite bounds and no method named, L-BFGS-B runs.</param>
    /// <param name="methodOptions">The method's own options record, or null for the registry's.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static OptimizationResult Minimize(
        Func<double[], double> f, Func<double[], double[]> gradient, ReadOnlySpan<double> x0, string? method = null,
        DriverOptions? options = null, Func<IterationRecord, bool>? callback = null, Bounds? bounds = null, object? methodOptions = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(gradient);
        int n = x0.Length;
        return Minimize(new ValueAndGradientFunction((x, g) =>
        {
            var point = x.ToArray();
            var computed = gradient(point);
            if (computed is null || computed.Length != n)
                throw new InvalidOperationException($"The gradient returned {computed?.Length.ToString() ?? "null"} entries; the dimension is {n}.");
            computed.CopyTo(g);
            return f(point);
        }), x0, method, options, callback, bounds, methodOptions);
    }

    /// <summary>Minimizes a function that writes its gradient and returns its value (scipy's <c>jac=True</c>).</summary>
    /// <param name="f">Writes ∇f(x) into its second argument and returns f(x).</param>
    /// <param name="x0">The start, finite; its length is the dimension.</param>
    /// <param name="method">A name of <see cref="MinimizationMethods"/>; null to choose as scipy does. Methods that need
    /// Hessian-vector products or Hessians get them by central differences of the gradient.</param>
    /// <param name="options">Stopping rules and limits; <see cref="DriverOptions.Default"/> when null.</param>
    /// <param name="callback">Called after every iteration (and for the start); returning true stops the run.</param>
    /// <param name="bounds">Bounds on the variables, or null; with finite bounds and no method named, L-BFGS-B runs.</param>
    /// <param name="methodOptions">The method's own options record, or null for the registry's.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static OptimizationResult Minimize(
        ValueAndGradientFunction f, ReadOnlySpan<double> x0, string? method = null,
        DriverOptions? options = null, Func<IterationRecord, bool>? callback = null, Bounds? bounds = null, object? methodOptions = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        int n = x0.Length;
        return Run(needs =>
        {
            var given = AnalyticObjective.Create(n, f);
            return needs >= OracleCapability.HessianVector
                ? (FiniteDifferenceObjective.FromGradient(given), GivenGradient + "; Hessian-vector products by central differences of it")
                : (given, needs == OracleCapability.Value ? NoDerivatives : GivenGradient);
        }, x0, method, options, callback, bounds, methodOptions);
    }

    /// <summary>
    /// Minimizes a function written once over T: by its generated derivative code when it carries
    /// <c>[GenerateDerivatives]</c>, else by reverse mode on the tape, or by the source named.
    /// </summary>
    /// <param name="f">The function; its <see cref="IScalarFunction.Dimension"/> must be x₀'s length.</param>
    /// <param name="x0">The start, finite.</param>
    /// <param name="method">A name of <see cref="MinimizationMethods"/>; null to choose as scipy does.</param>
    /// <param name="derivatives">A name of <see cref="DerivativeSources.Standard"/> that accepts f; null for <c>generated-ad</c> or <c>reverse-ad</c>.</param>
    /// <param name="options">Stopping rules and limits; <see cref="DriverOptions.Default"/> when null.</param>
    /// <param name="callback">Called after every iteration (and for the start); returning true stops the run.</param>
    /// <param name="bounds">Bounds on the variables, or null; with finite bounds and no method named, L-BFGS-B runs.</param>
    /// <param name="methodOptions">The method's own options record, or null for the registry's.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static OptimizationResult Minimize(
        IScalarFunction f, ReadOnlySpan<double> x0, string? method = null, string? derivatives = null,
        DriverOptions? options = null, Func<IterationRecord, bool>? callback = null, Bounds? bounds = null, object? methodOptions = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.Dimension != x0.Length)
            throw new ArgumentException($"x0 has {x0.Length} entries; the function's dimension is {f.Dimension}.", nameof(x0));
        var source = SourceFor(f, derivatives);
        return Run(needs => (source.Create(f), needs == OracleCapability.Value ? NoDerivatives : source.Name),
            x0, method, options, callback, bounds, methodOptions);
    }

    /// <summary>
    /// Minimizes an oracle built by any means (a derivative source, hand-coded derivatives, the F# API), choosing the
    /// method as the other overloads do; <see cref="OptimizationResult.Derivatives"/> then names what the oracle gives.
    /// </summary>
    /// <param name="objective">The oracle; its <see cref="IObjective.Dimension"/> must be x₀'s length.</param>
    /// <param name="x0">The start, finite.</param>
    /// <param name="method">A name of <see cref="MinimizationMethods"/>; null to choose as scipy does. It must need no more than the objective gives.</param>
    /// <param name="options">Stopping rules and limits; <see cref="DriverOptions.Default"/> when null.</param>
    /// <param name="callback">Called after every iteration (and for the start); returning true stops the run.</param>
    /// <param name="bounds">Bounds on the variables, or null; with finite bounds and no method named, L-BFGS-B runs.</param>
    /// <param name="methodOptions">The method's own options record, or null for the registry's.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    /// <remarks>
    /// A type that is both an oracle and a function written once (the problems of Optimize.Problems) is minimized as
    /// the oracle, with its own derivatives; cast it to <see cref="IScalarFunction"/> to pick a derivative source.
    /// </remarks>
    [OverloadResolutionPriority(1)]
    public static OptimizationResult Minimize(
        IObjective objective, ReadOnlySpan<double> x0, string? method = null,
        DriverOptions? options = null, Func<IterationRecord, bool>? callback = null, Bounds? bounds = null, object? methodOptions = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (objective.Dimension != x0.Length)
            throw new ArgumentException($"x0 has {x0.Length} entries; the objective's dimension is {objective.Dimension}.", nameof(x0));
        string given = $"the objective's own ({OracleCapabilities.Of(objective).Describe()})";
        return Run(needs => (objective, needs == OracleCapability.Value ? NoDerivatives : given), x0, method, options, callback, bounds, methodOptions);
    }

    private const string ReverseSource = "reverse-ad";
    private const string GeneratedSource = "generated-ad";
    private const string NoDerivatives = "none";
    private const string GivenGradient = "gradient given";

    /// <summary>
    /// The common path: checks the start, the options and the bounds, picks the method, builds the objective for
    /// what the method needs and runs it.
    /// </summary>
    private static OptimizationResult Run(
        Func<OracleCapability, (IObjective Objective, string Derivatives)> build, ReadOnlySpan<double> x0, string? method,
        DriverOptions? options, Func<IterationRecord, bool>? callback, Bounds? bounds, object? methodOptions)
    {
        CheckPoint(x0, nameof(x0));
        options ??= DriverOptions.Default;
        options.Validate();
        if (callback is not null)
        {
            if (options.Callback is not null)
                throw new ArgumentException("Give the callback either as callback or as options.Callback, not both.", nameof(callback));
            options = options with { Callback = callback };
        }
        bounds?.CheckDimension(x0.Length, nameof(bounds));
        var box = bounds is { IsUnbounded: false } ? bounds : null;
        var (entry, reason) = Choose(method, x0.Length, box is not null);
        if (box is not null && !entry.SupportsBounds)
            throw new ArgumentException(
                $"The bounds are finite and method '{entry.Name}' does not handle bounds. Methods that do: " +
                $"{string.Join(", ", MinimizationMethods.All.Where(m => m.SupportsBounds).Select(m => m.Name))}; " +
                "or name no method (L-BFGS-B runs).", nameof(bounds));
        if (methodOptions is not null)
        {
            if (!entry.OptionsType.IsInstanceOfType(methodOptions))
                throw new ArgumentException(
                    $"Method '{entry.Name}' takes {entry.OptionsType.Name}, not {methodOptions.GetType().Name}.", nameof(methodOptions));
            entry = entry.WithOptions(methodOptions);
        }
        var (objective, derivatives) = build(entry.Needs);
        if (!entry.Accepts(objective))
            throw new ArgumentException(
                $"Method '{entry.Name}' needs {entry.Needs.Describe()}; the derivatives '{derivatives}' give " +
                $"{OracleCapabilities.Of(objective).Describe()}. Name another method or derivative source.", nameof(method));
        var result = box is null ? entry.Minimize(objective, x0, options) : entry.Minimize(objective, x0, box, options, CancellationToken.None);
        return new OptimizationResult(result, entry.Name, reason, derivatives);
    }

    /// <summary>The method named, or the default rule's choice, with the reason.</summary>
    private static (MinimizationMethod Method, string Reason) Choose(string? method, int dimension, bool bounded)
    {
        if (method is not null)
        {
            var named = MinimizationMethods.Find(method) ?? throw new ArgumentException(
                $"Unknown method '{method}'. Valid methods: {string.Join(", ", MinimizationMethods.Names)}.", nameof(method));
            return (named, "named by the caller");
        }
        if (bounded)
            return (MinimizationMethods.Get("lbfgsb"), "no method named: L-BFGS-B, scipy's choice with bounds");
        return dimension <= DenseDimensionLimit
            ? (MinimizationMethods.Get("bfgs"), "no method named: BFGS, scipy's choice without bounds")
            : (MinimizationMethods.Get("lbfgs"),
                $"no method named: L-BFGS, as BFGS (scipy's choice without bounds) would keep an n×n matrix for n = {dimension} > {DenseDimensionLimit}");
    }

    /// <summary>Throws unless x is non-empty and finite.</summary>
    private static void CheckPoint(ReadOnlySpan<double> x, string argument)
    {
        if (x.IsEmpty) throw new ArgumentException($"{argument} is empty; it needs one entry per variable.", argument);
        Guard.Finite(x, argument);
    }

    /// <summary>The source for a function written once: the one named, else generated code when it has some, else the tape.</summary>
    private static DerivativeSource SourceFor(IScalarFunction f, string? derivatives)
    {
        var name = derivatives ?? (f is IGeneratedDerivatives ? GeneratedSource : ReverseSource);
        var source = DerivativeSources.Standard.Find(name) ?? throw new ArgumentException(
            $"Unknown derivative source '{name}'. Valid sources: {string.Join(", ", DerivativeSources.Standard.Names)}.", nameof(derivatives));
        if (!source.Supports(f))
            throw new ArgumentException(
                $"The derivative source '{source.Name}' does not accept this function ({source.Description}). " +
                $"Sources that do: {string.Join(", ", DerivativeSources.Standard.For(f).Select(s => s.Name))}.", nameof(derivatives));
        return source;
    }

    /// <summary>
    /// The sources of <see cref="DerivativeSources.Standard"/> that work from values alone: those whose oracle for a
    /// function of doubles is a <see cref="FiniteDifferenceObjective"/>.
    /// </summary>
    private static readonly DerivativeSource[] DifferenceSources =
        DerivativeSources.Standard
            .Where(source => source.Supports(Probe) && source.Create(Probe) is FiniteDifferenceObjective)
            .ToArray();

    private static ValuesOnlyFunction Probe => new(1, x => x[0]);

    /// <summary>The difference source named <paramref name="derivatives"/>.</summary>
    private static DerivativeSource DifferenceSource(string derivatives)
    {
        ArgumentNullException.ThrowIfNull(derivatives);
        return Array.Find(DifferenceSources, s => string.Equals(s.Name, derivatives, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"A function of doubles takes its derivatives from differences: '{derivatives}' is not one of " +
                $"{string.Join(", ", DifferenceSources.Select(s => s.Name))}. For exact derivatives write f over HessianVectorVariable " +
                "(a lambda) or as an IScalarFunction.", nameof(derivatives));
    }
}
