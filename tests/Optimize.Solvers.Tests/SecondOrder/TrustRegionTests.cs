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

    [Theory]
    [InlineData(TrustRegionSubproblem.Exact)]
    [InlineData(TrustRegionSubproblem.Dogleg)]
    public void FirstRadiusIsTheLengthOfTheSteepestDescentMinimizer(TrustRegionSubproblem subproblem)
    {
        // f = ½·10⁻⁴‖x‖² from (100, 0): ‖g‖³/(gᵀHg) = 10⁻⁶/10⁻⁸ = 100 reaches the minimizer in one step; a first radius
        // of 1 needs doublings 1, 2, 4, … first.
        var objective = Optimize.Analytic.AnalyticObjective.Create(2,
            x => 5e-5 * (x[0] * x[0] + x[1] * x[1]),
            (x, g) =>
            {
                g[0] = 1e-4 * x[0];
                g[1] = 1e-4 * x[1];
                return 5e-5 * (x[0] * x[0] + x[1] * x[1]);
            },
            (x, h) =>
            {
                h.Clear();
                h[0, 0] = h[1, 1] = 1e-4;
            });
        var scaled = new TrustRegion(new TrustRegionNewtonOptions { Subproblem = subproblem }).Minimize(objective, [100, 0]);
        output.WriteLine(scaled.Message);
        Assert.True(scaled.Converged);
        Assert.Equal(1, scaled.Iterations);
        Assert.Equal(2, scaled.Evaluations.Values);
        var fixedRadius = new TrustRegion(new TrustRegionNewtonOptions { Subproblem = subproblem, CauchyInitialRadius = false })
            .Minimize(objective, [100, 0]);
        Assert.True(fixedRadius.Converged);
        Assert.True(fixedRadius.Iterations >= 7, fixedRadius.BriefReport());
    }

    [Fact]
    public void SolvesBiggsExpSixFromTheStandardStart()
    {
        // With Δ₀ = 1 the exact method entered the valley where f tends to 0.2427 and stopped after 8907 iterations.
        var instance = Optimize.Problems.MoreGarbowHillstrom.MoreGarbowHillstromSet.Find("mgh18-biggs-exp6")!;
        var result = new TrustRegion().Minimize(instance.Problem, instance.Start(1), new DriverOptions { MaximumIterations = 10_000 });
        output.WriteLine(result.Message);
        Assert.True(result.Converged, result.Message);
        Assert.True(result.Minimum <= 1e-6, result.BriefReport());
        Assert.True(result.Evaluations.Values <= 40, result.BriefReport());
    }
}
