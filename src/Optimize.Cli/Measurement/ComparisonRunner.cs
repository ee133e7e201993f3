using Optimize.Cli.Reports;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Measurement;

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
                var run = MethodRunner.Run(problem, method, source, options, start: null, bounds: null, cancellationToken);
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
                    MethodRunner.Run(problem, method, source, brief, start: null, bounds: null, cancellationToken);
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
