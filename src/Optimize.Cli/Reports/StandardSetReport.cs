using System.Globalization;
using System.Net;
using System.Text;
using Optimize.Cli.Measurement;
using Plotly.NET;

namespace Optimize.Cli.Reports;

/// <summary>
/// The report of <c>optimize standard-set</c>: per method and source, the runs solved, ended at another documented
/// minimum, or failed; the false convergences; the median evaluations among solved runs; the solved runs stopped by a
/// budget; as a terminal table, CSV,
/// and an HTML page with the Dolan–Moré performance profile and the Moré–Wild data profile (Plotly).
/// </summary>
public static class StandardSetReport
{
    /// <summary>The per-method table.</summary>
    /// <param name="runs">The judged runs.</param>
    public static TextTable Summary(IReadOnlyList<StandardSetRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return new TextTable(
            "Standard set by method and source (solved: f − f* ≤ 1e-6·max(1,|f*|))",
            ["method", "source", "runs", "solved", "other known minimum", "failed", "false convergences",
             "median f evals (solved)", "median ∇f evals (solved)", "converged among solved", "solved at a limit", "time"],
            runs.GroupBy(r => (r.Method, r.Source)).Select(g =>
            {
                var solved = g.Where(r => r.Outcome == StandardSetOutcome.Solved).ToArray();
                return new[]
                {
                    g.Key.Method, g.Key.Source, g.Count().ToString(CultureInfo.InvariantCulture),
                    Count(g, StandardSetOutcome.Solved), Count(g, StandardSetOutcome.OtherKnownMinimum), Count(g, StandardSetOutcome.Failed),
                    g.Count(r => r.FalseConvergence).ToString(CultureInfo.InvariantCulture),
                    Median(solved.Select(r => (double)r.Values)), Median(solved.Select(r => (double)r.Gradients)),
                    solved.Length == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * solved.Count(r => r.ReportsConvergence) / solved.Length:0}%"),
                    g.Count(r => r.SolvedAtLimit).ToString(CultureInfo.InvariantCulture),
                    Format.Duration(g.Sum(r => r.Seconds)),
                };
            }).ToArray(),
            new HashSet<int> { 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 });
    }

    /// <summary>Every solved run that a budget stopped (<see cref="StandardSetRun.SolvedAtLimit"/>): what it spent.</summary>
    /// <param name="runs">The judged runs.</param>
    public static TextTable SolvedAtLimit(IReadOnlyList<StandardSetRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return new TextTable("Solved runs stopped by a limit", ["instance", "start", "method", "source", "stopped by", "iterations", "f evals", "final f", "f*"],
            runs.Where(r => r.SolvedAtLimit).Select(r => new[]
            {
                r.Instance, string.Create(CultureInfo.InvariantCulture, $"{r.StartFactor}·x0"), r.Method, r.Source, r.Reason.ToString(),
                I(r.Iterations), I(r.Values), Format.Scientific(r.FinalValue), Format.Scientific(r.KnownMinimum),
            }).ToArray(),
            new HashSet<int> { 5, 6, 7, 8 });
    }

    /// <summary>
    /// One line: how many solved runs, over every method and source, reported convergence, and how many runs reported
    /// a false convergence (e.g. "converged among solved over all methods: 541 of 578 = 93.6%; false convergences: 0 of 714 runs").
    /// </summary>
    /// <param name="runs">The judged runs.</param>
    public static string ConvergedShare(IReadOnlyList<StandardSetRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        int solved = runs.Count(r => r.Outcome == StandardSetOutcome.Solved);
        int converged = runs.Count(r => r.Outcome == StandardSetOutcome.Solved && r.ReportsConvergence);
        string share = solved == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * converged / solved:0.0}%");
        return string.Create(CultureInfo.InvariantCulture,
            $"converged among solved over all methods: {converged} of {solved} = {share}; false convergences: {runs.Count(r => r.FalseConvergence)} of {runs.Count} runs");
    }

    /// <summary>Every run that is not solved: where it stopped and why.</summary>
    /// <param name="runs">The judged runs.</param>
    public static TextTable Unsolved(IReadOnlyList<StandardSetRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return new TextTable("Runs not solved", ["instance", "start", "method", "source", "outcome", "stopped by", "false convergence", "final f", "f*"],
            runs.Where(r => r.Outcome != StandardSetOutcome.Solved).Select(r => new[]
            {
                r.Instance, string.Create(CultureInfo.InvariantCulture, $"{r.StartFactor}·x0"), r.Method, r.Source, r.Outcome.ToString(),
                r.Reason.ToString(), r.FalseConvergence ? "yes" : "no", Format.Scientific(r.FinalValue), Format.Scientific(r.KnownMinimum),
            }).ToArray(),
            new HashSet<int> { 7, 8 });
    }

    private static string Count(IEnumerable<StandardSetRun> runs, StandardSetOutcome outcome) =>
        runs.Count(r => r.Outcome == outcome).ToString(CultureInfo.InvariantCulture);

    private static string Median(IEnumerable<double> values)
    {
        var array = values.ToArray();
        return array.Length == 0 ? "—" : Format.Count(CostTiming.Median(array));
    }

    /// <summary>One CSV row per run, numbers at full precision.</summary>
    /// <param name="runs">The judged runs.</param>
    /// <param name="writer">The destination.</param>
    public static void WriteCsv(IReadOnlyList<StandardSetRun> runs, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("instance,n,start_factor,method,source,outcome,reason,reports_convergence,false_convergence,f_evaluations," +
            "gradient_evaluations,hessian_vector_products,hessians,iterations,final_f,known_minimum,seconds");
        foreach (var r in runs)
            writer.WriteLine(string.Join(',',
                r.Instance, I(r.Dimension), R(r.StartFactor), r.Method, r.Source, r.Outcome, r.Reason, r.ReportsConvergence ? "true" : "false",
                r.FalseConvergence ? "true" : "false", I(r.Values), I(r.Gradients), I(r.HessianVectors), I(r.Hessians), I(r.Iterations),
                R(r.FinalValue), R(r.KnownMinimum), R(r.Seconds)));
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The HTML page: the two profiles, then the tables.</summary>
    /// <param name="runs">The judged runs.</param>
    /// <param name="title">The page's heading.</param>
    /// <param name="writer">The destination.</param>
    public static void WriteHtml(IReadOnlyList<StandardSetRun> runs, string title, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(writer);
        var performance = ProfileChart(Profiles.Performance(runs), "Performance profile (Dolan & Moré 2002)",
            "performance ratio τ (f evaluations / fewest f evaluations of any solver)");
        var data = ProfileChart(Profiles.Data(runs), "Data profile (Moré & Wild 2009)", "budget κ (f evaluations / (n + 1))");
        var page = new StringBuilder();
        page.AppendLine("<!DOCTYPE html>");
        page.AppendLine($"<html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title>");
        page.AppendLine(HtmlReport.PlotlyScripts(performance));
        page.AppendLine("<style>body{font-family:sans-serif;margin:2em} table{border-collapse:collapse;margin-bottom:2em} td,th{border:1px solid #ccc;padding:2px 6px} td.n{text-align:right}</style>");
        page.AppendLine("</head><body>");
        page.AppendLine($"<h1>{WebUtility.HtmlEncode(title)}</h1>");
        page.AppendLine("<p>Each (instance, start) pair is one problem; a run's cost is its evaluations of f; unsolved runs never count.</p>");
        foreach (var (heading, chart) in new[] { ("Performance profile", performance), ("Data profile", data) })
        {
            page.AppendLine($"<h2>{heading}</h2>");
            page.AppendLine(GenericChart.toChartHTML(chart));
        }
        HtmlReport.AppendTable(page, Summary(runs));
        HtmlReport.AppendTable(page, Unsolved(runs));
        HtmlReport.AppendTable(page, SolvedAtLimit(runs));
        page.AppendLine("</body></html>");
        writer.Write(page.ToString());
    }

    /// <summary>One stepped line per solver, fraction of problems against a logarithmic abscissa.</summary>
    /// <param name="curves">The profile.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="xTitle">The abscissa's title.</param>
    public static GenericChart ProfileChart(IReadOnlyList<ProfileCurve> curves, string title, string xTitle)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var lines = curves.Select(c => HtmlReport.Trace("scatter", c.Solver,
            c.X.Prepend(c.X.Count > 0 ? c.X[0] : 1).Select(x => (object)x).ToArray(), c.Y.Prepend(0).ToArray(), stepped: true));
        return HtmlReport.WithLayout(GenericChart.combine(lines), title, xTitle, "fraction of problems solved", logY: false, barmode: null, logX: true);
    }
}
