using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Optimize.Cli.Reports;

/// <summary>Writes a <see cref="ComparisonReport"/> as Markdown, CSV and JSON files.</summary>
public static class ReportFiles
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The Markdown report: the same tables as the terminal, as pipe tables.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">The destination.</param>
    public static void WriteMarkdown(ComparisonReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("# optimize compare");
        writer.WriteLine();
        if (report.Cancelled) writer.WriteLine("Cancelled: the tables cover the runs finished before Ctrl-C.\n");
        foreach (var table in Tables(report)) table.WriteMarkdown(writer);
        if (report.Skipped.Count > 0)
        {
            writer.WriteLine("## Not run");
            writer.WriteLine();
            foreach (var line in report.Skipped) writer.WriteLine($"- {line}");
            writer.WriteLine();
        }
    }

    /// <summary>
    /// The CSV report: one header and one row per measurement, the column <c>table</c> telling
    /// derivative rows (<c>derivatives</c>) from method runs (<c>methods</c>); numbers at full precision.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">The destination.</param>
    public static void WriteCsv(ComparisonReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        string[] header =
        [
            "table", "problem", "n", "source", "method", "gradient_error", "f_calls_per_gradient", "value_seconds",
            "gradient_seconds", "cost_ratio", "solved", "reason", "iterations", "f_evaluations", "gradient_evaluations",
            "hessian_vector_products", "hessians", "f_calls", "seconds", "final_f", "gradient_norm",
        ];
        writer.WriteLine(string.Join(',', header));
        foreach (var r in report.Derivatives)
            WriteRow(writer, header.Length, new()
            {
                [0] = "derivatives", [1] = r.Problem, [2] = I(r.Dimension), [3] = r.Source,
                [5] = Format.Exact(r.GradientError), [6] = Format.Exact(r.CallsPerGradient), [7] = Format.Exact(r.ValueSeconds),
                [8] = Format.Exact(r.GradientSeconds), [9] = Format.Exact(r.CostRatio),
            });
        foreach (var r in report.Runs)
            WriteRow(writer, header.Length, new()
            {
                [0] = "methods", [1] = r.Problem, [2] = I(r.Dimension), [3] = r.Source, [4] = r.Method,
                [10] = r.Solved ? "true" : "false", [11] = r.Reason, [12] = I(r.Iterations), [13] = I(r.Values),
                [14] = I(r.Gradients), [15] = I(r.HessianVectors), [16] = I(r.Hessians), [17] = I(r.FunctionCalls),
                [18] = Format.Exact(r.Seconds), [19] = Format.Exact(r.Minimum), [20] = Format.Exact(r.GradientNorm),
            });
    }

    /// <summary>The JSON report: the whole <see cref="ComparisonReport"/>, camelCase, NaN and ∞ as named literals.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">The destination.</param>
    public static void WriteJson(ComparisonReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(JsonSerializer.Serialize(report, JsonOptions));
        writer.WriteLine();
    }

    /// <summary>The tables of the report, in the order the terminal and Markdown show them.</summary>
    /// <param name="report">The report.</param>
    public static IEnumerable<TextTable> Tables(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Derivatives.Count > 0)
        {
            yield return ReportTables.Derivatives(report.Derivatives);
            yield return ReportTables.CostRatios(report.Derivatives);
        }
        if (report.Runs.Count > 0)
        {
            yield return ReportTables.Runs(report.Runs);
            yield return ReportTables.RunSummary(report.Runs);
        }
    }

    /// <summary>Writes <paramref name="write"/>'s output to <paramref name="path"/> (UTF-8), creating its folder.</summary>
    /// <param name="path">The file.</param>
    /// <param name="write">Writes the content.</param>
    public static void WriteFile(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        write(writer);
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void WriteRow(TextWriter writer, int columns, Dictionary<int, string> cells) =>
        writer.WriteLine(string.Join(',', Enumerable.Range(0, columns).Select(j => Quote(cells.GetValueOrDefault(j, "")))));

    // RFC 4180: quote cells holding a comma, a quote or a line break, doubling inner quotes.
    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
