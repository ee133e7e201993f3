using Optimize.Problems;
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

    [Theory]
    [InlineData(TrustRegionSubproblem.Exact)]
    [InlineData(TrustRegionSubproblem.Dogleg)]
    [InlineData(TrustRegionSubproblem.SteihaugToint)]
    public void ComputesNoGradientAtRejectedTrials(TrustRegionSubproblem subproblem)
    {
        // From the standard start of Rosenbrock's function every solver has steps rejected; a trial is judged by f
        // alone, so ∇f is evaluated at x₀ and at each accepted point only, and f once at every trial point.
        var problem = ProblemLibrary.Rosenbrock();
        var result = new TrustRegion(new TrustRegionNewtonOptions { Subproblem = subproblem }).Minimize(problem, problem.StartingPoint);
        output.WriteLine(result.BriefReport());
        int rejected = (int)result.Diagnostics["rejected steps"];
        Assert.True(result.Converged, result.BriefReport());
        Assert.True(rejected > 0, result.BriefReport());
        Assert.Equal(result.Iterations + 1, result.Evaluations.Gradients);
        Assert.Equal(result.Iterations + 1 + rejected, result.Evaluations.Values);
    }

    [Fact]
    public void SteihaugComputesNoGradientAtRejectedTrials()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = new SteihaugTrustRegion().Minimize(problem, problem.StartingPoint);
        output.WriteLine(result.BriefReport());
        int rejected = (int)result.Diagnostics["rejected steps"];
        Assert.True(result.Converged && rejected > 0, result.BriefReport());
        Assert.Equal(result.Iterations + 1, result.Evaluations.Gradients);
        Assert.Equal(result.Iterations + 1 + rejected, result.Evaluations.Values);
    }

    [Theory]
    [InlineData("ShrinkFactor", 1.0)]
    [InlineData("ExpandFactor", 1.0)]
    [InlineData("ShrinkBelow", 0.05)]
    [InlineData("ExpandAbove", 1.0)]
    public void RejectsRadiusUpdateConstantsOutsideTheirRange(string name, double value)
    {
        var radius = name switch
        {
            "ShrinkFactor" => new TrustRegionOptions { ShrinkFactor = value },
            "ExpandFactor" => new TrustRegionOptions { ExpandFactor = value },
            "ShrinkBelow" => new TrustRegionOptions { ShrinkBelow = value },
            _ => new TrustRegionOptions { ExpandAbove = value },
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrustRegion(new TrustRegionNewtonOptions { Radius = radius }));
        Assert.Equal(name == "ExpandAbove" ? "ShrinkBelow" : name, error.ParamName);
    }

    [Fact]
    public void RejectsAcceptanceRatioOutsideTheTheory()
    {
        var options = new TrustRegionNewtonOptions { Radius = new TrustRegionOptions { AcceptanceRatio = 0.5 } };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrustRegion(options));
        Assert.Equal("AcceptanceRatio", error.ParamName);
    }
}
