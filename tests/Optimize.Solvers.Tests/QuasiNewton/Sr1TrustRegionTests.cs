using Optimize.Problems;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.Tests.Support;
using Optimize.Solvers.TrustRegions;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.QuasiNewton;

public class Sr1TrustRegionTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Convergence.StandardProblems), MemberType = typeof(Convergence))]
    public void ConvergesToGradientTolerance(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new Sr1TrustRegion().Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Theory]
    [InlineData(TrustRegionSubproblem.Exact)]
    [InlineData(TrustRegionSubproblem.Dogleg)]
    public void ConvergesOnRosenbrockWithMatrixSubproblems(TrustRegionSubproblem subproblem)
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = new Sr1TrustRegion(new Sr1TrustRegionOptions { Subproblem = subproblem }).Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Fact]
    public void NeedsOnlyGradients()
    {
        var problem = ProblemLibrary.Beale();
        var result = new Sr1TrustRegion().Minimize(new GradientOnly(problem), problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
        Assert.Equal(0, result.Evaluations.HessianVectors + result.Evaluations.Hessians);
    }
}
