using Optimize.Constraints;
using Optimize.Problems;
using Optimize.Problems.Bounded;
using Optimize.Solvers.Bounded;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.Bounded;

public class LbfgsbTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Convergence.StandardProblems), MemberType = typeof(Convergence))]
    public void WithoutBoundsConvergesOnTheStandardProblems(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new Lbfgsb().Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Fact]
    public void WithoutBoundsAgreesWithLbfgsOnRosenbrock()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var options = new DriverOptions { GradientTolerance = 1e-10 };
        var bounded = new Lbfgsb().Minimize(problem, problem.StartingPoint, Bounds.Unbounded(2), options);
        var plain = new Lbfgs().Minimize(problem, problem.StartingPoint, options);
        output.WriteLine(bounded.BriefReport());
        output.WriteLine(plain.BriefReport());
        Assert.True(bounded.Converged && plain.Converged);
        for (int i = 0; i < 2; i++) Assert.Equal(plain.Minimizer[i], bounded.Minimizer[i], 1e-8);
        Assert.Equal(plain.Minimum, bounded.Minimum, 1e-15);
        Assert.Null(bounded.Bounds is { IsUnbounded: false } ? bounded.Bounds : null);
        Assert.Empty(bounded.ActiveBounds);
    }

    [Fact]
    public void SolvesRosenbrockWithAnActiveUpperBound()
    {
        // The minimizer of Rosenbrock over x₁ ≤ 0.5 is on that bound, at x₂ = x₁² = 0.25 (∂f/∂x₂ = 0 there).
        var problem = ProblemLibrary.Rosenbrock();
        var box = Bounds.Create([double.NegativeInfinity, double.NegativeInfinity], [0.5, double.PositiveInfinity]);
        var result = new Lbfgsb().Minimize(problem, problem.StartingPoint, box, new DriverOptions { GradientTolerance = 1e-9 });
        output.WriteLine(result.FullReport());
        Assert.True(result.Converged, result.Message);
        Assert.Equal(0.5, result.Minimizer[0]);
        Assert.Equal(0.25, result.Minimizer[1], 1e-8);
        Assert.Equal([0], result.ActiveBounds);
        Assert.Equal(BoundState.AtUpper, result.BoundStates[0]);
        Assert.True(result.ProjectedGradientNorm <= 1e-9);
        Assert.True(result.GradientNorm > 0.5, "the full gradient is not zero at a bound");
    }

    public static TheoryData<string> BoundedProblems => new(BoundedSet.Instances.Select(p => p.Name));

    /// <summary>Every bounded problem reaches ‖x − P(x − ∇f)‖∞ ≤ 10⁻⁶·max(1, |f|) at its known minimum, with its active bounds.</summary>
    [Theory]
    [MemberData(nameof(BoundedProblems))]
    public void SolvesEveryBoundedProblem(string name)
    {
        var problem = BoundedSet.Find(name)!;
        var result = new Lbfgsb().Minimize(problem.Problem, problem.StartingPoint, problem.Bounds, new DriverOptions { MaximumIterations = 5000 });
        output.WriteLine(result.BriefReport() + " " + result.Message);
        Assert.True(result.Converged, result.FullReport());
        Assert.True(problem.Bounds.Contains(result.Minimizer));
        Assert.True(result.ProjectedGradientNorm <= 1e-6 * Math.Max(1, Math.Abs(result.Minimum)), result.Message);
        Assert.True(Math.Abs(result.Minimum - problem.KnownMinimum) <= 1e-6 * Math.Max(1, Math.Abs(problem.KnownMinimum)),
            $"f = {result.Minimum:R}, f* = {problem.KnownMinimum:R}");
        Assert.Equal(problem.ActiveAtMinimum, result.ActiveBounds);
        Assert.Equal(name == "hs45", result.StartProjected);
    }

    /// <summary>
    /// After start-up a bounded run allocates nothing per iteration: 10 and 30 iterations allocate the same bytes (the
    /// per-run state, result and message). The box keeps every variable free of its bounds' influence on the message.
    /// </summary>
    /// <summary>
    /// A strictly convex quadratic in a box has one minimizer; here many bounds are active at it and the free set
    /// changes from iteration to iteration, which exercises the incremental free-set sums of the middle matrix K.
    /// L-BFGS-B must agree with TRON (no limited memory) on the point and the active set, without a memory restart.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AgreesWithTronOnABoxedConvexQuadraticWhoseActiveSetKeepsChanging(int seed)
    {
        var problem = ProblemLibrary.ConvexQuadratic(60, seed);
        var box = Bounds.Box(60, -0.05, 0.05);
        var start = new double[60];
        var options = new DriverOptions { GradientTolerance = 1e-11, MaximumIterations = 5000 };
        var lbfgsb = new Lbfgsb(new LbfgsbOptions { Memory = 5 }).Minimize(problem, start, box, options);
        var tron = new Optimize.Solvers.Bounded.Tron().Minimize(problem, start, box, options);
        output.WriteLine(lbfgsb.BriefReport());
        output.WriteLine(tron.BriefReport());
        Assert.True(lbfgsb.Converged && tron.Converged, lbfgsb.Message + " / " + tron.Message);
        Assert.InRange(lbfgsb.ActiveBounds.Count, 5, 55);
        Assert.Equal(tron.ActiveBounds, lbfgsb.ActiveBounds);
        for (int i = 0; i < 60; i++) Assert.Equal(tron.Minimizer[i], lbfgsb.Minimizer[i], 1e-8);
        Assert.Equal(0, lbfgsb.Diagnostics["memory restarts"]);
    }

    /// <summary>In steady state a bounded run allocates nothing per iteration (iterations 10 to 30 of extended Rosenbrock, n = 1000).</summary>
    [Fact]
    public void AllocatesNothingPerIterationWithBounds()
    {
        var problem = ProblemLibrary.ExtendedRosenbrock(1000);
        var start = ProblemLibrary.ExtendedRosenbrock(1000).StartingPoint;
        var box = Bounds.Box(1000, -1.5, 1.5);
        long allocated = SteadyStateAllocation.Between(10, 30, options => new Lbfgsb().Minimize(problem, start, box, options));
        output.WriteLine($"allocated between iterations 10 and 30: {allocated} B");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void RejectsInvalidOptionsNamingThem()
    {
        Assert.Equal("Memory", Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgsb(new LbfgsbOptions { Memory = 0 })).ParamName);
        var search = new LbfgsbOptions().LineSearch with { Curvature = 2 };
        Assert.Equal("Curvature", Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgsb(new LbfgsbOptions { LineSearch = search })).ParamName);
    }
}
