using System.CommandLine;
using System.Globalization;
using Optimize.Cli.Measurement;
using Optimize.Cli.Reports;
using Optimize.Constraints;
using Optimize.FSharp.Symbolic;
using Optimize.Problems;
using Optimize.Problems.Bounded;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize solve</c>: one method with one derivative source on one problem; prints the result summary
/// (minimizer, minimum, termination reason, evaluation counts, time) and, with <c>--trace</c>, every iteration. A
/// bounded problem of <see cref="BoundedSet"/> is solved over its box (L-BFGS-B unless a method that handles bounds is
/// named), and the summary adds the bounds, the projected gradient and the active bounds.
/// </summary>
public static class SolveCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="environment">Where it writes.</param>
    public static Command Create(CommandEnvironment environment)
    {
        var problem = new Argument<string>("problem") { Description = "The problem, or a bounded problem (see 'optimize problems')." };
        var method = new Option<string?>("--method")
        {
            Description = $"The method: {string.Join(", ", MinimizationMethods.Names)} (default {MinimizationMethods.DefaultName}; " +
                $"{BoundedMethod} for a bounded problem, which takes {string.Join(", ", MinimizationMethods.All.Where(m => m.SupportsBounds).Select(m => m.Name))}).",
        };
        var derivatives = new Option<string>("--derivatives") { Description = $"The derivative source: {string.Join(", ", SymbolicSource.All.Names)}.", DefaultValueFactory = _ => DerivativeSources.ReferenceName };
        var dimension = new Option<int?>("--n") { Description = "Dimension of a scalable problem (e.g. 1000 for extended-rosenbrock)." };
        var at = new Option<string?>("--at") { Description = "The starting point, comma-separated (default: the standard start)." };
        var trace = new Option<bool>("--trace") { Description = "Print every iteration: f, ‖∇f‖, step, evaluations." };
        var iterations = new Option<int>("--max-iterations") { Description = "The iteration limit.", DefaultValueFactory = _ => DriverOptions.Default.MaximumIterations };
        var tolerance = new Option<double>("--gradient-tolerance") { Description = "Stop when ‖∇f‖₂ falls to this.", DefaultValueFactory = _ => DriverOptions.Default.GradientTolerance };
        var command = new Command("solve", "Minimize one problem with one method and derivative source.")
        {
            problem, method, derivatives, dimension, at, trace, iterations, tolerance,
        };
        command.SetAction(parsed => OptimizeCommandLine.Guarded(environment, () =>
        {
            string name = parsed.GetRequiredValue(problem);
            var bounded = ProblemCatalog.Bounded(name);
            if (bounded is not null && parsed.GetValue(dimension) is int n && n != bounded.Dimension)
                throw new UsageException($"--n is {n}; the bounded problem '{bounded.Name}' has n = {bounded.Dimension}.");
            var testProblem = bounded?.Problem ?? ProblemCatalog.Problem(name, parsed.GetValue(dimension));
            var chosenMethod = ProblemCatalog.Method(parsed.GetValue(method) ?? (bounded is null ? MinimizationMethods.DefaultName : BoundedMethod));
            if (bounded is not null && !chosenMethod.SupportsBounds)
                throw new UsageException(
                    $"Method '{chosenMethod.Name}' does not handle bounds, and '{bounded.Name}' is a bounded problem. Methods that do: " +
                    $"{string.Join(", ", MinimizationMethods.All.Where(m => m.SupportsBounds).Select(m => m.Name))}.");
            var source = ProblemCatalog.Source(parsed.GetRequiredValue(derivatives), testProblem);
            if (ProblemCatalog.Incompatibility(chosenMethod, source) is string message) throw new UsageException(message);
            int limit = parsed.GetValue(iterations);
            double gradientTolerance = parsed.GetValue(tolerance);
            if (limit < 0) throw new UsageException($"--max-iterations is {limit}; expected 0 or more.");
            if (!(gradientTolerance >= 0)) throw new UsageException($"--gradient-tolerance is {gradientTolerance}; expected 0 or more.");
            var options = DriverOptions.Default with
            {
                MaximumIterations = limit, GradientTolerance = gradientTolerance, StoreTrace = parsed.GetValue(trace),
            };
            var start = PointParser.Parse(parsed.GetValue(at), testProblem.Dimension);
            return Run(environment, testProblem, chosenMethod, source, options, start, bounded);
        }));
        return command;
    }

    /// <summary>The method for a bounded problem when none is named: L-BFGS-B, as scipy chooses with bounds.</summary>
    public const string BoundedMethod = "lbfgsb";

    /// <summary>Solves and prints.</summary>
    /// <param name="environment">Where to write.</param>
    /// <param name="problem">The problem.</param>
    /// <param name="method">The method.</param>
    /// <param name="source">The derivative source (unused by value-only methods).</param>
    /// <param name="options">Driver options; with <see cref="DriverOptions.StoreTrace"/> the iterations are printed.</param>
    /// <param name="start">x₀, or null for the standard start.</param>
    /// <param name="bounded">The bounded problem whose box the run keeps to (its <see cref="BoundedProblem.Problem"/> is <paramref name="problem"/>), or null.</param>
    /// <returns><see cref="ExitCodes.Success"/> when the run converged, else <see cref="ExitCodes.NotConverged"/>.</returns>
    public static int Run(CommandEnvironment environment, TestProblem problem, MinimizationMethod method, DerivativeSource source,
        DriverOptions options, double[]? start, BoundedProblem? bounded = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        var run = ProgressDisplay.Status(environment, $"solving {problem.Name} with {method.Name}",
            () => MethodRunner.Run(problem, method, source, options, start, bounded?.Bounds, environment.CancellationToken));
        var result = run.Result;
        if (options.StoreTrace) IterationTable(result).Write(environment.Output);
        Summary(run, bounded).Write(environment.Output);
        if (result.Reason == TerminationReason.Cancelled) environment.ErrorWriter.WriteLine("Cancelled: the summary shows the last iterate.");
        return result.Converged ? ExitCodes.Success : ExitCodes.NotConverged;
    }

    /// <summary>The result summary as a two-column table.</summary>
    /// <param name="run">The run.</param>
    /// <param name="bounded">The bounded problem of the run, or null: its f* over the box replaces the problem's, and rows for the bounds follow.</param>
    public static TextTable Summary(MethodRun run, BoundedProblem? bounded = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var result = run.Result;
        var counts = result.Evaluations;
        var rows = new List<string[]>
        {
            new[] { "problem", bounded is null ? $"{run.Problem.Name} (n = {run.Problem.Dimension})" : $"{bounded.Name} (n = {bounded.Dimension}, bounded)" },
            new[] { "method", $"{run.Method.Name}: {result.Method}" },
            new[] { "derivatives", run.SourceName },
            new[] { "start x₀", Format.Point(result.InitialPoint) },
            new[] { "f(x₀)", Format.Value(result.InitialValue) },
            new[] { "minimizer x", Format.Point(result.Minimizer) },
            new[] { "minimum f(x)", Format.Value(result.Minimum) },
            new[] { "known minimum f*", (bounded?.KnownMinimum ?? run.Problem.KnownMinimum) is double f ? Format.Value(f) : "—" },
            new[] { "‖∇f(x)‖₂", Format.Scientific(result.GradientNorm) },
            new[] { "stopped by", $"{result.Reason} ({(result.Converged ? "converged" : "not converged")})" },
            new[] { "iterations", result.Iterations.ToString(CultureInfo.InvariantCulture) },
            new[] { "evaluations", $"f {counts.Values}, ∇f {counts.Gradients}, ∇²f·v {counts.HessianVectors}, ∇²f {counts.Hessians}" },
            new[] { "f calls (incl. derivatives)", run.FunctionCalls.ToString(CultureInfo.InvariantCulture) },
            new[] { "time", Format.Duration(result.Elapsed.TotalSeconds) },
        };
        if (bounded is not null)
        {
            rows.InsertRange(1,
            [
                ["bounds", result.Bounds?.ToString() ?? bounded.Bounds.ToString()],
            ]);
            int after = rows.FindIndex(row => row[0] == "‖∇f(x)‖₂") + 1;
            rows.InsertRange(after,
            [
                ["projected gradient", Format.Scientific(result.ProjectedGradientNorm) + " (‖x − P(x − ∇f)‖∞)"],
                ["active bounds", ActiveBounds(result, bounded)],
                ["start projected", result.StartProjected ? "yes" : "no"],
            ]);
        }
        return new TextTable("Result", ["", "value"], rows, new HashSet<int>());
    }

    /// <summary>The variables at a bound, as "x1 = 0.5 (upper)" (at most six), then those active at the known solution.</summary>
    private static string ActiveBounds(MinimizationResult result, BoundedProblem bounded)
    {
        var c = CultureInfo.InvariantCulture;
        const int shown = 6;
        var active = string.Join(", ", result.ActiveBounds.Take(shown).Select(i => string.Create(c,
            $"x{i + 1} = {Format.Value(result.Minimizer[i])} ({Side(result.BoundStates[i])})")));
        if (result.ActiveBounds.Count > shown) active += string.Create(c, $", … ({result.ActiveBounds.Count} in all)");
        var expected = bounded.ActiveAtMinimum.Count == 0 ? "none" : string.Join(", ", bounded.ActiveAtMinimum.Take(shown).Select(i => string.Create(c, $"x{i + 1}")))
            + (bounded.ActiveAtMinimum.Count > shown ? string.Create(c, $", … ({bounded.ActiveAtMinimum.Count} in all)") : "");
        return $"{(result.ActiveBounds.Count == 0 ? "none" : active)}; at x*: {expected}";
    }

    private static string Side(BoundState state) => state switch
    {
        BoundState.AtLower => "lower",
        BoundState.AtUpper => "upper",
        BoundState.Fixed => "fixed",
        _ => "free",
    };

    /// <summary>The stored iterations as a table.</summary>
    /// <param name="result">A result with a trace.</param>
    public static TextTable IterationTable(MinimizationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        return new TextTable($"Iterations of {result.Method}",
            ["k", "f(xₖ)", "‖∇f(xₖ)‖₂", "step", "f evals", "∇f evals", "time"],
            result.Trace.Select(r => new[]
            {
                r.Iteration.ToString(c), r.Value.ToString("G15", c), Format.Scientific(r.GradientNorm), Format.Scientific(r.StepLength),
                r.Evaluations.Values.ToString(c), r.Evaluations.Gradients.ToString(c), Format.Duration(r.Elapsed.TotalSeconds),
            }).ToArray(),
            new HashSet<int> { 0, 1, 2, 3, 4, 5, 6 });
    }
}
