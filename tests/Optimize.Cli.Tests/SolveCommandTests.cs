using System.Globalization;
using Optimize.AutoDiff;
using Optimize.Cli.Commands;
using Optimize.FSharp.Symbolic;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Tests;

public class SolveCommandTests
{
    [Fact]
    public void SolvesRosenbrockWithDefaultOptions()
    {
        var outcome = CliRunner.Run("solve", "rosenbrock");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Equal("lbfgs: L-BFGS", CliRunner.Cell(outcome.Output, "method"));
        Assert.Equal("analytic", CliRunner.Cell(outcome.Output, "derivatives"));
        Assert.Equal("(-1.2, 1)", CliRunner.Cell(outcome.Output, "start x₀"));
        Assert.StartsWith("GradientTolerance", CliRunner.Cell(outcome.Output, "stopped by"));
        Assert.InRange(double.Parse(CliRunner.Cell(outcome.Output, "minimum f(x)"), CultureInfo.InvariantCulture), 0, 1e-12);
        Assert.Matches(@"^f \d+, ∇f \d+, ∇²f·v 0, ∇²f 0$", CliRunner.Cell(outcome.Output, "evaluations"));
    }

    [Fact]
    public void SolvesALargeExtendedRosenbrockWithCentralDifferences()
    {
        // BFGS: from L-BFGS's bounded first step the default method's path ends where the central-difference
        // gradient's truncation error (about 1e-7 here) keeps ‖∇f‖ above 1e-8, and it reports LineSearchFailed.
        var outcome = CliRunner.Run("solve", "extended-rosenbrock", "--n", "50", "--derivatives", "central-diff", "--method", "bfgs");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Equal("extended-rosenbrock (n = 50)", CliRunner.Cell(outcome.Output, "problem"));
        // Each central-difference gradient costs 2n = 100 evaluations of f beyond the solver's own.
        long calls = long.Parse(CliRunner.Cell(outcome.Output, "f calls (incl. derivatives)"), CultureInfo.InvariantCulture);
        Assert.True(calls > 100);
    }

    [Fact]
    public void ReachingTheIterationLimitExitsWithOne()
    {
        var outcome = CliRunner.Run("solve", "rosenbrock", "--method", "bfgs", "--max-iterations", "3");
        Assert.Equal(ExitCodes.NotConverged, outcome.ExitCode);
        Assert.Equal("IterationLimit (not converged)", CliRunner.Cell(outcome.Output, "stopped by"));
        Assert.Equal("3", CliRunner.Cell(outcome.Output, "iterations"));
    }

    [Fact]
    public void TracePrintsEveryIteration()
    {
        var outcome = CliRunner.Run("solve", "beale", "--method", "newton", "--trace");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        int iterations = int.Parse(CliRunner.Cell(outcome.Output, "iterations"), CultureInfo.InvariantCulture);
        Assert.Contains("Iterations of Newton", outcome.Output);
        var iterationRows = outcome.Output.Split('\n')
            .Select(l => l.Split('│', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 9 && int.TryParse(cells[1], out _))
            .Select(cells => int.Parse(cells[1], CultureInfo.InvariantCulture)).ToArray();
        // Row 0 is the start, then one row per iteration the summary reports.
        Assert.Equal(Enumerable.Range(0, iterations + 1), iterationRows);
    }

    [Fact]
    public void ValueOnlyMethodIgnoresTheDerivativeSource()
    {
        var outcome = CliRunner.Run("solve", "beale", "--method", "nelder-mead", "--derivatives", "ridders");
        Assert.Equal("values", CliRunner.Cell(outcome.Output, "derivatives"));
        Assert.Matches(@"^f \d+, ∇f 0, ∇²f·v 0, ∇²f 0$", CliRunner.Cell(outcome.Output, "evaluations"));
    }

    [Fact]
    public void StartingPointCanBeGiven()
    {
        var outcome = CliRunner.Run("solve", "rosenbrock", "--at", "2,2");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Equal("(2, 2)", CliRunner.Cell(outcome.Output, "start x₀"));
    }

    [Fact]
    public void UnknownMethodListsTheValidMethods()
    {
        var outcome = CliRunner.Run("solve", "rosenbrock", "--method", "simulated-annealing");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("Unknown method 'simulated-annealing'", outcome.Error);
        foreach (var name in MinimizationMethods.Names) Assert.Contains(name, outcome.Error);
    }

    [Fact]
    public void HessianMethodWithAGradientOnlySourceSaysWhatToChooseInstead()
    {
        var gradientsOnly = new DerivativeSource("gradients-only", "test source", OracleCapability.Gradient,
            function => Optimize.Analytic.AnalyticObjective.Create(function.Dimension, ((TestProblem)CountedFunction.Unwrap(function)).ValueAndGradient));
        string? message = ProblemCatalog.Incompatibility(ProblemCatalog.Method("newton"), gradientsOnly);
        Assert.NotNull(message);
        Assert.Contains("'newton' needs Hessians", message);
        Assert.Contains("gives only gradients", message);
        Assert.Contains("--derivatives analytic|", message);
        Assert.Contains("lbfgs", message);
        Assert.DoesNotContain("trust-region-exact", message.Split("works with")[1]);
        Assert.Null(ProblemCatalog.Incompatibility(ProblemCatalog.Method("lbfgs"), gradientsOnly));
    }

    [Fact]
    public void NewtonWithComplexStepGradientsIsAUsageErrorNamingTheAlternatives()
    {
        var outcome = CliRunner.Run("solve", "rosenbrock", "--method", "newton", "--derivatives", "complex-step");
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("'newton' needs Hessians", outcome.Error);
        Assert.Contains("'complex-step' gives only gradients", outcome.Error);
        Assert.Contains("reverse-ad", outcome.Error);
        Assert.Contains("lbfgs", outcome.Error);
        Assert.Equal("", outcome.Output);
    }

    [Fact]
    public void CancelledSolveReportsTheLastIterateAndExitsWithOne()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var outcome = CliRunner.Run(cancelled.Token, "solve", "rosenbrock");
        Assert.Equal(ExitCodes.NotConverged, outcome.ExitCode);
        Assert.StartsWith("Cancelled", CliRunner.Cell(outcome.Output, "stopped by"));
        Assert.Contains("Cancelled", outcome.Error);
    }

    [Theory]
    [InlineData("--max-iterations", "-1")]
    [InlineData("--gradient-tolerance", "-1e-3")]
    public void NegativeLimitsAreUsageErrors(string option, string value)
    {
        var outcome = CliRunner.Run("solve", "rosenbrock", option, value);
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains(option, outcome.Error);
    }

    [Fact]
    public void EveryMethodNeedsNoMoreThanTheReferenceSourceGives()
    {
        var reference = SymbolicSource.All.Find(DerivativeSources.ReferenceName)!;
        Assert.All(MinimizationMethods.All, method => Assert.True(method.Accepts(reference.Provides), method.Name));
        Assert.Equal(MinimizationMethods.Names.Count, MinimizationMethods.Names.Distinct().Count());
        Assert.All(MinimizationMethods.QuickNames, name => Assert.NotNull(MinimizationMethods.Find(name)));
    }
}
