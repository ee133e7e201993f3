using System.Globalization;
using Optimize.Cli.Commands;
using Optimize.LinearAlgebra;
using Optimize.Problems;

namespace Optimize.Cli.Tests;

public class TraceAndBackendCommandTests
{
    private static double[] Numbers(string text) =>
        text.Trim('(', ')').Split(',', StringSplitOptions.TrimEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    private static string[][] Rows(string output) =>
        output.Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).Where(cells => cells.Length == 6 && cells[1].StartsWith('v') && cells[1] != "v").ToArray();

    [Fact]
    public void ForwardTraceOfTheLectureExampleEndsWithTheDirectionalDerivative()
    {
        var outcome = CliRunner.Run("trace", "griewank-walther", "--mode", "forward", "--at", "1.5,0.5");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        var rows = Rows(outcome.Output);
        Assert.Equal(["v-1", "v0"], rows.Take(2).Select(r => r[1]));
        Assert.Equal(["x1", "x2"], rows.Take(2).Select(r => r[2]));
        Assert.Equal("1", rows[0][4]);   // seed ẋ = e₁
        Assert.Equal("0", rows[1][4]);

        var gradient = new double[2];
        double value = ProblemLibrary.GriewankWaltherExample().ValueAndGradient([1.5, 0.5], gradient);
        var last = rows[^1];
        Assert.Equal(value, double.Parse(last[3], CultureInfo.InvariantCulture), 8);
        Assert.Equal(gradient[0], double.Parse(last[4], CultureInfo.InvariantCulture), 8);
    }

    [Fact]
    public void ReverseTraceGivesTheGradientAsInputAdjoints()
    {
        var outcome = CliRunner.Run("trace", "griewank-walther", "--mode", "reverse", "--at", "1.5,0.5");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        var rows = Rows(outcome.Output);
        Assert.Equal("1", rows[^1][4]);   // ȳ = 1
        var gradient = new double[2];
        ProblemLibrary.GriewankWaltherExample().ValueAndGradient([1.5, 0.5], gradient);
        Assert.Equal(gradient[0], double.Parse(rows[0][4], CultureInfo.InvariantCulture), 8);
        Assert.Equal(gradient[1], double.Parse(rows[1][4], CultureInfo.InvariantCulture), 8);
        var summary = Assert.Single(outcome.Output.Split('\n'), l => l.Contains("∇f = x̄ = "));
        Assert.Equal(gradient, Numbers(summary.Split("∇f = x̄ = ")[1].Trim()), new ToleranceComparer(1e-8));
    }

    [Fact]
    public void ForwardTraceTakesASeedDirection()
    {
        var outcome = CliRunner.Run("trace", "rosenbrock", "--direction", "0,1");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Contains("seed ẋ = (0, 1)", outcome.Output);
        var gradient = new double[2];
        ProblemLibrary.Rosenbrock().ValueAndGradient([-1.2, 1], gradient);
        Assert.Contains($"ẏ = ∇f·ẋ = {gradient[1].ToString("G10", CultureInfo.InvariantCulture)}", outcome.Output);
    }

    [Fact]
    public void UnknownTraceModeIsAUsageError()
    {
        var outcome = CliRunner.Run("trace", "rosenbrock", "--mode", "sideways");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("sideways", outcome.Error);
    }

    [Fact]
    public void BackendReportsTheBackendInUseAndWhichOnesLoad()
    {
        var outcome = CliRunner.Run("backend");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        var cells = outcome.Output.Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).Where(c => c.Length == 4).ToArray();
        Assert.Equal(LinearAlgebraBackend.Describe().Backend.ToString(), Assert.Single(cells, c => c[1] == "backend")[2]);
        Assert.Equal("yes", Assert.Single(cells, c => c[1] == "available: Managed")[2]);
    }

    [Fact]
    public void BackendCanDescribeTheManagedProvider()
    {
        var outcome = CliRunner.Run("backend", "--backend", "managed");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Contains("│ backend ", outcome.Output);
        Assert.Contains(" Managed ", outcome.Output);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(y));
        public int GetHashCode(double value) => 0;
    }
}
