using System.CommandLine;
using Optimize.Cli.Measurement;
using Optimize.Cli.Reports;
using Optimize.FSharp.Symbolic;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize compare</c>: every derivative source on every problem (error against the hand-coded gradient,
/// cost relative to f, evaluations), then every method with every source; terminal tables and, on request,
/// Markdown, CSV, JSON and HTML (Plotly) files.
/// </summary>
public static class CompareCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="environment">Where it writes.</param>
    public static Command Create(CommandEnvironment environment)
    {
        var full = new Option<bool>("--full") { Description = "Run every problem of the library at its default size (slower)." };
        var problems = new Option<string?>("--problems") { Description = "Comma-separated problem names (default: a quick set)." };
        var sources = new Option<string?>("--sources") { Description = "Comma-separated derivative sources (default: all)." };
        var methods = new Option<string?>("--methods") { Description = "Comma-separated methods (default: one or two per kind; all with --full)." };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the tables as Markdown to this file." };
        var csv = new Option<string?>("--csv") { Description = "Also write every measurement as CSV to this file." };
        var json = new Option<string?>("--json") { Description = "Also write the whole report as JSON to this file." };
        var html = new Option<string?>("--html") { Description = "Also write an HTML page with Plotly charts to this file." };
        var timeLimit = new Option<double>("--time-limit") { Description = "Stop each method run after this many seconds.", DefaultValueFactory = _ => DefaultTimeLimit };
        var command = new Command("compare", "Compare derivative sources and methods on a set of problems.")
        {
            full, problems, sources, methods, markdown, csv, json, html, timeLimit,
        };
        command.SetAction(parsed => OptimizeCommandLine.Guarded(environment, () =>
        {
            bool everything = parsed.GetValue(full);
            double seconds = parsed.GetValue(timeLimit);
            if (!(seconds > 0)) throw new UsageException($"--time-limit is {seconds}; expected a positive number of seconds.");
            var plan = new ComparisonPlan(
                SelectProblems(parsed.GetValue(problems), everything),
                SelectSources(parsed.GetValue(sources)),
                SelectMethods(parsed.GetValue(methods), everything),
                TimingPlan.Quick,
                RunOptions(seconds));
            var files = new ReportDestinations(parsed.GetValue(markdown), parsed.GetValue(csv), parsed.GetValue(json), parsed.GetValue(html));
            return Run(environment, plan, files);
        }));
        return command;
    }

    /// <summary>Runs the comparison, prints the tables and writes the requested files.</summary>
    /// <param name="environment">Where to write.</param>
    /// <param name="plan">What to run.</param>
    /// <param name="files">Which files to write.</param>
    /// <returns><see cref="ExitCodes.Success"/>, or <see cref="ExitCodes.NotConverged"/> when cancelled.</returns>
    public static int Run(CommandEnvironment environment, ComparisonPlan plan, ReportDestinations files)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(files);
        var report = ProgressDisplay.Run(environment, "comparing", plan.Steps,
            advance => ComparisonRunner.Run(plan, advance, environment.CancellationToken));
        if (report.Cancelled) environment.ErrorWriter.WriteLine("Cancelled: showing the runs finished so far.");
        foreach (var table in ReportFiles.Tables(report)) table.Write(environment.Output);
        foreach (var line in report.Skipped) environment.OutputWriter.WriteLine($"not run: {line}");
        files.Write(report, environment.OutputWriter);
        return report.Cancelled ? ExitCodes.NotConverged : ExitCodes.Success;
    }

    /// <summary>The default time limit of one compared run, in seconds.</summary>
    public const double DefaultTimeLimit = 1;

    /// <summary>
    /// The driver options of every compared run: the default stopping rules, with a time limit so that
    /// no single slow combination holds up the table.
    /// </summary>
    /// <param name="seconds">The time limit of one run.</param>
    public static DriverOptions RunOptions(double seconds) => DriverOptions.Default with { TimeLimit = TimeSpan.FromSeconds(seconds) };

    /// <summary>The methods named in <paramref name="list"/>, else all (with <paramref name="full"/>) or the quick set.</summary>
    /// <param name="list">Comma-separated names, or null.</param>
    /// <param name="full">Whether to take every method.</param>
    public static IReadOnlyList<MinimizationMethod> SelectMethods(string? list, bool full) =>
        list is not null ? ProblemCatalog.SplitList(list).Select(ProblemCatalog.Method).Distinct().ToArray()
        : full ? MinimizationMethods.All : MinimizationMethods.QuickNames.Select(ProblemCatalog.Method).ToArray();

    /// <summary>The problems named in <paramref name="list"/>, else the full or the quick set.</summary>
    /// <param name="list">Comma-separated names, or null.</param>
    /// <param name="full">Whether to take every problem.</param>
    public static IReadOnlyList<TestProblem> SelectProblems(string? list, bool full) =>
        list is not null ? ProblemCatalog.SplitList(list).Select(name => ProblemCatalog.Problem(name)).ToArray()
        : full ? ProblemCatalog.FullSet() : ProblemCatalog.QuickSet();

    /// <summary>The sources named in <paramref name="list"/>, else all; the hand-coded reference always comes first.</summary>
    /// <param name="list">Comma-separated names, or null.</param>
    public static IReadOnlyList<DerivativeSource> SelectSources(string? list) =>
        list is null ? SymbolicSource.All : ProblemCatalog.SplitList(list).Select(ProblemCatalog.Source).Distinct().ToArray();
}
