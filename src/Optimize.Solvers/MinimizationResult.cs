using System.Globalization;
using System.Text;
using Optimize.Constraints;
using Optimize.Oracles;

namespace Optimize.Solvers;

/// <summary>
/// The outcome of a minimization: the best point found, how it was found and why the run stopped. Runs that
/// do not converge still return a result (with <see cref="Converged"/> false), in the manner of Optim.jl's
/// results and Ceres' <c>Summary</c>.
/// </summary>
public sealed class MinimizationResult
{
    internal MinimizationResult(
        string method, double[] initialPoint, double initialValue, double[] minimizer, double minimum,
        double gradientNorm, EvaluationCounts evaluations, int iterations, TimeSpan elapsed,
        TerminationReason reason, IReadOnlyList<IterationRecord> trace, DriverOptions options)
    {
        Method = method;
        InitialPoint = initialPoint;
        InitialValue = initialValue;
        Minimizer = minimizer;
        Minimum = minimum;
        GradientNorm = gradientNorm;
        Evaluations = evaluations;
        Iterations = iterations;
        Elapsed = elapsed;
        Reason = reason;
        Trace = trace;
        Options = options;
    }

    /// <summary>The method's name.</summary>
    public string Method { get; }

    /// <summary>The starting point x₀ (a copy).</summary>
    public double[] InitialPoint { get; }

    /// <summary>f(x₀) (NaN when the run stopped before evaluating it).</summary>
    public double InitialValue { get; }

    /// <summary>The final iterate: the best point accepted by the method.</summary>
    public double[] Minimizer { get; }

    /// <summary>f at <see cref="Minimizer"/>.</summary>
    public double Minimum { get; }

    /// <summary>‖∇f‖₂ at <see cref="Minimizer"/>, or NaN for derivative-free methods.</summary>
    public double GradientNorm { get; }

    /// <summary>Oracle calls by kind: f, ∇f, Hessian-vector products, Hessians.</summary>
    public EvaluationCounts Evaluations { get; }

    /// <summary>The completed iterations.</summary>
    public int Iterations { get; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Why the run stopped.</summary>
    public TerminationReason Reason { get; }

    /// <summary>Whether <see cref="Reason"/> is a convergence test (gradient, step or f-change tolerance).</summary>
    public bool Converged => Reason is TerminationReason.GradientTolerance
        or TerminationReason.StepTolerance or TerminationReason.FunctionChangeTolerance;

    /// <summary>
    /// One line saying why the run stopped, in numbers: the test that held and its threshold, or the limit or
    /// failure, then f, ‖∇f‖₂ and the scaled gradient at <see cref="Minimizer"/>.
    /// </summary>
    public string Message { get; init; } = "";

    /// <summary>
    /// The method's own diagnostics by name (e.g. "rejected steps", "modified Hessians", "simplex diameter");
    /// empty for methods that report none.
    /// </summary>
    public IReadOnlyDictionary<string, double> Diagnostics { get; init; } = new Dictionary<string, double>();

    /// <summary>The bounds of a bounded run (as passed in, possibly all infinite); null for an unbounded run.</summary>
    public Bounds? Bounds { get; init; }

    /// <summary>
    /// Whether the given start lay outside the bounds and was projected onto them; <see cref="InitialPoint"/> is then
    /// the projected start, the point where the run began.
    /// </summary>
    public bool StartProjected { get; init; }

    /// <summary>
    /// The stationarity measure ‖x − P(x − ∇f(x))‖∞ at <see cref="Minimizer"/> (P the projection onto the bounds;
    /// Byrd, Lu, Nocedal &amp; Zhu 1995, §6), which is ‖∇f‖∞ without bounds; NaN for derivative-free methods.
    /// </summary>
    public double ProjectedGradientNorm { get; init; } = double.NaN;

    /// <summary>Where each variable of <see cref="Minimizer"/> stands against its bounds (all <see cref="BoundState.Free"/> without bounds).</summary>
    public IReadOnlyList<BoundState> BoundStates { get; init; } = [];

    /// <summary>The indices of the variables at a bound (or fixed) at <see cref="Minimizer"/>, in increasing order.</summary>
    public IReadOnlyList<int> ActiveBounds => Enumerable.Range(0, BoundStates.Count).Where(i => BoundStates[i] != BoundState.Free).ToArray();

    /// <summary>Every iteration when <see cref="DriverOptions.StoreTrace"/> was set; otherwise empty.</summary>
    public IReadOnlyList<IterationRecord> Trace { get; }

    /// <summary>The driver options of the run.</summary>
    public DriverOptions Options { get; }

    /// <summary>One line: method, reason, f, ‖∇f‖, iterations, evaluations.</summary>
    public string BriefReport() => string.Create(CultureInfo.InvariantCulture,
        $"{Method}: {Reason} after {Iterations} iterations, f = {Minimum:G10}, ‖∇f‖ = {GradientNorm:E3}, {Evaluations}, {Elapsed.TotalMilliseconds:F1} ms");

    /// <summary>A multi-line report: every result field, the options in force and, when stored, the trace.</summary>
    public string FullReport()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"Method               {Method}");
        text.AppendLine(culture, $"Termination          {Reason} (converged: {Converged})");
        text.AppendLine(culture, $"Message              {Message}");
        text.AppendLine(culture, $"Iterations           {Iterations}");
        text.AppendLine(culture, $"Initial f            {InitialValue:G16}");
        text.AppendLine(culture, $"Final f              {Minimum:G16}");
        text.AppendLine(culture, $"Final ‖∇f‖₂          {GradientNorm:E6}");
        text.AppendLine(culture, $"Evaluations          f {Evaluations.Values}, ∇f {Evaluations.Gradients}, ∇²f·v {Evaluations.HessianVectors}, ∇²f {Evaluations.Hessians}");
        text.AppendLine(culture, $"Elapsed              {Elapsed.TotalMilliseconds:F3} ms");
        text.AppendLine(culture, $"Dimension            {Minimizer.Length}");
        text.AppendLine(culture, $"Minimizer            [{Preview(Minimizer)}]");
        if (Bounds is not null)
        {
            text.AppendLine(culture, $"Bounds               {Bounds}{(StartProjected ? " (start projected)" : "")}");
            text.AppendLine(culture, $"Projected gradient   {ProjectedGradientNorm:E6} (∞-norm)");
            text.AppendLine(culture, $"Active bounds        [{string.Join(", ", ActiveBounds.Take(12))}{(ActiveBounds.Count > 12 ? ", …" : "")}]");
        }
        text.AppendLine(culture, $"Gradient tolerance   {Options.GradientTolerance:E2} (relative {Options.RelativeGradientTolerance:E2})");
        text.AppendLine(culture, $"Step tolerance       {Options.StepTolerance:E2}");
        text.AppendLine(culture, $"f-change tolerance   {Options.FunctionChangeTolerance:E2}");
        text.AppendLine(culture, $"Scaled gradient tol. {Options.ScaledGradientTolerance:E2}, stall after {Options.StallIterations} iterations");
        text.AppendLine(culture, $"Iteration limit      {Options.MaximumIterations}");
        foreach (var (name, value) in Diagnostics) text.AppendLine(culture, $"{name,-20} {value:G10}");
        if (Trace.Count > 0)
        {
            text.AppendLine("  iter                        f       ‖∇f‖₂         step        f#       ∇f#");
            foreach (var record in Trace) text.AppendLine(record.ToString());
        }
        return text.ToString();
    }

    private static string Preview(double[] x)
    {
        const int shown = 6;
        var parts = x.Take(shown).Select(v => v.ToString("G10", CultureInfo.InvariantCulture));
        return string.Join(", ", parts) + (x.Length > shown ? $", … ({x.Length - shown} more)" : "");
    }
}
