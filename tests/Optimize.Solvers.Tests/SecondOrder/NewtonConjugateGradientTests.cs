using Optimize.Problems;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.Tests.SecondOrder;

public class NewtonConjugateGradientTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Convergence.StandardProblems), MemberType = typeof(Convergence))]
    public void ConvergesWithHessianVectorProductsOnly(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new NewtonConjugateGradient().Minimize(new HessianVectorOnly(problem), problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
        Assert.Equal(0, result.Evaluations.Hessians);
        Assert.True(result.Evaluations.HessianVectors > 0);
    }

    [Fact]
    public void DetectsNegativeCurvatureAndAvoidsTheSaddle()
    {
        // At (0.1, 0.5) the Hessian is diag(−0.97, 2): the first CG direction has negative curvature.
        var objective = new HessianVectorOnly(SpecialObjectives.DoubleWell());
        var result = new NewtonConjugateGradient().Minimize(objective, [0.1, 0.5]);
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Equal(1, Math.Abs(result.Minimizer[0]), 1e-8);
    }

    [Fact]
    public void StopsOnJennrichSampsonWithoutBacktrackingThroughRounding()
    {
        // f* = 124.36: once the Newton step predicts a decrease below the rounding of f, the last line search fails at
        // its first trial and the run converges as rounding-limited; it used to spend 8 more values backtracking.
        var problem = BadlyScaledProblems.JennrichSampson();
        var result = new NewtonConjugateGradient().Minimize(problem.Objective, problem.Start);
        output.WriteLine(result.BriefReport());
        Assert.True(result.Converged, result.Message);
        Assert.True(problem.Solved(result.Minimum), result.Message);
        Assert.InRange(result.Evaluations.Values, 1, 14);
    }

    [Fact]
    public void RejectsNegativeInnerIterationLimit()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new NewtonConjugateGradient(new NewtonConjugateGradientOptions { MaximumInnerIterations = -1 }));
        Assert.Equal("MaximumInnerIterations", error.ParamName);
    }
}
