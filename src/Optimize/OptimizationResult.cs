using System.Globalization;
using Optimize.Oracles;
using Optimize.Solvers;

namespace Optimize;

/// <summary>
/// The outcome of a one-call minimization (<see cref="Optimization.Minimize(Func{double[], double}, ReadOnlySpan{double}, string?, string, DriverOptions?, Func{IterationRecord, bool}?, Constraints.Bounds?, object?)"/>):
/// the solver's <see cref="MinimizationResult"/> plus what the call chose for the caller — the method (by its name in
/// <see cref="Solvers.Methods.MinimizationMethods"/>) and why, and how the derivatives were computed — in the
/// manner of scipy's <c>OptimizeResult</c>. Immutable.
/// </summary>
public sealed class OptimizationResult
{
    internal OptimizationResult(MinimizationResult details, string method, string methodReason, string derivatives)
    {
        Details = details;
        Method = method;
        MethodReason = methodReason;
        Derivatives = derivatives;
    }

    /// <summary>The method that ran: its name in <see cref="Solvers.Methods.MinimizationMethods"/> (e.g. <c>bfgs</c>).</summary>
    public string Method { get; }

    /// <summary>Why that method: "named by the caller", or the rule that chose it when none was named.</summary>
    public string MethodReason { get; }

    /// <summary>
    /// How the derivatives were computed: the name of a source of <see cref="AutoDiff.DerivativeSources"/>
    /// (<c>central-diff</c>, <c>reverse-ad</c>, <c>generated-ad</c>, …), <c>gradient given</c> (with the way
    /// Hessian-vector products were formed when the method needs them), or <c>none</c> for a method that uses values only.
    /// </summary>
    public string Derivatives { get; }

    /// <summary>The solver's result: every field, the options in force, the trace and the method's diagnostics.</summary>
    public MinimizationResult Details { get; }

    /// <summary>The final iterate (<see cref="MinimizationResult.Minimizer"/>).</summary>
    public double[] Minimizer => Details.Minimizer;

    /// <summary>f at <see cref="Minimizer"/>.</summary>
    public double Minimum => Details.Minimum;

    /// <summary>‖∇f‖₂ at <see cref="Minimizer"/>, or NaN for derivative-free methods.</summary>
    public double GradientNorm => Details.GradientNorm;

    /// <summary>The bounds of the run when they were finite somewhere, else null (the one call treats bounds infinite everywhere as none).</summary>
    public Constraints.Bounds? Bounds => Details.Bounds;

    /// <summary>
    /// ‖x − P(x − ∇f(x))‖∞ at <see cref="Minimizer"/>, P the projection onto the bounds: the stationarity measure
    /// over the box (<see cref="MinimizationResult.ProjectedGradientNorm"/>), ‖∇f‖∞ without bounds; NaN for
    /// derivative-free methods.
    /// </summary>
    public double ProjectedGradientNorm => Details.ProjectedGradientNorm;

    /// <summary>The variables at a bound at <see cref="Minimizer"/> (empty without bounds).</summary>
    public IReadOnlyList<int> ActiveBounds => Details.ActiveBounds;

    /// <summary>Whether x₀ lay outside the bounds and was projected into them before the run.</summary>
    public bool StartProjected => Details.StartProjected;

    /// <summary>Whether a convergence test held at <see cref="Minimizer"/>.</summary>
    public bool Converged => Details.Converged;

    /// <summary>Why the run stopped.</summary>
    public TerminationReason Reason => Details.Reason;

    /// <summary>One line saying why the run stopped, in numbers.</summary>
    public string Message => Details.Message;

    /// <summary>The completed iterations.</summary>
    public int Iterations => Details.Iterations;

    /// <summary>Oracle calls by kind: f, ∇f, Hessian-vector products, Hessians.</summary>
    public EvaluationCounts Evaluations => Details.Evaluations;

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed => Details.Elapsed;

    /// <summary>One line: the method and why, the derivatives, the solver's brief report and, with bounds, the projected gradient and the active bounds.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Method} ({MethodReason}), derivatives: {Derivatives}; {Details.BriefReport()}") +
        (Bounds is null ? "" : string.Create(CultureInfo.InvariantCulture,
            $"; projected gradient {ProjectedGradientNorm:E3}, active bounds [{string.Join(", ", ActiveBounds)}]{(StartProjected ? ", start projected" : "")}"));
}
