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
