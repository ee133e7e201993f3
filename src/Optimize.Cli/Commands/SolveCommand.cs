using System.CommandLine;
using System.Globalization;
using Optimize.Cli.Measurement;
using Optimize.Cli.Reports;
using Optimize.FSharp.Symbolic;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize solve</c>: one method with one derivative source on one problem; prints the result summary
/// (minimizer, minimum, termination reason, evaluation counts, time) and, with <c>--trace</c>, every iteration.
/// </summary>
public static class SolveCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="environment">Where it writes.</param>
    public static Command Create(CommandEnvironment environment)
    {
        var problem = new Argument<string>("problem") { Description = "The problem (see 'optimize problems')." };
        var method = new Option<string>("--method") { Description = $"The method: {string.Join(", ", MinimizationMethods.Names)}.", DefaultValueFactory = _ => MinimizationMethods.DefaultName };
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
            var testProblem = ProblemCatalog.Problem(parsed.GetRequiredValue(problem), parsed.GetValue(dimension));
            var chosenMethod = ProblemCatalog.Method(parsed.GetRequiredValue(method));
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
            return Run(environment, testProblem, chosenMethod, source, options, start);
        }));
        return command;
    }

    /// <summary>Solves and prints.</summary>
    /// <param name="environment">Where to write.</param>
    /// <param name="problem">The problem.</param>
    /// <param name="method">The method.</param>
    /// <param name="source">The derivative source (unused by value-only methods).</param>
    /// <param name="options">Driver options; with <see cref="DriverOptions.StoreTrace"/> the iterations are printed.</param>
    /// <param name="start">x₀, or null for the standard start.</param>
    /// <returns><see cref="ExitCodes.Success"/> when the run converged, else <see cref="ExitCodes.NotConverged"/>.</returns>
    public static int Run(CommandEnvironment environment, TestProblem problem, MinimizationMethod method, DerivativeSource source,
        DriverOptions options, double[]? start)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        var run = ProgressDisplay.Status(environment, $"solving {problem.Name} with {method.Name}",
            () => MethodRunner.Run(problem, method, source, options, start, environment.CancellationToken));
        var result = run.Result;
        if (options.StoreTrace) IterationTable(result).Write(environment.Output);
        Summary(run).Write(environment.Output);
        if (result.Reason == TerminationReason.Cancelled) environment.ErrorWriter.WriteLine("Cancelled: the summary shows the last iterate.");
        return result.Converged ? ExitCodes.Success : ExitCodes.NotConverged;
    }

    /// <summary>The result summary as a two-column table.</summary>
    /// <param name="run">The run.</param>
    public static TextTable Summary(MethodRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var result = run.Result;
        var counts = result.Evaluations;
        var rows = new List<string[]>
        {
            new[] { "problem", $"{run.Problem.Name} (n = {run.Problem.Dimension})" },
            new[] { "method", $"{run.Method.Name}: {result.Method}" },
            new[] { "derivatives", run.SourceName },
            new[] { "start x₀", Format.Point(result.InitialPoint) },
            new[] { "f(x₀)", Format.Value(result.InitialValue) },
            new[] { "minimizer x", Format.Point(result.Minimizer) },
            new[] { "minimum f(x)", Format.Value(result.Minimum) },
            new[] { "known minimum f*", run.Problem.KnownMinimum is double f ? Format.Value(f) : "—" },
            new[] { "‖∇f(x)‖₂", Format.Scientific(result.GradientNorm) },
            new[] { "stopped by", $"{result.Reason} ({(result.Converged ? "converged" : "not converged")})" },
            new[] { "iterations", result.Iterations.ToString(CultureInfo.InvariantCulture) },
            new[] { "evaluations", $"f {counts.Values}, ∇f {counts.Gradients}, ∇²f·v {counts.HessianVectors}, ∇²f {counts.Hessians}" },
            new[] { "f calls (incl. derivatives)", run.FunctionCalls.ToString(CultureInfo.InvariantCulture) },
            new[] { "time", Format.Duration(result.Elapsed.TotalSeconds) },
        };
        return new TextTable("Result", ["", "value"], rows, new HashSet<int>());
    }

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
