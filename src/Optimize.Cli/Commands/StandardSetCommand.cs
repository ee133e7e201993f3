using System.CommandLine;
using System.Globalization;
using Optimize.Cli.Measurement;
using Optimize.Cli.Reports;
using Optimize.Problems.LargeScale;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize standard-set</c>: runs chosen methods × derivative sources from the standard starts of a standard
/// problem set (the Moré–Garbow–Hillstrom set, 42 instances × x₀, 10·x₀, 100·x₀; or the large-scale set, 18 instances at
/// n = 1000 and 10000) and prints, per method and source,
/// how many runs were solved, ended at another documented minimum or failed, the false convergences, and the median
/// evaluations among solved runs; on request a CSV of every run and an HTML page with performance and data profiles.
/// </summary>
public static class StandardSetCommand
{
    /// <summary>The methods run when none are named: the issue's "before" measurement.</summary>
    public const string DefaultMethods = "bfgs,lbfgs,newton-cg,trust-region-exact,cg,nelder-mead";

    /// <summary>The default iteration limit of one run.</summary>
    public const int DefaultMaximumIterations = 10000;

    /// <summary>The default time limit of one run, in seconds.</summary>
    public const double DefaultTimeLimit = 60;

    /// <summary>The names <c>--set</c> accepts: the Moré–Garbow–Hillstrom set and the large-scale set.</summary>
    public static IReadOnlyList<string> SetNames { get; } = [MoreGarbowHillstromSet.Name, LargeScaleSet.Name];

    /// <summary>Every instance of the set named <paramref name="name"/> (case-insensitive), in the set's order.</summary>
    /// <param name="name">One of <see cref="SetNames"/>.</param>
    /// <exception cref="UsageException">No set has that name.</exception>
    public static IReadOnlyList<StandardSetInstance> SetInstances(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(name, MoreGarbowHillstromSet.Name, StringComparison.OrdinalIgnoreCase))
            return MoreGarbowHillstromSet.Instances.Select(StandardSetInstance.From).ToArray();
        if (string.Equals(name, LargeScaleSet.Name, StringComparison.OrdinalIgnoreCase))
            return LargeScaleSet.Instances.Select(StandardSetInstance.From).ToArray();
        throw new UsageException($"Unknown problem set '{name}'. Valid sets: {string.Join(", ", SetNames)}.");
    }

    private static string SetTitle(string name) =>
        string.Equals(name, LargeScaleSet.Name, StringComparison.OrdinalIgnoreCase) ? "large-scale problems (n = 1000, 10000)" : "Moré–Garbow–Hillstrom";

    /// <summary>Creates the verb.</summary>
    /// <param name="environment">Where it writes.</param>
    public static Command Create(CommandEnvironment environment)
    {
        var set = new Option<string>("--set") { Description = $"The problem set: {MoreGarbowHillstromSet.Name} (Moré, Garbow & Hillstrom 1981) or {LargeScaleSet.Name} (its sparse problems and Ginzburg–Landau at n = 1000 and 10000).", DefaultValueFactory = _ => MoreGarbowHillstromSet.Name };
        var problems = new Option<string?>("--problems") { Description = "Comma-separated instances (e.g. mgh05-beale) or problem numbers (mgh20 = every Watson instance; in the large set mgh30 = both sizes); default all." };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods.", DefaultValueFactory = _ => DefaultMethods };
        var sources = new Option<string>("--sources") { Description = "Comma-separated derivative sources (value-only methods ignore them).", DefaultValueFactory = _ => DerivativeSources.ReferenceName };
        var starts = new Option<string>("--starts") { Description = "Comma-separated start factors: x₀ scaled by each.", DefaultValueFactory = _ => "1,10,100" };
        var iterations = new Option<int>("--max-iterations") { Description = "The iteration limit of each run.", DefaultValueFactory = _ => DefaultMaximumIterations };
        var timeLimit = new Option<double>("--time-limit") { Description = "Stop each run after this many seconds.", DefaultValueFactory = _ => DefaultTimeLimit };
        var details = new Option<bool>("--details") { Description = "Also print every run that was not solved, and every solved run stopped by a limit." };
        var csv = new Option<string?>("--csv") { Description = "Also write every run as CSV to this file." };
        var html = new Option<string?>("--html") { Description = "Also write an HTML page with the performance and data profiles to this file." };
        var command = new Command("standard-set", "Run methods × derivative sources on a standard problem set and count solved runs and false convergences.")
        {
            set, problems, methods, sources, starts, iterations, timeLimit, details, csv, html,
        };
        command.SetAction(parsed => OptimizeCommandLine.Guarded(environment, () =>
        {
            string setName = parsed.GetValue(set)!;
            var setInstances = SetInstances(setName);
            int limit = parsed.GetValue(iterations);
            if (limit < 1) throw new UsageException($"--max-iterations is {limit}; expected a positive number.");
            double seconds = parsed.GetValue(timeLimit);
            if (!(seconds > 0)) throw new UsageException($"--time-limit is {seconds}; expected a positive number of seconds.");
            var plan = new StandardSetPlan(
                SelectInstances(setInstances, parsed.GetValue(problems)),
                ProblemCatalog.SplitList(parsed.GetValue(methods)!).Select(ProblemCatalog.Method).Distinct().ToArray(),
                ProblemCatalog.SplitList(parsed.GetValue(sources)!).Select(ProblemCatalog.Source).Distinct().ToArray(),
                ParseFactors(parsed.GetValue(starts)!),
                DriverOptions.Default with { MaximumIterations = limit, TimeLimit = TimeSpan.FromSeconds(seconds) }, SetTitle(setName));
            return Run(environment, plan, parsed.GetValue(details), parsed.GetValue(csv), parsed.GetValue(html));
        }));
        return command;
    }

    /// <summary>Runs the plan, prints the table and writes the requested files.</summary>
    /// <param name="environment">Where to write.</param>
    /// <param name="plan">What to run.</param>
    /// <param name="details">Whether to print every unsolved run.</param>
    /// <param name="csv">The CSV file, or null.</param>
    /// <param name="html">The HTML file, or null.</param>
    /// <returns><see cref="ExitCodes.Success"/>, or <see cref="ExitCodes.NotConverged"/> when cancelled.</returns>
    public static int Run(CommandEnvironment environment, StandardSetPlan plan, bool details, string? csv, string? html)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(plan);
        int steps = StandardSetRunner.Count(plan.Instances, plan.Methods, plan.Sources, plan.StartFactors);
        if (steps == 0) throw new UsageException("No method can run with the sources given; choose sources that give what the methods need.");
        var runs = ProgressDisplay.Run(environment, "running the standard set", steps, advance =>
            StandardSetRunner.Run(plan.Instances, plan.Methods, plan.Sources, plan.StartFactors, plan.Options, advance, environment.CancellationToken));
        bool cancelled = runs.Count < steps;
        if (cancelled) environment.ErrorWriter.WriteLine("Cancelled: showing the runs finished so far.");
        StandardSetReport.Summary(runs).Write(environment.Output);
        if (details)
        {
            StandardSetReport.Unsolved(runs).Write(environment.Output);
            StandardSetReport.SolvedAtLimit(runs).Write(environment.Output);
        }
        environment.OutputWriter.WriteLine(StandardSetReport.ConvergedShare(runs));
        environment.OutputWriter.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{plan.Instances.Count} instances × {plan.StartFactors.Count} starts; {runs.Count} runs in {Format.Duration(runs.Sum(r => r.Seconds))}."));
        if (csv is not null)
        {
            ReportFiles.WriteFile(csv, writer => StandardSetReport.WriteCsv(runs, writer));
            environment.OutputWriter.WriteLine($"wrote {csv}");
        }
        if (html is not null)
        {
            ReportFiles.WriteFile(html, writer => StandardSetReport.WriteHtml(runs, $"optimize standard-set: {plan.Title}", writer));
            environment.OutputWriter.WriteLine($"wrote {html}");
        }
        return cancelled ? ExitCodes.NotConverged : ExitCodes.Success;
    }

    /// <summary>
    /// The instances of <paramref name="set"/> named in <paramref name="list"/> (a full name, or a prefix ending where a
    /// dash follows, such as <c>mghNN</c> for every instance of problem NN), in the set's order; every instance when null.
    /// </summary>
    /// <param name="set">The set's instances (<see cref="SetInstances"/>).</param>
    /// <param name="list">Comma-separated names, or null.</param>
    /// <exception cref="UsageException">A name matches no instance.</exception>
    public static IReadOnlyList<StandardSetInstance> SelectInstances(IReadOnlyList<StandardSetInstance> set, string? list)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (list is null) return set;
        var names = ProblemCatalog.SplitList(list);
        foreach (var name in names)
            if (!set.Any(instance => Matches(instance, name)))
                throw new UsageException($"Unknown instance '{name}'. Valid instances: {string.Join(", ", set.Select(i => i.Name))}.");
        return set.Where(instance => names.Any(name => Matches(instance, name))).ToArray();
    }

    private static bool Matches(StandardSetInstance instance, string name) =>
        string.Equals(instance.Name, name, StringComparison.OrdinalIgnoreCase)
        || instance.Name.StartsWith(name + "-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the start factors.</summary>
    /// <param name="list">Comma-separated positive numbers.</param>
    /// <exception cref="UsageException">An entry is not a positive number.</exception>
    public static IReadOnlyList<double> ParseFactors(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return ProblemCatalog.SplitList(list).Select(text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) && factor > 0 && double.IsFinite(factor)
                ? factor
                : throw new UsageException($"--starts has '{text}'; expected positive numbers such as 1,10,100.")).ToArray();
    }
}
