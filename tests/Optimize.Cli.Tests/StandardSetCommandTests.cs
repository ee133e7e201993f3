using MathNet.Numerics.LinearAlgebra;
using Optimize.Cli.Commands;
using Optimize.Cli.Measurement;
using Optimize.Cli.Reports;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers;

namespace Optimize.Cli.Tests;

public class StandardSetCommandTests
{
    /// <summary>The cells of the summary row of <paramref name="method"/> in the terminal table.</summary>
    private static string[] SummaryRow(string output, string method) =>
        Assert.Single(output.Split('\n').Select(line => line.Split('│', StringSplitOptions.TrimEntries)),
            cells => cells.Length == 14 && cells[1] == method);

    [Fact]
    public void CountsSolvedRunsAndRunsStoppedByTheIterationLimitAsFailed()
    {
        // Five Nelder–Mead iterations cannot reach Rosenbrock's or Beale's minimum; the exact trust region reaches both.
        var outcome = CliRunner.Run("standard-set", "--problems", "mgh01-rosenbrock,mgh05", "--methods", "trust-region-exact,nelder-mead",
            "--starts", "1", "--max-iterations", "5");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        var simplex = SummaryRow(outcome.Output, "nelder-mead");
        Assert.Equal(["values", "2", "0", "0", "2", "0", "—", "—", "—"], simplex[2..11]);

        var solved = CliRunner.Run("standard-set", "--problems", "mgh01-rosenbrock,mgh05", "--methods", "trust-region-exact", "--starts", "1");
        var exact = SummaryRow(solved.Output, "trust-region-exact");
        Assert.Equal(["analytic", "2", "2", "0", "0", "0"], exact[2..8]);
        Assert.True(double.Parse(exact[8], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("100%", exact[10]);
        Assert.Contains("2 instances × 1 starts; 2 runs", solved.Output);
        Assert.Contains("converged among solved over all methods: 2 of 2 = 100.0%; false convergences: 0 of 2 runs", solved.Output);
    }

    [Fact]
    public void ProblemNumberSelectsEveryInstanceOfTheProblem()
    {
        var mgh = StandardSetCommand.SetInstances("mgh");
        var instances = StandardSetCommand.SelectInstances(mgh, "mgh20,mgh35-chebyquad-9");
        Assert.Equal(["mgh20-watson-6", "mgh20-watson-9", "mgh20-watson-12", "mgh35-chebyquad-9"], instances.Select(i => i.Name));
        Assert.Equal(42, StandardSetCommand.SelectInstances(mgh, null).Count);
    }

    [Fact]
    public void LargeSetHoldsBothSizesOfEachProblemWithTheirMinima()
    {
        var large = StandardSetCommand.SetInstances("LARGE");
        Assert.Equal(18, large.Count);
        Assert.Equal(["mgh21-extended-rosenbrock-1000", "mgh21-extended-rosenbrock-10000"],
            StandardSetCommand.SelectInstances(large, "mgh21").Select(i => i.Name));
        Assert.Equal([1000, 10000], StandardSetCommand.SelectInstances(large, "ginzburg-landau-1d").Select(i => i.Problem.Dimension));
        // Penalty I's f* depends on n and is computed: its problem class knows it only at n = 4 and 10.
        var penalty = Assert.Single(StandardSetCommand.SelectInstances(large, "mgh23-penalty-1-1000"));
        Assert.Null(penalty.Problem.KnownMinimum);
        Assert.Equal(Optimize.Problems.LargeScale.LargeScaleSet.PenaltyOneMinimum(1000), penalty.KnownMinimum);
        Assert.Equal(StandardSetOutcome.Solved, StandardSetRunner.Judge(penalty, penalty.KnownMinimum!.Value + 1e-7));
        Assert.Equal(StandardSetOutcome.Failed, StandardSetRunner.Judge(penalty, penalty.KnownMinimum!.Value + 1e-5));
        var error = Assert.Throws<UsageException>(() => StandardSetCommand.SelectInstances(large, "mgh05"));
        Assert.Contains("mgh30-broyden-tridiagonal-1000", error.Message);
        Assert.Contains("Valid sets: mgh, large", Assert.Throws<UsageException>(() => StandardSetCommand.SetInstances("cute")).Message);
    }

    [Fact]
    public void RunsTheLargeSetFromTheCommandLine()
    {
        var outcome = CliRunner.Run("standard-set", "--set", "large", "--problems", "mgh30-broyden-tridiagonal-1000,ginzburg-landau-1d-1000",
            "--methods", "lbfgs", "--starts", "1", "--details");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Equal(["analytic", "2", "2", "0", "0", "0"], SummaryRow(outcome.Output, "lbfgs")[2..8]);
        Assert.Contains("Solved runs stopped by a limit", outcome.Output);
        Assert.Contains("2 instances × 1 starts; 2 runs", outcome.Output);
    }

    [Fact]
    public void CountsSolvedRunsThatALimitStopped()
    {
        // One run per kind: converged, iteration limit (solved and not), time limit, line-search failure.
        StandardSetRun[] runs =
        [
            Run("a", "m", StandardSetOutcome.Solved, 10),
            Run("b", "m", StandardSetOutcome.Solved, 10, converged: false),
            Run("c", "m", StandardSetOutcome.Failed, 10, converged: false),
            Run("d", "m", StandardSetOutcome.Solved, 10) with { Reason = TerminationReason.TimeLimit, ReportsConvergence = false },
            Run("e", "m", StandardSetOutcome.Solved, 10) with { Reason = TerminationReason.LineSearchFailed, ReportsConvergence = false },
        ];
        Assert.Equal([false, true, false, true, false], runs.Select(r => r.SolvedAtLimit));
        var row = Assert.Single(StandardSetReport.Summary(runs).Rows);
        Assert.Equal("2", row[10]);
        Assert.Equal(["b", "d"], StandardSetReport.SolvedAtLimit(runs).Rows.Select(r => r[0]));
        Assert.Equal(["IterationLimit", "TimeLimit"], StandardSetReport.SolvedAtLimit(runs).Rows.Select(r => r[4]));
    }

    [Fact]
    public void WritesEveryRunAsCsvAndTheProfilesAsHtml()
    {
        using var folder = new TemporaryFolder();
        string csv = folder.File("runs.csv"), html = folder.File("profiles.html");
        var outcome = CliRunner.Run("standard-set", "--problems", "mgh05,mgh13", "--methods", "bfgs,nelder-mead", "--starts", "1,10",
            "--csv", csv, "--html", html, "--details");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Contains("Runs not solved", outcome.Output);
        var lines = File.ReadAllLines(csv);
        Assert.StartsWith("instance,n,start_factor,method,source,outcome", lines[0]);
        Assert.Equal(1 + 2 * 2 * 2, lines.Length);
        Assert.Contains(lines, line => line.StartsWith("mgh13-powell-singular,4,10,nelder-mead,values,"));
        string page = File.ReadAllText(html);
        Assert.Contains("Performance profile (Dolan &amp; Moré 2002)", page.Replace("& ", "&amp; "));
        Assert.Contains("Data profile", page);
        Assert.Contains("\"shape\":\"hv\"", page);
    }

    [Theory]
    [InlineData("--set", "cute")]
    [InlineData("--problems", "mgh99")]
    [InlineData("--starts", "ten")]
    [InlineData("--max-iterations", "0")]
    [InlineData("--methods", "simplex")]
    public void BadArgumentsAreUsageErrors(string option, string value)
    {
        var outcome = CliRunner.Run("standard-set", option, value);
        Assert.Equal(ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains(value, outcome.Error);
    }

    [Fact]
    public void JudgesFinalValuesAgainstTheKnownAndTheDocumentedMinima()
    {
        var freudenstein = StandardSetInstance.From(MoreGarbowHillstromSet.Find("mgh02-freudenstein-roth")!);
        Assert.Equal(StandardSetOutcome.Solved, StandardSetRunner.Judge(freudenstein, 1e-7));
        Assert.Equal(StandardSetOutcome.Failed, StandardSetRunner.Judge(freudenstein, 2e-6));
        Assert.Equal(StandardSetOutcome.OtherKnownMinimum, StandardSetRunner.Judge(freudenstein, 48.98425));
        Assert.Equal(StandardSetOutcome.Failed, StandardSetRunner.Judge(freudenstein, 48.9));
        Assert.Equal(StandardSetOutcome.Failed, StandardSetRunner.Judge(freudenstein, double.NaN));
        // A documented local minimum is no lower bound: a value below it is not "at" it.
        var bard = StandardSetInstance.From(MoreGarbowHillstromSet.Find("mgh08-bard")!);
        Assert.Equal(StandardSetOutcome.Failed, StandardSetRunner.Judge(bard, 0.097));
        Assert.Equal(StandardSetOutcome.Solved, StandardSetRunner.Judge(bard, 8.21488e-3));
    }

    [Fact]
    public void StrictLocalMinimizerNeedsAStationaryPointAndAPositiveDefiniteHessian()
    {
        Assert.True(StandardSetRunner.IsStrictLocalMinimizer(new ExtendedRosenbrock(2), [1, 1]));
        Assert.False(StandardSetRunner.IsStrictLocalMinimizer(new ExtendedRosenbrock(2), [1, 1.001]));
        // Powell's singular function: the origin is the minimizer, but its Hessian is singular.
        Assert.False(StandardSetRunner.IsStrictLocalMinimizer(new PowellSingular(), [0, 0, 0, 0]));
        Assert.True(StandardSetRunner.IsPositiveDefinite(Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 1 }, { 1, 2 } })));
        Assert.False(StandardSetRunner.IsPositiveDefinite(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 1 } })));
    }

    [Fact]
    public void AboveTheDenseLimitCurvatureAlongConjugateGradientDirectionsDecides()
    {
        int n = StandardSetRunner.DenseHessianLimit + 2;
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        Assert.True(StandardSetRunner.IsStrictLocalMinimizer(new ExtendedRosenbrock(n), ones));
        Assert.True(StandardSetRunner.HasPositiveCurvature(new ExtendedRosenbrock(n), ones, StandardSetRunner.CurvatureDirections));
        // Ginzburg–Landau at u = 0: (1/h)·tridiag(−1, 2, −1) − h·I has negative eigenvalues (its smallest is about h(π²/L² − 1)).
        var landau = new GinzburgLandau1D(n);
        Assert.False(StandardSetRunner.HasPositiveCurvature(landau, new double[n], StandardSetRunner.CurvatureDirections));
    }

    private static StandardSetRun Run(string instance, string method, StandardSetOutcome outcome, long values, bool converged = true,
        bool strict = false, int n = 2) =>
        new(instance, n, 1, method, "analytic", outcome, converged ? TerminationReason.GradientTolerance : TerminationReason.IterationLimit,
            converged, strict, values, values, 0, 0, 10, 1, 0, 0.01);

    [Fact]
    public void FalseConvergenceIsAReportedConvergenceAtNoKnownMinimumAndNoStrictLocalMinimizer()
    {
        StandardSetRun[] runs =
        [
            Run("a", "m", StandardSetOutcome.Failed, 10),
            Run("b", "m", StandardSetOutcome.Failed, 10, strict: true),
            Run("c", "m", StandardSetOutcome.Failed, 10, converged: false),
            Run("d", "m", StandardSetOutcome.OtherKnownMinimum, 10),
            Run("e", "m", StandardSetOutcome.Solved, 30),
            Run("f", "m", StandardSetOutcome.Solved, 50, converged: false),
        ];
        Assert.Equal([true, false, false, false, false, false], runs.Select(r => r.FalseConvergence));
        var row = Assert.Single(StandardSetReport.Summary(runs).Rows);
        Assert.Equal(["m", "analytic", "6", "2", "1", "3", "1", "40", "40", "50%"], row[..10]);
    }

    [Fact]
    public void OverallLineCountsConvergedAmongSolvedRunsOfEveryMethod()
    {
        StandardSetRun[] runs =
        [
            Run("a", "m", StandardSetOutcome.Solved, 10), Run("b", "m", StandardSetOutcome.Solved, 10, converged: false),
            Run("a", "k", StandardSetOutcome.Solved, 10), Run("b", "k", StandardSetOutcome.Failed, 10),
            Run("c", "k", StandardSetOutcome.OtherKnownMinimum, 10),
        ];
        Assert.Equal("converged among solved over all methods: 2 of 3 = 66.7%; false convergences: 1 of 5 runs",
            StandardSetReport.ConvergedShare(runs));
        Assert.Equal("converged among solved over all methods: 0 of 0 = —; false convergences: 0 of 0 runs",
            StandardSetReport.ConvergedShare([]));
    }

    [Fact]
    public void PerformanceAndDataProfilesFollowDolanMoreAndMoreWild()
    {
        StandardSetRun[] runs =
        [
            Run("p", "a", StandardSetOutcome.Solved, 10), Run("q", "a", StandardSetOutcome.Solved, 40), Run("r", "a", StandardSetOutcome.Failed, 5),
            Run("p", "b", StandardSetOutcome.Solved, 20), Run("q", "b", StandardSetOutcome.Solved, 10), Run("r", "b", StandardSetOutcome.Failed, 5),
        ];
        var performance = Profiles.Performance(runs).ToDictionary(c => c.Solver);
        // a: ratios 1 (p) and 4 (q); b: ratios 2 (p) and 1 (q); r is solved by neither and counts in |P| = 3.
        Assert.Equal([1.0, 4.0], performance["a/analytic"].X);
        Assert.Equal([1 / 3.0, 2 / 3.0], performance["a/analytic"].Y);
        Assert.Equal([1.0, 2.0], performance["b/analytic"].X);
        var data = Profiles.Data(runs).ToDictionary(c => c.Solver);
        // Budgets in simplex gradients of n + 1 = 3 evaluations.
        Assert.Equal([10 / 3.0, 40 / 3.0], data["a/analytic"].X);
        Assert.Equal([1 / 3.0, 2 / 3.0], data["a/analytic"].Y);
    }
}
