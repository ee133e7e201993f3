using System.Globalization;
using Optimize.Cli.Commands;

namespace Optimize.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public void PrintsOneCostRatioPerProblemAndSourceAndTheirMedian()
    {
        var outcome = CliRunner.Run("bench", "--problems", "rosenbrock,helical-valley", "--sources", "analytic,forward-diff", "--repeats", "1");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        var lines = outcome.Output.Split('\n');
        Assert.Contains(lines, line => line.Contains("analytic") && line.Contains("forward-diff"));
        foreach (var label in new[] { " rosenbrock ", " helical-valley ", " median " })
        {
            var cells = Assert.Single(lines, line => line.Contains(label)).Split('│', StringSplitOptions.TrimEntries);
            Assert.True(double.Parse(cells[3], CultureInfo.InvariantCulture) > 0, outcome.Output);
            Assert.True(double.Parse(cells[4], CultureInfo.InvariantCulture) > 0, outcome.Output);
        }
    }

    [Fact]
    public void ZeroRepeatsIsAUsageError()
    {
        var outcome = CliRunner.Run("bench", "--repeats", "0");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("--repeats", outcome.Error);
    }
}
