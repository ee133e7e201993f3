using System.Globalization;
using Optimize.Cli.Commands;
using Optimize.Problems.Bounded;

namespace Optimize.Cli.Tests;

public class BoundedSolveTests
{
    [Fact]
    public void BoundedProblemIsSolvedOverItsBoxWithLbfgsbByDefault()
    {
        var outcome = CliRunner.Run("solve", "mgh01-rosenbrock-boxed");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Equal("mgh01-rosenbrock-boxed (n = 2, bounded)", CliRunner.Cell(outcome.Output, "problem"));
        Assert.Equal("[-2, 0.5] × [-2, 2]", CliRunner.Cell(outcome.Output, "bounds"));
        Assert.StartsWith("lbfgsb:", CliRunner.Cell(outcome.Output, "method"));
        Assert.Equal("0.25", CliRunner.Cell(outcome.Output, "known minimum f*"));
        Assert.Equal(0.25, double.Parse(CliRunner.Cell(outcome.Output, "minimum f(x)"), CultureInfo.InvariantCulture), 1e-10);
        Assert.Equal("x1 = 0.5 (upper); at x*: x1", CliRunner.Cell(outcome.Output, "active bounds"));
        double projected = double.Parse(CliRunner.Cell(outcome.Output, "projected gradient").Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.InRange(projected, 0, 1e-6);
        // The full gradient is not zero at the solution: ∂f/∂x₁ = −1 is held by the bound.
        Assert.Equal(1.0, double.Parse(CliRunner.Cell(outcome.Output, "‖∇f(x)‖₂"), CultureInfo.InvariantCulture), 1e-6);
        Assert.Equal("no", CliRunner.Cell(outcome.Output, "start projected"));
    }

    [Theory]
    [InlineData("lbfgsb", true)]
    [InlineData("tron", true)]
    [InlineData("nelder-mead", false)]
    [InlineData("coordinate-descent", true)]
    public void EveryMethodThatHandlesBoundsSolvesHs45FromItsProjectedStart(string method, bool landsOnEveryBound)
    {
        // HS45's published start (2, …, 2) lies outside its box; every bound is active at x* = (1, 2, 3, 4, 5).
        var outcome = CliRunner.Run("solve", "hs45", "--method", method);
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.StartsWith(method + ":", CliRunner.Cell(outcome.Output, "method"));
        Assert.Equal("yes", CliRunner.Cell(outcome.Output, "start projected"));
        Assert.Equal(1.0, double.Parse(CliRunner.Cell(outcome.Output, "minimum f(x)"), CultureInfo.InvariantCulture), 1e-6);
        // The simplex stops within its tolerance of f*, where some vertices need not sit exactly on a bound.
        if (landsOnEveryBound)
            Assert.StartsWith("x1 = 1 (upper), x2 = 2 (upper), x3 = 3 (upper), x4 = 4 (upper), x5 = 5 (upper);", CliRunner.Cell(outcome.Output, "active bounds"));
        Assert.EndsWith("at x*: x1, x2, x3, x4, x5", CliRunner.Cell(outcome.Output, "active bounds"));
    }

    [Fact]
    public void MethodWithoutBoundsIsAUsageErrorNamingTheMethodsThatHandleThem()
    {
        var outcome = CliRunner.Run("solve", "hs45", "--method", "bfgs");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("'bfgs' does not handle bounds", outcome.Error);
        foreach (var name in new[] { "lbfgsb", "tron", "nelder-mead", "coordinate-descent" }) Assert.Contains(name, outcome.Error);
    }

    [Fact]
    public void ASizeThatDiffersFromTheBoundedProblemsIsAUsageError()
    {
        var outcome = CliRunner.Run("solve", "hs45", "--n", "7");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("n = 5", outcome.Error);
    }

    [Fact]
    public void UnknownProblemListsTheBoundedProblemsToo()
    {
        var outcome = CliRunner.Run("solve", "hs999");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("mgh01-rosenbrock-boxed", outcome.Error);
    }

    [Fact]
    public void ProblemsListsEveryBoundedProblemWithItsMinimumOverTheBox()
    {
        var outcome = CliRunner.Run("problems");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        var lines = outcome.Output.Split('\n');
        foreach (var problem in BoundedSet.Instances)
        {
            var cells = Assert.Single(lines, l => l.Contains($" {problem.Name} ", StringComparison.Ordinal)).Split('│', StringSplitOptions.TrimEntries);
            Assert.Equal(problem.Dimension.ToString(CultureInfo.InvariantCulture), cells[2]);
            Assert.Equal(problem.KnownMinimum, double.Parse(cells[3], CultureInfo.InvariantCulture), 1e-9 * (1 + Math.Abs(problem.KnownMinimum)));
            Assert.StartsWith(problem.ActiveAtMinimum.Count == 0 ? "none" : $"x{problem.ActiveAtMinimum[0] + 1}", cells[4]);
        }
    }
}
