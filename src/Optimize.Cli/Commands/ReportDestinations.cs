using System.CommandLine;
using Optimize.Cli.Measurement;
using Optimize.Cli.Reports;
using Optimize.FSharp.Symbolic;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Commands;

/// <summary>The files a comparison writes besides the terminal tables; null entries are not written.</summary>
/// <param name="Markdown">The Markdown file.</param>
/// <param name="Csv">The CSV file.</param>
/// <param name="Json">The JSON file.</param>
/// <param name="Html">The HTML page with charts.</param>
public sealed record ReportDestinations(string? Markdown, string? Csv, string? Json, string? Html)
{
    /// <summary>Writes each requested file and names it on <paramref name="log"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="log">Where to say what was written.</param>
    public void Write(ComparisonReport report, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(log);
        WriteOne(Markdown, writer => ReportFiles.WriteMarkdown(report, writer), log);
        WriteOne(Csv, writer => ReportFiles.WriteCsv(report, writer), log);
        WriteOne(Json, writer => ReportFiles.WriteJson(report, writer), log);
        WriteOne(Html, writer => HtmlReport.Write(report, writer), log);
    }

    private static void WriteOne(string? path, Action<TextWriter> write, TextWriter log)
    {
        if (path is null) return;
        ReportFiles.WriteFile(path, write);
        log.WriteLine($"wrote {path}");
    }
}
