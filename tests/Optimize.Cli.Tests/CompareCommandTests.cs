using System.Text.Json;
using Optimize.Cli.Commands;

namespace Optimize.Cli.Tests;

public class CompareCommandTests
{
    private static readonly string[] SmallRun =
        ["compare", "--problems", "rosenbrock,beale", "--sources", "analytic,central-diff,forward-diff", "--methods", "lbfgs,newton,nelder-mead"];

    [Fact]
    public void PrintsTheDerivativeTableWithErrorsAndCostRatios()
    {
        var outcome = CliRunner.Run(SmallRun);
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Contains("Derivative sources", outcome.Output);
        Assert.Contains("Cost ratio", outcome.Output);
        // The derivative table has eight columns (ten cells between and around the borders).
        var cells = Assert.Single(outcome.Output.Split('\n').Select(line => line.Split('│', StringSplitOptions.TrimEntries)),
            cells => cells.Length == 10 && cells[1] == "rosenbrock" && cells[3] == "central-diff");
        Assert.Equal("2", cells[2]);
        Assert.Equal("5", cells[5]);   // 2n + 1 evaluations of f per central-difference gradient
        Assert.InRange(double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture), 1e-13, 1e-6);
    }

    [Fact]
    public void WritesMarkdownCsvJsonAndHtmlFiles()
    {
        using var folder = new TemporaryFolder();
        string markdown = folder.File("report.md"), csv = folder.File("report.csv"), json = folder.File("nested/report.json"), html = folder.File("report.html");
        var outcome = CliRunner.Run([.. SmallRun, "--markdown", markdown, "--csv", csv, "--json", json, "--html", html]);
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        foreach (var file in new[] { markdown, csv, json, html }) Assert.Contains($"wrote {file}", outcome.Output);

        var markdownLines = File.ReadAllLines(markdown);
        Assert.Contains("| problem | n | source | gradient error | f calls / gradient | time f | time f+∇f | cost ratio |", markdownLines);
        // Six rows in the derivative table (2 problems × 3 sources), two in the cost-ratio pivot, fourteen method runs.
        Assert.Equal(22, markdownLines.Count(line => line.StartsWith("| rosenbrock |") || line.StartsWith("| beale |")));

        Assert.Contains(markdownLines, line => line.StartsWith("| rosenbrock | 2 | newton | analytic | yes |"));

        var csvLines = File.ReadAllLines(csv);
        var header = csvLines[0].Split(',');
        var rows = csvLines.Skip(1).Select(line => line.Split(',')).ToArray();
        Assert.All(rows, row => Assert.Equal(header.Length, row.Length));
        int table = Array.IndexOf(header, "table"), source = Array.IndexOf(header, "source"), method = Array.IndexOf(header, "method");
        int error = Array.IndexOf(header, "gradient_error"), calls = Array.IndexOf(header, "f_calls_per_gradient");
        var derivativeRows = rows.Where(r => r[table] == "derivatives").ToArray();
        var methodRows = rows.Where(r => r[table] == "methods").ToArray();
        Assert.Equal(6, derivativeRows.Length);
        // Per problem: L-BFGS and Newton with each of the three sources, Nelder–Mead once on values.
        Assert.Equal(14, methodRows.Length);
        Assert.All(derivativeRows.Where(r => r[source] == "analytic"), r => Assert.Equal("0", r[error]));
        Assert.All(derivativeRows.Where(r => r[source] == "forward-diff"), r => Assert.Equal("3", r[calls]));
        Assert.All(methodRows.Where(r => r[method] == "nelder-mead"), r => Assert.Equal("values", r[source]));
        int solved = Array.IndexOf(header, "solved");
        Assert.All(methodRows.Where(r => r[method] == "lbfgs" && r[source] != "forward-diff"), r => Assert.Equal("true", r[solved]));

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var derivatives = document.RootElement.GetProperty("derivatives");
        Assert.Equal(6, derivatives.GetArrayLength());
        Assert.False(document.RootElement.GetProperty("cancelled").GetBoolean());
        foreach (var row in derivatives.EnumerateArray())
        {
            Assert.True(row.GetProperty("costRatio").GetDouble() > 0);
            double tolerance = row.GetProperty("source").GetString() switch { "analytic" => 0, "central-diff" => 1e-8, _ => 1e-5 };
            Assert.InRange(row.GetProperty("gradientError").GetDouble(), 0, tolerance);
        }

        var runs = document.RootElement.GetProperty("runs");
        var curves = document.RootElement.GetProperty("curves");
        Assert.Equal(14, runs.GetArrayLength());
        Assert.Equal(14, curves.GetArrayLength());
        foreach (var curve in curves.EnumerateArray())
        {
            var evaluations = curve.GetProperty("evaluations").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            Assert.Equal(evaluations.Length, curve.GetProperty("gap").GetArrayLength());
            Assert.Equal(evaluations.Order(), evaluations);
        }

        string page = File.ReadAllText(html);
        Assert.Contains("Convergence on rosenbrock", page);
        Assert.Contains("\"name\":\"newton / analytic\"", page);
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("Plotly.newPlot", page);
        // plotly.js is in the page itself, not loaded from a CDN: the charts show offline.
        Assert.DoesNotMatch("<script[^>]*src=", page);
        Assert.Matches(@"<script[^>]*>\s*/\*\*?\s*\n?\s*\*?\s*plotly\.js v\d", page);
        Assert.Contains("\"name\":\"central-diff\"", page);
        Assert.Contains("<td>beale</td>", page);
    }

    [Fact]
    public void CancelledRunPrintsWhatItHasAndExitsWithOne()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var outcome = CliRunner.Run(cancelled.Token, SmallRun);
        Assert.Equal(ExitCodes.NotConverged, outcome.ExitCode);
        Assert.Contains("Cancelled", outcome.Error);
    }

    [Fact]
    public void LongConvergenceCurvesAreThinnedToAFixedNumberOfPoints()
    {
        using var folder = new TemporaryFolder();
        string json = folder.File("curves.json");
        var outcome = CliRunner.Run("compare", "--problems", "rosenbrock", "--sources", "analytic", "--methods", "gradient-descent", "--json", json);
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var run = Assert.Single(document.RootElement.GetProperty("runs").EnumerateArray());
        var curve = Assert.Single(document.RootElement.GetProperty("curves").EnumerateArray());
        Assert.True(run.GetProperty("iterations").GetInt32() > Measurement.ComparisonRunner.MaximumCurvePoints);
        var evaluations = curve.GetProperty("evaluations").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(Measurement.ComparisonRunner.MaximumCurvePoints, evaluations.Length);
        Assert.Equal(1, evaluations[0]);
        Assert.Equal(evaluations.Order(), evaluations);
    }

    [Fact]
    public void NonPositiveTimeLimitIsAUsageError()
    {
        var outcome = CliRunner.Run("compare", "--time-limit", "0");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("--time-limit", outcome.Error);
    }

    [Fact]
    public void UnknownProblemInTheListIsAUsageError()
    {
        var outcome = CliRunner.Run("compare", "--problems", "rosenbrock,nope");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("Unknown problem 'nope'", outcome.Error);
    }
}
