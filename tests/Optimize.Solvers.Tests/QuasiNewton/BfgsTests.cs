using Optimize.Problems;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.QuasiNewton;

public class BfgsTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Convergence.StandardProblems), MemberType = typeof(Convergence))]
    public void ConvergesToGradientTolerance(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new Bfgs().Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Theory]
    [MemberData(nameof(Convergence.SmallProblems), MemberType = typeof(Convergence))]
    public void ConvergesWithPowellDamping(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new Bfgs(new BfgsOptions { Safeguard = CurvatureSafeguard.Damp }).Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Fact]
    public void ConvergesWithValueOnlyBacktrackingWhereCurvatureMayFail()
    {
        // Armijo backtracking does not enforce sᵀy > 0: the skip rule keeps H positive definite.
        var problem = ProblemLibrary.Rosenbrock();
        var options = new BfgsOptions { LineSearch = new Optimize.Solvers.LineSearches.BacktrackingLineSearch() };
        var result = new Bfgs(options).Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Fact]
    public void RejectsNegativeCurvatureThreshold()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Bfgs(new BfgsOptions { CurvatureThreshold = -1 }));
        Assert.Equal("CurvatureThreshold", error.ParamName);
    }
}
