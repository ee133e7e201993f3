using Optimize.Constraints;
using Optimize.Problems;
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
}
