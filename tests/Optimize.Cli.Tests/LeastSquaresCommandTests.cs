using System.Globalization;
using Optimize.Cli.Commands;
using Optimize.Cli.Measurement;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers.LeastSquares;

namespace Optimize.Cli.Tests;

public class LeastSquaresCommandTests
{
    private static double Number(string output, string label) => double.Parse(CliRunner.Cell(output, label), CultureInfo.InvariantCulture);

    [Fact]
    public void LevenbergMarquardtSolvesBealeAndPrintsCostNormAndEvaluations()
    {
        var outcome = CliRunner.Run("least-squares", "mgh05-beale", "--method", "lm");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Equal("mgh05-beale (n = 2, m = 3)", CliRunner.Cell(outcome.Output, "problem"));
        Assert.Equal(LevenbergMarquardt.MethodName, CliRunner.Cell(outcome.Output, "method"));
        Assert.Equal("1·x₀ = (1, 1)", CliRunner.Cell(outcome.Output, "start"));
        Assert.InRange(Number(outcome.Output, "‖r(x)‖₂"), 0, 1e-8);
        // cost = ½‖r‖²
        Assert.Equal(0.5 * Math.Pow(Number(outcome.Output, "‖r(x)‖₂"), 2), Number(outcome.Output, "cost ½Σρ(rᵢ²)"), 1e-20);
        var solution = CliRunner.Cell(outcome.Output, "solution x").Trim('(', ')').Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3.0, solution[0], 1e-6);
        Assert.Equal(0.5, solution[1], 1e-6);
        Assert.StartsWith("converged", CliRunner.Cell(outcome.Output, "message"));
        Assert.EndsWith("(converged)", CliRunner.Cell(outcome.Output, "stopped by"));
        Assert.InRange(Number(outcome.Output, "nfev (r evaluations)"), 1, 100);
        Assert.InRange(Number(outcome.Output, "njev (J evaluations)"), 1, 100);
    }

    [Fact]
    public void TheRunIsTheRegistrysMethodOnTheResidualView()
    {
        var instance = MoreGarbowHillstromSet.Find("mgh08-bard")!;
        var direct = new TrustRegionReflective().Solve(new SumOfSquaresResiduals((SumOfSquaresProblem)instance.Problem), instance.Start(10));
        var outcome = CliRunner.Run("least-squares", "mgh08-bard", "--method", "trf", "--start-factor", "10");
        Assert.Equal(TrustRegionReflective.MethodName, CliRunner.Cell(outcome.Output, "method"));
        Assert.Equal(direct.ResidualEvaluations.ToString(CultureInfo.InvariantCulture), CliRunner.Cell(outcome.Output, "nfev (r evaluations)"));
        Assert.Equal(direct.JacobianEvaluations.ToString(CultureInfo.InvariantCulture), CliRunner.Cell(outcome.Output, "njev (J evaluations)"));
        Assert.Equal(direct.ResidualNorm, Number(outcome.Output, "‖r(x)‖₂"), 1e-9 * (1 + direct.ResidualNorm));
        Assert.Equal(direct.Converged ? ExitCodes.Success : ExitCodes.NotConverged, outcome.ExitCode);
    }

    [Theory]
    [InlineData("huber", LossKind.Huber)]
    [InlineData("soft-l1", LossKind.SoftL1)]
    [InlineData("cauchy", LossKind.Cauchy)]
    [InlineData("arctan", LossKind.Arctan)]
    public void RobustLossesRunWithTheTrustRegionReflectiveMethodAndTheirScale(string loss, LossKind kind)
    {
        var instance = MoreGarbowHillstromSet.Find("mgh32-linear-full-rank-10")!;
        var options = new TrustRegionReflectiveOptions { Loss = new RobustLoss(kind, 0.5) };
        var direct = new TrustRegionReflective(options).Solve(new SumOfSquaresResiduals((SumOfSquaresProblem)instance.Problem), instance.Start(1));
        var outcome = CliRunner.Run("least-squares", "mgh32-linear-full-rank-10", "--loss", loss, "--f-scale", "0.5");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Equal($"{kind}, f-scale 0.5", CliRunner.Cell(outcome.Output, "loss"));
        Assert.Equal(direct.Cost, Number(outcome.Output, "cost ½Σρ(rᵢ²)"), 1e-9 * (1 + direct.Cost));
        // A robust cost is below the plain ½‖r‖² for residuals beyond the scale.
        Assert.True(direct.Cost < 0.5 * Math.Pow(direct.ResidualNorm, 2));
    }

    [Theory]
    [InlineData(new[] { "least-squares", "mgh05-beale", "--method", "lm", "--loss", "huber" }, "needs the trust-region reflective method")]
    [InlineData(new[] { "least-squares", "mgh05-beale", "--loss", "l2" }, "Valid losses")]
    [InlineData(new[] { "least-squares", "mgh05-beale", "--f-scale", "0" }, "--f-scale is 0")]
    [InlineData(new[] { "least-squares", "mgh05-beale", "--start-factor", "-1" }, "--start-factor is -1")]
    [InlineData(new[] { "least-squares", "mgh05-beale", "--method", "dogleg" }, "levenberg-marquardt")]
    [InlineData(new[] { "least-squares", "mgh01-rosenbrock" }, "mgh05-beale")]
    [InlineData(new[] { "least-squares" }, "--minpack")]
    [InlineData(new[] { "least-squares", "mgh05-beale", "--minpack" }, "name no problem")]
    public void BadArgumentsAreUsageErrorsSayingWhatIsValid(string[] args, string expected)
    {
        var outcome = CliRunner.Run(args);
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error);
    }

    [Fact]
    public void MinpackProtocolRunsEveryLmderRunBesideMinpacksPublishedOutput()
    {
        var outcome = CliRunner.Run("least-squares", "--minpack");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        var runs = MinpackProtocol.Run(CancellationToken.None);
        Assert.Equal(MinpackLeastSquaresSet.Instances.Count, runs.Count);
        foreach (var instance in MinpackLeastSquaresSet.Instances)
            Assert.Single(outcome.Output.Split('\n'), line => line.StartsWith(instance.Name + " ", StringComparison.Ordinal));
        int ours = runs.Count(r => r.Solved), theirs = runs.Count(r => r.MinpackSolved);
        Assert.Contains($"solved: MINPACK {theirs} of {runs.Count}, ours {ours} of {runs.Count}", outcome.Output);
        // The protocol's claim: at least as many solved as MINPACK, with no more Jacobian evaluations in the median.
        Assert.True(ours >= theirs, $"ours {ours}, MINPACK {theirs}");
        var both = runs.Where(r => r.Solved && r.MinpackSolved).ToArray();
        Assert.True(CostTiming.Median(both.Select(r => (double)r.Result.JacobianEvaluations).ToArray()) <= CostTiming.Median(both.Select(r => (double)r.Instance.JacobianEvaluations).ToArray()));
    }
}
