using System.Globalization;
using Optimize.Cli.Measurement;
using Spectre.Console;

namespace Optimize.Cli.Reports;

/// <summary>The tables every report shows, built once from the measurements.</summary>
public static class ReportTables
{
    /// <summary>The problem list: name, n, f*.</summary>
    /// <param name="problems">The problems.</param>
    /// <param name="sources">One description per problem.</param>
    public static TextTable Problems(IReadOnlyList<ProblemSummary> problems, IReadOnlyList<string> sources) => new(
        "Problems", ["problem", "n", "known minimum f*", "source"],
        problems.Select((p, i) => new[] { p.Name, p.Dimension.ToString(), p.KnownMinimum is double f ? Format.Value(f) : "—", sources[i] }).ToArray(),
        new HashSet<int> { 1, 2 });

    /// <summary>The bounded problems: name, dimension, f* over the box, the variables at a bound there.</summary>
    /// <param name="problems">The problems (<see cref="Problems.Bounded.BoundedSet.Instances"/>).</param>
    public static TextTable BoundedProblems(IReadOnlyList<Problems.Bounded.BoundedProblem> problems) => new(
        "Bounded problems (optimize solve NAME: lbfgsb, tron, nelder-mead or coordinate-descent over the box)",
        ["problem", "n", "minimum f* over the box", "active at x*"],
        problems.Select(p => new[]
        {
            p.Name, p.Dimension.ToString(CultureInfo.InvariantCulture), Format.Value(p.KnownMinimum), Variables(p.ActiveAtMinimum),
        }).ToArray(),
        new HashSet<int> { 1, 2 });

    /// <summary>Variables by 1-based index ("x1, x3"), at most six, then how many in all; "none" when empty.</summary>
    private static string Variables(IReadOnlyList<int> indices)
    {
        const int shown = 6;
        if (indices.Count == 0) return "none";
        var names = string.Join(", ", indices.Take(shown).Select(i => "x" + (i + 1).ToString(CultureInfo.InvariantCulture)));
        return indices.Count > shown ? names + string.Create(CultureInfo.InvariantCulture, $", … ({indices.Count} in all)") : names;
    }

    /// <summary>Accuracy and cost of every derivative source on every problem.</summary>
    /// <param name="rows">The measurements.</param>
    public static TextTable Derivatives(IReadOnlyList<DerivativeRow> rows) => new(
        "Derivative sources: error against the hand-coded gradient, cost relative to f",
        ["problem", "n", "source", "gradient error", "f calls / gradient", "time f", "time f+∇f", "cost ratio"],
        rows.Select(r => new[]
        {
            r.Problem, r.Dimension.ToString(), r.Source, Format.Scientific(r.GradientError), Format.Count(r.CallsPerGradient),
            Format.Duration(r.ValueSeconds), Format.Duration(r.GradientSeconds), Format.Ratio(r.CostRatio),
        }).ToArray(),
        new HashSet<int> { 1, 3, 4, 5, 6, 7 });

    /// <summary>Cost ratios time(f+∇f)/time(f) pivoted: one row per problem, one column per source, and the median row.</summary>
    /// <param name="rows">The measurements.</param>
    public static TextTable CostRatios(IReadOnlyList<DerivativeRow> rows)
    {
        var sources = rows.Select(r => r.Source).Distinct().ToArray();
        var problems = rows.Select(r => (r.Problem, r.Dimension)).Distinct().ToArray();
        var table = problems.Select(p => new[] { p.Problem, p.Dimension.ToString() }
            .Concat(sources.Select(s => rows.FirstOrDefault(r => r.Problem == p.Problem && r.Dimension == p.Dimension && r.Source == s) is { } row
                ? Format.Ratio(row.CostRatio) : "—"))
            .ToArray()).ToList();
        table.Add(new[] { "median", "" }.Concat(sources.Select(s => Format.Ratio(
            CostTiming.Median(rows.Where(r => r.Source == s).Select(r => r.CostRatio).ToArray())))).ToArray());
        return new TextTable("Cost ratio time(f+∇f) / time(f)", ["problem", "n", .. sources], table,
            Enumerable.Range(1, sources.Length + 1).ToHashSet());
    }

    /// <summary>Every method with every source: solved?, iterations, evaluations, time.</summary>
    /// <param name="rows">The runs.</param>
    public static TextTable Runs(IReadOnlyList<MethodRow> rows) => new(
        "Methods × derivative sources",
        ["problem", "n", "method", "source", "solved", "stopped by", "iterations", "f", "∇f", "∇²f·v", "∇²f", "f calls", "time", "final f"],
        rows.Select(r => new[]
        {
            r.Problem, r.Dimension.ToString(), r.Method, r.Source, r.Solved ? "yes" : "no", r.Reason, r.Iterations.ToString(),
            r.Values.ToString(), r.Gradients.ToString(), r.HessianVectors.ToString(), r.Hessians.ToString(),
            r.FunctionCalls.ToString(), Format.Duration(r.Seconds), Format.Scientific(r.Minimum),
        }).ToArray(),
        new HashSet<int> { 1, 6, 7, 8, 9, 10, 11, 12, 13 });

    /// <summary>Per method and source: how many problems were solved, and the total f calls and time over the solved ones.</summary>
    /// <param name="rows">The runs.</param>
    public static TextTable RunSummary(IReadOnlyList<MethodRow> rows) => new(
        "Summary by method and source",
        ["method", "source", "solved", "f calls (all runs)", "time (all runs)"],
        rows.GroupBy(r => (r.Method, r.Source)).Select(g => new[]
        {
            g.Key.Method, g.Key.Source, $"{g.Count(r => r.Solved)}/{g.Count()}",
            g.Sum(r => r.FunctionCalls).ToString(), Format.Duration(g.Sum(r => r.Seconds)),
        }).ToArray(),
        new HashSet<int> { 2, 3, 4 });
}
