using Optimize.Oracles;
using Optimize.Problems.LargeScale;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.SecondOrder;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.Driver;

/// <summary>
/// The driver's slow-progress rule (<see cref="DriverOptions.SlowProgressIterations"/>): a run whose f and scaled gradient
/// no longer fall measurably over a window stops with no progress, or converges by the second-order test, instead of
/// spending its iteration budget; a run still on its way to the gradient test is not touched.
/// </summary>
public class SlowProgressTests(ITestOutputHelper output)
{
    private static readonly DriverOptions Budget = new() { MaximumIterations = 10_000 };

    /// <summary>
    /// The discrete boundary-value problem at n = 1000 starts solved (f(x₀) = 1.3e-9, f* = 0) but its minimizer is O(1)
    /// away along directions of Hessian eigenvalue ~1e-10: L-BFGS, CG and Newton-CG lower f by about 1e-14 per
    /// iteration, and used to run to the 10000-iteration limit (Newton-CG to a time limit, 1000 Hv per iteration).
    /// </summary>
    private static (IHessianVectorObjective Problem, double[] Start) BoundaryValue()
    {
        var instance = LargeScaleSet.Find("mgh28-discrete-boundary-value-1000")!;
        return (instance.Problem, instance.Start(1));
    }

    private void AssertStoppedWithNoProgress(MinimizationResult result, int iterations)
    {
        output.WriteLine(result.Message);
        Assert.Equal(TerminationReason.NoProgress, result.Reason);
        Assert.False(result.Converged);
        Assert.Contains("f fell by", result.Message);
        Assert.Contains("not certified a minimizer", result.Message);
        Assert.True(result.Iterations <= iterations, $"{result.Iterations} iterations, expected at most {iterations}");
        Assert.True(result.Minimum <= 1.3e-9, $"f = {result.Minimum}");
    }

    /// <summary>The run with the default options and with the rule off; the first run's message is written out.</summary>
    private (MinimizationResult With, MinimizationResult Without) WithAndWithout(Func<DriverOptions, MinimizationResult> run)
    {
        var with = run(Budget);
        output.WriteLine(with.Message);
        return (with, run(Budget with { SlowProgressIterations = 0 }));
    }

    [Fact]
    public void LbfgsStopsWithNoProgressOnTheSolvedBoundaryValueProblem()
    {
        var (problem, start) = BoundaryValue();
        AssertStoppedWithNoProgress(new Lbfgs().Minimize(problem, start, Budget), 3000);
    }

    [Fact]
    public void ConjugateGradientStopsWithNoProgressOnTheSolvedBoundaryValueProblem()
    {
        var (problem, start) = BoundaryValue();
        AssertStoppedWithNoProgress(new ConjugateGradient().Minimize(problem, start, Budget), 3000);
    }

    [Fact]
    public void NewtonConjugateGradientStopsWithNoProgressOnTheSolvedBoundaryValueProblem()
    {
        var (problem, start) = BoundaryValue();
        var result = new NewtonConjugateGradient().Minimize(problem, start, Budget);
        AssertStoppedWithNoProgress(result, 30);
        Assert.Contains("in the last 10 iterations", result.Message);
    }

    [Fact]
    public void WithoutTheRuleTheBoundaryValueRunSpendsItsBudget()
    {
        var (problem, start) = BoundaryValue();
        var result = new Lbfgs().Minimize(problem, start, Budget with { MaximumIterations = 3000, SlowProgressIterations = 0 });
        Assert.Equal(TerminationReason.IterationLimit, result.Reason);
    }

    /// <summary>
    /// L-BFGS on Ginzburg–Landau at n = 10⁴ lowers f by only ~1e-12 per 1000 iterations late in the run, but its scaled
    /// gradient falls 8× per 1000 iterations: it must run on to the gradient test, with the same counts as without the rule.
    /// </summary>
    [Fact]
    public void ARunWhoseGradientStillFallsIsNotStopped()
    {
        var instance = LargeScaleSet.Find("ginzburg-landau-1d-10000")!;
        var (with, without) = WithAndWithout(options => new Lbfgs().Minimize(instance.Problem, instance.Start(1), options));
        Assert.Equal(TerminationReason.GradientTolerance, with.Reason);
        Assert.True(with.Iterations > 2000, $"{with.Iterations} iterations: the rule had windows to judge");
        Assert.Equal(without.Iterations, with.Iterations);
        Assert.Equal(without.Evaluations.Values, with.Evaluations.Values);
    }

    [Fact]
    public void NewtonConjugateGradientStillConvergesOnAProblemItSolves()
    {
        var instance = LargeScaleSet.Find("mgh21-extended-rosenbrock-1000")!;
        var (with, without) = WithAndWithout(options => new NewtonConjugateGradient().Minimize(instance.Problem, instance.Start(1), options));
        Assert.Equal(TerminationReason.GradientTolerance, with.Reason);
        Assert.True(with.Iterations > 10, $"{with.Iterations} iterations: at least one window ended");
        Assert.Equal(without.Evaluations.HessianVectors, with.Evaluations.HessianVectors);
    }

    /// <summary>
    /// Heavy ball on penalty II (n = 4) crawls near its minimizer with f changing by ~1e-11 per 1000 iterations, more than
    /// rounding: the rule's window ends there, the second-order test certifies the strict minimizer, and the run converges
    /// after 2000 iterations instead of at the 10000-iteration limit (by the second-order test there).
    /// </summary>
    [Fact]
    public void ASlowRunAtAStrictMinimizerConvergesByTheSecondOrderTest()
    {
        var instance = MoreGarbowHillstromSet.Find("mgh24-penalty-2-4")!;
        var (with, without) = WithAndWithout(options => new HeavyBall().Minimize(instance.Problem, instance.Start(1), options));
        Assert.Equal(TerminationReason.GradientTolerance, with.Reason);
        Assert.Contains("f fell by", with.Message);
        Assert.Contains("strict local minimizer", with.Message);
        Assert.True(with.Evaluations.Values < without.Evaluations.Values, $"{with.Evaluations.Values} vs {without.Evaluations.Values}");
    }

    [Fact]
    public void InvalidWindowsAreRejectedByName()
    {
        var driver = Assert.Throws<ArgumentOutOfRangeException>(() => new DriverOptions { SlowProgressIterations = -1 }.Validate());
        Assert.Equal(nameof(DriverOptions.SlowProgressIterations), driver.ParamName);
        var tolerance = Assert.Throws<ArgumentOutOfRangeException>(() => new DriverOptions { SlowProgressTolerance = double.NaN }.Validate());
        Assert.Equal(nameof(DriverOptions.SlowProgressTolerance), tolerance.ParamName);
        var newton = Assert.Throws<ArgumentOutOfRangeException>(() => new NewtonConjugateGradient(new NewtonConjugateGradientOptions { SlowProgressIterations = 0 }));
        Assert.Equal(nameof(NewtonConjugateGradientOptions.SlowProgressIterations), newton.ParamName);
    }
}
