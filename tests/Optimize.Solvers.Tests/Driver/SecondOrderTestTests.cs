using MathNet.Numerics.LinearAlgebra;
using Optimize.Analytic;
using Optimize.Oracles;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers.FirstOrder;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.Driver;

/// <summary>
/// The driver's second-order test (<see cref="DriverOptions.SecondOrderTest"/>): a run that stalls or reaches its
/// iteration limit converges at a point with a small scaled gradient only where the Hessian is positive definite, never
/// at a saddle or in a flat valley.
/// </summary>
public class SecondOrderTestTests(ITestOutputHelper output)
{
    /// <summary>f = x² + s·y² (s = 1: a strict minimizer at 0; s = −1: a saddle), with its Hessian.</summary>
    private static IHessianObjective Quadratic(double s) => AnalyticObjective.Create(2,
        x => x[0] * x[0] + s * x[1] * x[1],
        (x, g) =>
        {
            g[0] = 2 * x[0];
            g[1] = 2 * s * x[1];
            return x[0] * x[0] + s * x[1] * x[1];
        },
        (x, h) =>
        {
            h[0, 0] = 2;
            h[1, 1] = 2 * s;
            h[0, 1] = h[1, 0] = 0;
        });

    /// <summary>f = x² − y⁴: a degenerate saddle at 0, whose Hessian diag(2, 0) is singular.</summary>
    private static IHessianObjective DegenerateSaddle() => AnalyticObjective.Create(2,
        x => x[0] * x[0] - Math.Pow(x[1], 4),
        (x, g) =>
        {
            g[0] = 2 * x[0];
            g[1] = -4 * Math.Pow(x[1], 3);
            return x[0] * x[0] - Math.Pow(x[1], 4);
        },
        (x, h) =>
        {
            h[0, 0] = 2;
            h[1, 1] = -12 * x[1] * x[1];
            h[0, 1] = h[1, 0] = 0;
        });

    /// <summary>The same objective with only its gradient, so that the test differentiates ∇f.</summary>
    private static IGradientObjective GradientOnly(IHessianObjective objective) =>
        AnalyticObjective.Create(objective.Dimension, (x, g) => objective.ValueAndGradient(x, g));

    /// <summary>
    /// Fixed-step gradient descent x ← 0.8x from (1, 0) for 70 iterations with the gradient tests off: it ends at
    /// x = 1.6e-7 (scaled gradient 3e-7, f still changing by more than ε) at the iteration limit, where only the
    /// second-order test can decide.
    /// </summary>
    private MinimizationResult Descend(IGradientObjective objective, bool secondOrderTest = true, int iterations = 70)
    {
        var method = new GradientDescent(new GradientDescentOptions { LineSearch = null, StepSize = 0.1 });
        var result = method.Minimize(objective, [1, 0], new DriverOptions
        {
            MaximumIterations = iterations, GradientTolerance = 0, ScaledGradientTolerance = 0, SecondOrderTest = secondOrderTest,
        });
        output.WriteLine(result.Message);
        return result;
    }

    [Fact]
    public void AtTheIterationLimitAStrictMinimizerConvergesWithTheExactHessian()
    {
        var result = Descend(Quadratic(1));
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Contains("at the iteration limit 70", result.Message);
        Assert.Contains("strict local minimizer", result.Message);
        Assert.True(result.Evaluations.Hessians >= 1);
    }

    [Fact]
    public void AtTheIterationLimitAStrictMinimizerConvergesWithADifferenceHessian()
    {
        var result = Descend(GradientOnly(Quadratic(1)));
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Contains("difference Hessian", result.Message);
        Assert.Equal(0, result.Evaluations.Hessians);
        // 71 gradients of the run and at least n = 2 for the differences.
        Assert.True(result.Evaluations.Gradients >= 73, $"{result.Evaluations.Gradients} gradients");
    }

    [Fact]
    public void WithoutTheSecondOrderTestTheIterationLimitIsNotConvergence()
    {
        var result = Descend(Quadratic(1), secondOrderTest: false);
        Assert.Equal(TerminationReason.IterationLimit, result.Reason);
        Assert.Equal(0, result.Evaluations.Hessians);
    }

    [Fact]
    public void ASaddleIsNeverCertified()
    {
        // The iterates reach (1.6e-7, 0), where ∇f is tiny: the Hessian diag(2, −2) is indefinite.
        foreach (var objective in new IGradientObjective[] { Quadratic(-1), GradientOnly(Quadratic(-1)) })
        {
            var result = Descend(objective);
            Assert.Equal(TerminationReason.IterationLimit, result.Reason);
            Assert.False(result.Converged);
        }
    }

    [Fact]
    public void ASaddleWhereFStallsNearZeroIsNeverCertified()
    {
        // 200 iterations reach x = 4e-20: f changes by less than ε from iteration 87 on, so the test runs there, after
        // 10, 20 and 40 more such iterations, and at the limit; each time the Hessian is indefinite.
        var result = Descend(Quadratic(-1), iterations: 200);
        Assert.Equal(TerminationReason.IterationLimit, result.Reason);
        Assert.True(result.Evaluations.Hessians >= 3, $"{result.Evaluations.Hessians} Hessians");
    }

    [Fact]
    public void ADegenerateSaddleWithASingularHessianIsNeverCertified()
    {
        foreach (var objective in new IGradientObjective[] { DegenerateSaddle(), GradientOnly(DegenerateSaddle()) })
        {
            var result = Descend(objective);
            Assert.Equal(TerminationReason.IterationLimit, result.Reason);
            Assert.False(result.Converged);
        }
    }

    [Fact]
    public void AStallAtAStrictMinimizerConverges()
    {
        // Heavy ball on the linear full-rank problem stalls at f = 10 + 2e-13 (scaled gradient 3e-8), f changing only by
        // rounding; the Hessian 2I is positive definite. Before the second-order test this was NoProgress.
        var instance = MoreGarbowHillstromSet.Find("mgh32-linear-full-rank-10")!;
        var options = new DriverOptions { MaximumIterations = 10_000 };
        var result = new HeavyBall().Minimize(instance.Problem, instance.Start(1), options);
        output.WriteLine(result.Message);
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Contains("consecutive iterations", result.Message);
        Assert.Contains("strict local minimizer", result.Message);
        Assert.True(result.Minimum - 10 <= 1e-6);

        var without = new HeavyBall().Minimize(instance.Problem, instance.Start(1), options with { SecondOrderTest = false });
        Assert.Equal(TerminationReason.NoProgress, without.Reason);
    }

    [Fact]
    public void NearZeroANegligibleChangeOfFLetsTheTestRunBeforeTheIterationLimit()
    {
        // Gradient descent on Wood reaches f ≈ 1e-13, where f still falls relative to itself but by less than ε per
        // iteration; it used to run to the iteration limit.
        var instance = MoreGarbowHillstromSet.Find("mgh14-wood")!;
        var result = new GradientDescent().Minimize(instance.Problem, instance.Start(1), new DriverOptions { MaximumIterations = 10_000 });
        output.WriteLine(result.Message);
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Contains("4ε·max(1, |f|)", result.Message);
        Assert.True(result.Iterations < 10_000);
        Assert.True(result.Minimum <= 1e-6);
    }

    [Fact]
    public void AFlatValleyIsNeverCertified()
    {
        // f = x²: every (0, y) is a minimizer, none strict; the Hessian diag(2, 0) is singular.
        var valley = AnalyticObjective.Create(2, x => x[0] * x[0], (x, g) => { g[0] = 2 * x[0]; g[1] = 0; return x[0] * x[0]; },
            (x, h) => { h.Clear(); h[0, 0] = 2; });
        var result = Descend(valley);
        Assert.Equal(TerminationReason.IterationLimit, result.Reason);
        Assert.Equal(TerminationReason.IterationLimit, Descend(GradientOnly(valley)).Reason);
    }
}
