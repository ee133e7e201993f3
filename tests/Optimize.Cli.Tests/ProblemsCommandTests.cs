using System.Globalization;
using Optimize.Cli.Commands;
using Optimize.Problems;

namespace Optimize.Cli.Tests;

public class ProblemsCommandTests
{
    [Fact]
    public void ListsEveryProblemWithItsDimensionAndKnownMinimum()
    {
        var outcome = CliRunner.Run("problems");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        var lines = outcome.Output.Split('\n');
        foreach (var (name, problem) in ProblemLibrary.Names.Zip(ProblemLibrary.Standard))
        {
            var line = Assert.Single(lines, l => l.Contains($" {name} ", StringComparison.Ordinal));
            var cells = line.Split('│', StringSplitOptions.TrimEntries);
            Assert.Equal(problem.Dimension.ToString(CultureInfo.InvariantCulture), cells[2]);
            if (problem.KnownMinimum is double minimum)
                Assert.Equal(minimum, double.Parse(cells[3], CultureInfo.InvariantCulture), 1e-9);
            else
                Assert.Equal("—", cells[3]);
        }
    }
}
