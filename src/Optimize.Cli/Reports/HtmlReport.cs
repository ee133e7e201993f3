using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Optimize.Cli.Reports;

/// <summary>
/// The HTML page of <c>optimize compare --html</c>: Plotly.NET charts of the convergence curves
/// (f − f* against evaluations of f, one chart per problem, one curve per method and source) and of the
/// cost ratios time(f+∇f)/time(f) by source, followed by the report's tables.
/// </summary>
public static class HtmlReport
{
    /// <summary>The smallest gap drawn on the logarithmic axis; exact zeros are shown at this floor.</summary>
    public const double GapFloor = 1e-16;

    /// <summary>Writes the page.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">The destination.</param>
    public static void Write(ComparisonReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var charts = new List<(string Heading, GenericChart Chart)>();
        if (report.Derivatives.Count > 0) charts.Add(("Cost ratio by source", CostRatioChart(report)));
        foreach (var problem in report.Problems)
        {
            var curves = report.Curves.Where(c => c.Problem == problem.Name).ToArray();
            if (curves.Length > 0)
                charts.Add(($"Convergence on {problem.Name} (n = {problem.Dimension})", ConvergenceChart(problem, curves)));
        }

        var page = new StringBuilder();
        page.AppendLine("<!DOCTYPE html>");
        page.AppendLine("<html><head><meta charset=\"utf-8\"><title>optimize compare</title>");
        if (charts.Count > 0) page.AppendLine(PlotlyScripts(charts[0].Chart));
        page.AppendLine("<style>body{font-family:sans-serif;margin:2em} table{border-collapse:collapse;margin-bottom:2em} td,th{border:1px solid #ccc;padding:2px 6px} td.n{text-align:right}</style>");
        page.AppendLine("</head><body>");
        page.AppendLine("<h1>optimize compare</h1>");
        if (report.Cancelled) page.AppendLine("<p><b>Cancelled:</b> the charts and tables cover the runs finished before Ctrl-C.</p>");
        foreach (var (heading, chart) in charts)
        {
            page.AppendLine($"<h2>{WebUtility.HtmlEncode(heading)}</h2>");
            page.AppendLine(GenericChart.toChartHTML(chart));
        }
        foreach (var table in ReportFiles.Tables(report)) AppendTable(page, table);
        page.AppendLine("</body></html>");
        writer.Write(page.ToString());
    }

    /// <summary>Grouped bars: one group per problem, one bar per source, logarithmic ratio axis.</summary>
    /// <param name="report">The report.</param>
    public static GenericChart CostRatioChart(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bars = report.Sources
            .Select(source => report.Derivatives.Where(r => r.Source == source).ToArray())
            .Where(rows => rows.Length > 0)
            .Select(rows => Trace("bar", rows[0].Source, rows.Select(r => (object)$"{r.Problem} ({r.Dimension})").ToArray(),
                rows.Select(r => r.CostRatio).ToArray()));
        return WithLayout(GenericChart.combine(bars), "time(f+∇f) / time(f)", "problem", "cost ratio", logY: true, barmode: "group");
    }

    /// <summary>f − f* against cumulative evaluations of f, one line per method and source, logarithmic gap axis.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="curves">Its curves.</param>
    public static GenericChart ConvergenceChart(ProblemSummary problem, IReadOnlyList<ConvergenceCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(curves);
        var lines = curves.Select(c => Trace("scatter", $"{c.Method} / {c.Source}",
            c.Evaluations.Select(e => (object)e).ToArray(), c.Gap.Select(g => Math.Max(g, GapFloor)).ToArray()));
        string gap = problem.KnownMinimum is null ? "f − best f found" : "f − f*";
        return WithLayout(GenericChart.combine(lines), problem.Name, "evaluations of f", gap, logY: true, barmode: null);
    }

    // The chart fragments call the global Plotly object. The page carries plotly.js itself, inline, as
    // Plotly.NET's standalone pages do with PlotlyJSReference.Full (the copy inside Plotly.NET, so the library
    // version matches the one Plotly.NET generates for): the report shows its charts offline.
    internal static string PlotlyScripts(GenericChart chart)
    {
        var inline = GenericChart.setDisplayOptions(DisplayOptions.init(
            null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full)), chart);
        string standalone = GenericChart.toEmbeddedHTML(inline);
        int end = standalone.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        string head = end < 0 ? standalone : standalone[..end];
        return string.Join(Environment.NewLine,
            Regex.Matches(head, "<script[^>]*>.*?</script>", RegexOptions.IgnoreCase | RegexOptions.Singleline).Select(m => m.Value));
    }

    internal static GenericChart Trace(string kind, string name, object[] x, double[] y, bool stepped = false)
    {
        var trace = new Trace2D(kind);
        trace.SetProperty("name", name);
        trace.SetProperty("x", x);
        trace.SetProperty("y", y);
        if (kind == "scatter") trace.SetProperty("mode", stepped ? "lines" : "lines+markers");
        if (stepped)
        {
            var line = new DynamicObj.DynamicObj();
            line.SetProperty("shape", "hv");
            trace.SetProperty("line", line);
        }
        return GenericChart.ofTraceObject(true, trace);
    }

    internal static GenericChart WithLayout(GenericChart chart, string title, string xTitle, string yTitle, bool logY, string? barmode,
        bool logX = false)
    {
        var layout = new Layout();
        layout.SetProperty("title", Text(title));
        var xAxis = Axis(xTitle);
        if (logX) xAxis.SetProperty("type", "log");
        layout.SetProperty("xaxis", xAxis);
        var yAxis = Axis(yTitle);
        if (logY) yAxis.SetProperty("type", "log");
        layout.SetProperty("yaxis", yAxis);
        if (barmode is not null) layout.SetProperty("barmode", barmode);
        return GenericChart.addLayout(layout, chart);
    }

    private static DynamicObj.DynamicObj Text(string text)
    {
        var title = new DynamicObj.DynamicObj();
        title.SetProperty("text", text);
        return title;
    }

    private static DynamicObj.DynamicObj Axis(string title)
    {
        var axis = new DynamicObj.DynamicObj();
        axis.SetProperty("title", Text(title));
        return axis;
    }

    internal static void AppendTable(StringBuilder page, TextTable table)
    {
        page.AppendLine($"<h2>{WebUtility.HtmlEncode(table.Title)}</h2>");
        page.AppendLine("<table><tr>" + string.Concat(table.Headers.Select(h => $"<th>{WebUtility.HtmlEncode(h)}</th>")) + "</tr>");
        foreach (var row in table.Rows)
            page.AppendLine("<tr>" + string.Concat(row.Select((cell, j) =>
                $"<td{(table.NumericColumns.Contains(j) ? " class=\"n\"" : "")}>{WebUtility.HtmlEncode(cell)}</td>")) + "</tr>");
        page.AppendLine("</table>");
    }
}
