using System.CommandLine;
using Optimize.Cli.Measurement;
using Optimize.Cli.Reports;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize bench</c>: a short form of the benchmark suites, printing the cost ratio
/// time(f+∇f)/time(f) of every derivative source on every problem of the library (Stopwatch, the
/// fastest of interleaved batches per side). For publishable numbers use the BenchmarkDotNet suites.
/// </summary>
public static class BenchCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="environment">Where it writes.</param>
    public static Command Create(CommandEnvironment environment)
    {
        var problems = new Option<string?>("--problems") { Description = "Comma-separated problem names (default: every problem)." };
        var sources = new Option<string?>("--sources") { Description = "Comma-separated derivative sources (default: all)." };
        var repeats = new Option<int>("--repeats") { Description = "Timed batches per side at most (0.5 s budget per measurement); the fastest counts.", DefaultValueFactory = _ => TimingPlan.Bench.Repeats };
        var command = new Command("bench", "Print cost ratios time(f+∇f)/time(f) per derivative source and problem.") { problems, sources, repeats };
        command.SetAction(parsed => OptimizeCommandLine.Guarded(environment, () =>
        {
            int count = parsed.GetValue(repeats);
            if (count < 1) throw new UsageException($"--repeats is {count}; expected at least 1.");
            var plan = new ComparisonPlan(
                CompareCommand.SelectProblems(parsed.GetValue(problems), full: true),
                CompareCommand.SelectSources(parsed.GetValue(sources)),
                [],
                TimingPlan.Bench with { Repeats = count },
                CompareCommand.RunOptions(CompareCommand.DefaultTimeLimit));
            return Run(environment, plan);
        }));
        return command;
    }

    /// <summary>Measures and prints the cost-ratio table.</summary>
    /// <param name="environment">Where to write.</param>
    /// <param name="plan">What to measure.</param>
    public static int Run(CommandEnvironment environment, ComparisonPlan plan)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(plan);
        var report = ProgressDisplay.Run(environment, "benchmarking", plan.Steps,
            advance => ComparisonRunner.Run(plan, advance, environment.CancellationToken));
        if (report.Cancelled) environment.ErrorWriter.WriteLine("Cancelled: showing the measurements finished so far.");
        if (report.Derivatives.Count > 0) ReportTables.CostRatios(report.Derivatives).Write(environment.Output);
        return report.Cancelled ? ExitCodes.NotConverged : ExitCodes.Success;
    }
}
