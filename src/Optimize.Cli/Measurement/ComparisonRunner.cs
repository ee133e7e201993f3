using Optimize.Cli.Reports;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Measurement;

/// <summary>What a comparison runs.</summary>
/// <param name="Problems">The problems.</param>
/// <param name="Sources">The derivative sources.</param>
/// <param name="Methods">The methods, run with every compatible source (value-only methods once, without a source).</param>
/// <param name="Plan">How long to time each source.</param>
/// <param name="Options">Driver options of every method run (a trace is always stored for the convergence curves).</param>
public sealed record ComparisonPlan(
    IReadOnlyList<TestProblem> Problems, IReadOnlyList<DerivativeSource> Sources, IReadOnlyList<MinimizationMethod> Methods,
    TimingPlan Plan, DriverOptions Options)
{
    /// <summary>The sources that apply to <paramref name="problem"/>.</summary>
    /// <param name="problem">The problem.</param>
    public IReadOnlyList<DerivativeSource> SourcesFor(TestProblem problem) => Sources.Where(source => source.Supports(problem)).ToArray();

    /// <summary>The method runs on <paramref name="problem"/>: (method, source) pairs, the source null for value-only methods.</summary>
    /// <param name="problem">The problem.</param>
    public IReadOnlyList<(MinimizationMethod Method, DerivativeSource? Source)> PairsFor(TestProblem problem) =>
        Methods.SelectMany(method => method.Needs == OracleCapability.Value
            ? [(method, (DerivativeSource?)null)]
            : SourcesFor(problem).Where(source => method.Accepts(source.Provides)).Select(source => (method, (DerivativeSource?)source))).ToArray();

    /// <summary>
    /// What is not run, one line each: sources that do not apply to some problems, and (method, source) pairs where
    /// the source cannot give what the method needs.
    /// </summary>
    public IReadOnlyList<string> Skipped =>
        Sources.Select(source => (source, problems: Problems.Where(p => !source.Supports(p)).Select(p => p.Name).ToArray()))
            .Where(entry => entry.problems.Length > 0)
            .Select(entry => $"Derivative source '{entry.source.Name}' does not apply to {string.Join(", ", entry.problems)}.")
            .Concat(Methods.Where(method => method.Needs != OracleCapability.Value)
                .SelectMany(method => Sources.Where(source => !method.Accepts(source.Provides)).Select(source =>
                    $"Method '{method.Name}' with source '{source.Name}': the method needs {method.Needs.Describe()}, the source gives {source.Provides.Describe()}.")))
            .ToArray();

    /// <summary>The number of progress steps the run reports.</summary>
    public int Steps => Problems.Sum(problem => SourcesFor(problem).Count + PairsFor(problem).Count);
}

/// <summary>Runs every derivative source on every problem, then every method with every source, into a <see cref="ComparisonReport"/>.</summary>
public static class ComparisonRunner
{
    /// <summary>Runs the plan. Cancellation stops the current solver and the loop; the report then holds what was finished.</summary>
    /// <param name="plan">What to run.</param>
    /// <param name="advance">Called after each step with the label of the step done.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    public static ComparisonReport Run(ComparisonPlan plan, Action<string> advance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(advance);
        var derivatives = new List<DerivativeRow>();
        foreach (var problem in plan.Problems)
            foreach (var source in plan.SourcesFor(problem))
            {
                if (cancellationToken.IsCancellationRequested) break;
                derivatives.Add(DerivativeSourceComparison.Measure(problem, source, plan.Plan, cancellationToken));
                advance($"{problem.Name}: {source.Name}");
            }

        var runs = new List<MethodRun>();
        var options = plan.Options with { StoreTrace = true };
        WarmUp(plan, cancellationToken);
        foreach (var problem in plan.Problems)
            foreach (var (method, source) in plan.PairsFor(problem))
            {
                if (cancellationToken.IsCancellationRequested) break;
                var run = MethodRunner.Run(problem, method, source, options, start: null, cancellationToken);
                // A run stopped by Ctrl-C is unfinished: it is left out of the tables rather than shown as unsolved.
                if (run.Result.Reason != TerminationReason.Cancelled) runs.Add(run);
                advance($"{problem.Name}: {method.Name} / {source?.Name ?? MethodRunner.ValuesOnly}");
            }

        return new ComparisonReport(
            plan.Problems.Select(p => new ProblemSummary(p.Name, p.Dimension, p.KnownMinimum)).ToArray(),
            plan.Sources.Select(s => s.Name).ToArray(),
            plan.Methods.Select(m => m.Name).ToArray(),
            derivatives,
            runs.Select(run => run.ToRow()).ToArray(),
            Curves(runs),
            plan.Skipped,
            cancellationToken.IsCancellationRequested);
    }

    // Runs every pair for two iterations on the first problem it applies to, so that just-in-time compilation of the
    // method and the source is not counted in the timed runs.
    private static void WarmUp(ComparisonPlan plan, CancellationToken cancellationToken)
    {
        var brief = plan.Options with { MaximumIterations = 2, StoreTrace = true };
        var warmed = new HashSet<(string, string?)>();
        foreach (var problem in plan.Problems)
            foreach (var (method, source) in plan.PairsFor(problem))
            {
                if (cancellationToken.IsCancellationRequested) return;
                if (warmed.Add((method.Name, source?.Name)))
                    MethodRunner.Run(problem, method, source, brief, start: null, cancellationToken);
            }
    }

    /// <summary>The most points a convergence curve keeps; longer traces keep evenly spaced iterations and the last.</summary>
    public const int MaximumCurvePoints = 200;

    /// <summary>
    /// The convergence curves: f(xₖ) − f* against the evaluations of f so far, f* the known minimum or, where
    /// none is known, the lowest value any run on the problem reached.
    /// </summary>
    /// <param name="runs">Runs with stored traces.</param>
    public static IReadOnlyList<ConvergenceCurve> Curves(IReadOnlyList<MethodRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var best = runs.GroupBy(run => run.Problem.Name).ToDictionary(group => group.Key, group =>
            group.First().Problem.KnownMinimum ?? group.SelectMany(run => run.Result.Trace.Select(r => r.Value).Append(run.Result.Minimum))
                .Where(double.IsFinite).DefaultIfEmpty(0).Min());
        return runs.Select(run =>
        {
            var trace = Thin(run.Result.Trace, MaximumCurvePoints);
            return new ConvergenceCurve(run.Problem.Name, run.Method.Name, run.SourceName,
                trace.Select(r => r.Evaluations.Values).ToArray(),
                trace.Select(r => r.Value - best[run.Problem.Name]).ToArray());
        }).ToArray();
    }

    private static IReadOnlyList<IterationRecord> Thin(IReadOnlyList<IterationRecord> trace, int points)
    {
        if (trace.Count <= points) return trace;
        double stride = (trace.Count - 1) / (double)(points - 1);
        return Enumerable.Range(0, points).Select(i => trace[(int)Math.Round(i * stride)]).ToArray();
    }
}
