using Optimize.Solvers.Tests.Support;
using Optimize.Solvers.TrustRegions;
using Xunit.Abstractions;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.Tests.SecondOrder;

public class TrustRegionTests(ITestOutputHelper output)
{
    public static TheoryData<TrustRegionSubproblem, string, int> Cases()
    {
        var data = new TheoryData<TrustRegionSubproblem, string, int>();
        foreach (var subproblem in Enum.GetValues<TrustRegionSubproblem>())
            foreach (var row in Convergence.StandardProblems)
                data.Add(subproblem, (string)row[0], (int)row[1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConvergesToGradientTolerance(TrustRegionSubproblem subproblem, string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new TrustRegion(new TrustRegionNewtonOptions { Subproblem = subproblem }).Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Theory]
    [InlineData(TrustRegionSubproblem.Exact)]
    [InlineData(TrustRegionSubproblem.Dogleg)]
    [InlineData(TrustRegionSubproblem.SteihaugToint)]
    public void ReachesAMinimizerFromTheSaddleRegion(TrustRegionSubproblem subproblem)
    {
        var result = new TrustRegion(new TrustRegionNewtonOptions { Subproblem = subproblem })
            .Minimize(SpecialObjectives.DoubleWell(), [0.1, 0.5]);
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Equal(1, Math.Abs(result.Minimizer[0]), 1e-8);
    }

    [Fact]
    public void RejectsAcceptanceRatioOutsideTheTheory()
    {
        var options = new TrustRegionNewtonOptions { Radius = new TrustRegionOptions { AcceptanceRatio = 0.5 } };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrustRegion(options));
        Assert.Equal("AcceptanceRatio", error.ParamName);
    }
}
