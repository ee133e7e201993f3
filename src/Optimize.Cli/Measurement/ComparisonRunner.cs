using Optimize.Cli.Reports;
using Optimize.Cli.Sources;
using Optimize.Problems;

namespace Optimize.Cli.Measurement;

/// <summary>What a comparison runs.</summary>
/// <param name="Problems">The problems.</param>
/// <param name="Sources">The derivative sources.</param>
/// <param name="Plan">How long to time each source.</param>
public sealed record ComparisonPlan(IReadOnlyList<TestProblem> Problems, IReadOnlyList<DerivativeSource> Sources, TimingPlan Plan)
{
    /// <summary>The number of progress steps the run reports.</summary>
    public int Steps => Problems.Count * Sources.Count;
}

/// <summary>Runs every derivative source on every problem (and every method with every source) into a <see cref="ComparisonReport"/>.</summary>
public static class ComparisonRunner
{
    /// <summary>Runs the plan. Cancellation stops between measurements; the report then holds what was finished.</summary>
    /// <param name="plan">What to run.</param>
    /// <param name="advance">Called after each step with the label of the next.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    public static ComparisonReport Run(ComparisonPlan plan, Action<string> advance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(advance);
        var derivatives = new List<DerivativeRow>();
        foreach (var problem in plan.Problems)
            foreach (var source in plan.Sources)
            {
                if (cancellationToken.IsCancellationRequested) break;
                derivatives.Add(DerivativeComparison.Measure(problem, source, plan.Plan, cancellationToken));
                advance($"{problem.Name}: {source.Name}");
            }
        return new ComparisonReport(
            plan.Problems.Select(p => new ProblemSummary(p.Name, p.Dimension, p.KnownMinimum)).ToArray(),
            plan.Sources.Select(s => s.Name).ToArray(), [], derivatives, [], [], [],
            cancellationToken.IsCancellationRequested);
    }
}
