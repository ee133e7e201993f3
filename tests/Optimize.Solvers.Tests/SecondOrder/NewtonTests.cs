using Optimize.Problems;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.Tests.SecondOrder;

public class NewtonTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Convergence.StandardProblems), MemberType = typeof(Convergence))]
    public void ConvergesWithModifiedCholesky(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new Newton().Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    /// <summary>
    /// Extended Rosenbrock n = 1000 is left out: the eigenvalue correction needs a dense symmetric
    /// eigen-decomposition per iteration, about 2 s at n = 1000 with MathNet's managed provider.
    /// </summary>
    [Theory]
    [MemberData(nameof(Convergence.SmallProblems), MemberType = typeof(Convergence))]
    public void ConvergesWithEigenvalueCorrection(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new Newton(new NewtonOptions { Modification = HessianModification.EigenvalueCorrection }).Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Theory]
    [InlineData(HessianModification.ModifiedCholesky)]
    [InlineData(HessianModification.EigenvalueCorrection)]
    public void LeavesTheSaddleRegionOfAnIndefiniteHessian(HessianModification modification)
    {
        // Unmodified Newton from here jumps to the saddle at the origin; a positive definite model cannot.
        var objective = SpecialObjectives.DoubleWell();
        var result = new Newton(new NewtonOptions { Modification = modification }).Minimize(objective, [0.1, 0.5]);
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Equal(1, Math.Abs(result.Minimizer[0]), 1e-8);
        Assert.Equal(-0.25, result.Minimum, 1e-12);
    }

    [Fact]
    public void QuadraticTakesOneNewtonStep()
    {
        var problem = ProblemLibrary.ConvexQuadratic(30, 3);
        var result = new Newton().Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
        Assert.Equal(1, result.Iterations);
        Assert.Equal(1, result.Evaluations.Hessians);
    }
}
