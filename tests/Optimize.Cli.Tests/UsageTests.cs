using Optimize.Cli.Commands;
using Optimize.Problems;

namespace Optimize.Cli.Tests;

public class UsageTests
{
    [Fact]
    public void MissingVerbIsAUsageError()
    {
        var outcome = CliRunner.Run();
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("--help", outcome.Error);
    }

    [Fact]
    public void UnknownVerbIsAUsageError()
    {
        var outcome = CliRunner.Run("minimise", "rosenbrock");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("minimise", outcome.Error);
    }

    [Fact]
    public void UnknownOptionIsAUsageError()
    {
        var outcome = CliRunner.Run("compare", "--colour", "blue");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("--colour", outcome.Error);
        Assert.Contains("optimize compare --help", outcome.Error);
    }

    [Fact]
    public void UnknownProblemListsTheValidProblems()
    {
        var outcome = CliRunner.Run("check", "rosenbrok");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("Unknown problem 'rosenbrok'", outcome.Error);
        foreach (var name in ProblemLibrary.Names) Assert.Contains(name, outcome.Error);
    }

    [Fact]
    public void UnknownDerivativeSourceListsTheValidSources()
    {
        var outcome = CliRunner.Run("check", "beale", "--derivatives", "magic");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("Unknown derivative source 'magic'", outcome.Error);
        Assert.Contains("analytic, ", outcome.Error);
        Assert.Contains("central-diff", outcome.Error);
    }

    [Fact]
    public void SizeOfAFixedSizeProblemIsAUsageError()
    {
        var outcome = CliRunner.Run("check", "beale", "--n", "10");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("dimension 2", outcome.Error);
    }

    [Theory]
    [InlineData("1,2,3", "3 numbers")]
    [InlineData("1,abc", "'abc'")]
    [InlineData("1,NaN", "'NaN'")]
    public void MalformedPointIsAUsageError(string point, string expected)
    {
        var outcome = CliRunner.Run("check", "rosenbrock", "--at", point);
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error);
    }

    [Fact]
    public void HelpExitsWithSuccessAndListsTheVerbs()
    {
        var outcome = CliRunner.Run("--help");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        foreach (var verb in new[] { "problems", "compare", "bench", "check" }) Assert.Contains(verb, outcome.Output);
    }
}
