using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.Tests.SecondOrder;

public class SteihaugTrustRegionTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Convergence.StandardProblems), MemberType = typeof(Convergence))]
    public void ConvergesWithHessianVectorProductsOnly(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new SteihaugTrustRegion().Minimize(new HessianVectorOnly(problem), problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
        Assert.Equal(0, result.Evaluations.Hessians);
        Assert.True(result.Evaluations.HessianVectors > 0);
    }

    [Fact]
    public void EscapesTheSaddlePointAlongNegativeCurvature()
    {
        // Starting exactly on the saddle's stable manifold x = 0 with y ≠ 0: CG meets the direction e₀ only
        // through round-off, so start slightly off it.
        var objective = new HessianVectorOnly(SpecialObjectives.DoubleWell());
        var result = new SteihaugTrustRegion().Minimize(objective, [1e-3, 1]);
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Equal(1, Math.Abs(result.Minimizer[0]), 1e-8);
    }
}
