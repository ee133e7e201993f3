using Optimize.Problems;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.Driver;

/// <summary>Cases where a method used to waste evaluations or fail from a poor internal choice.</summary>
public class RobustnessTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("newton")]
    [InlineData("dogleg")]
    public void SolvesMeyerDespiteADiagonalSpanningManyOrders(string method)
    {
        // The diagonal of ∇²f spans 10¹⁵ to 10⁻²: a shift τI sized by the largest entry made every step tiny.
        var problem = BadlyScaledProblems.Meyer();
        var result = VerdictTests.Run(method, problem.Objective, problem.Start, new DriverOptions { MaximumIterations = 10_000 });
        output.WriteLine(result.BriefReport());
        output.WriteLine(result.Message);
        Assert.True(problem.Solved(result.Minimum), result.BriefReport());
        Assert.True(result.Iterations < 1000, result.BriefReport());
    }

    [Fact]
    public void Sr1ScalesItsFirstMatrixFromAnAcceptedStepOnly()
    {
        // The first trial from the standard start of Osborne 1 is rejected at a point where ‖∇f‖ = 7.6e47.
        var problem = BadlyScaledProblems.OsborneOne();
        var result = new Sr1TrustRegion().Minimize(problem.Objective, problem.Start, new DriverOptions { MaximumIterations = 10_000 });
        output.WriteLine(result.BriefReport());
        Assert.True(result.Iterations > 1, result.BriefReport());
        Assert.True(problem.Solved(result.Minimum), result.BriefReport());
    }

    [Theory]
    [InlineData("newton")]
    [InlineData("newton-cg")]
    [InlineData("gradient-descent")]
    public void EvaluatesFOnceAtEachPoint(string method)
    {
        // Backtracking used to evaluate f alone at the accepted point, then f and ∇f there again.
        var problem = ProblemLibrary.ConvexQuadratic();
        var result = VerdictTests.Run(method, problem, problem.StartingPoint, new DriverOptions { GradientTolerance = 1e-6, MaximumIterations = 10_000 });
        output.WriteLine(result.BriefReport());
        Assert.True(result.Converged, result.BriefReport());
        Assert.Equal(result.Evaluations.Gradients, result.Evaluations.Values);
    }

    [Fact]
    public void ResultCarriesTheMethodsDiagnostics()
    {
        var problem = BadlyScaledProblems.OsborneOne();
        var trustRegion = VerdictTests.Run("trust-region", problem.Objective, problem.Start);
        Assert.True(trustRegion.Diagnostics.ContainsKey("rejected steps"), trustRegion.FullReport());
        Assert.True(trustRegion.Diagnostics.ContainsKey("radius"), trustRegion.FullReport());
        var newton = VerdictTests.Run("newton", problem.Objective, problem.Start);
        Assert.True(newton.Diagnostics.ContainsKey("modified Hessians"), newton.FullReport());
        var newtonCg = VerdictTests.Run("newton-cg", problem.Objective, problem.Start);
        Assert.True(newtonCg.Diagnostics.ContainsKey("negative-curvature iterations"), newtonCg.FullReport());
        output.WriteLine(trustRegion.FullReport());
        Assert.Contains("rejected steps", trustRegion.FullReport());
        Assert.StartsWith("converged: ", trustRegion.Message);
    }
}
