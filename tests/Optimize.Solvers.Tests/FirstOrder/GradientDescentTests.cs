using MathNet.Numerics.LinearAlgebra;
using Optimize.Problems;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.LineSearches;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.FirstOrder;

/// <summary>Gradient descent converges linearly, so it is held to ‖∇f‖ ≤ 1e-5 with up to 10⁵ iterations.</summary>
public class GradientDescentTests(ITestOutputHelper output)
{
    private static readonly DriverOptions FirstOrderLimits = new() { GradientTolerance = 1e-5, MaximumIterations = 100_000 };

    [Theory]
    [MemberData(nameof(Convergence.StandardProblems), MemberType = typeof(Convergence))]
    public void ConvergesWithBacktracking(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new GradientDescent().Minimize(problem, problem.StartingPoint, FirstOrderLimits);
        Convergence.AssertConverged(result, problem, 1e-5, output);
    }

    [Theory]
    [InlineData(InitialStep.Unit)]
    [InlineData(InitialStep.Previous)]
    [InlineData(InitialStep.QuadraticInterpolation)]
    public void ConvergesOnBealeWithEveryInitialStep(InitialStep initialStep)
    {
        var problem = ProblemLibrary.Beale();
        var result = new GradientDescent(new GradientDescentOptions { InitialStep = initialStep }).Minimize(problem, problem.StartingPoint, FirstOrderLimits);
        Convergence.AssertConverged(result, problem, 1e-5, output);
    }

    [Fact]
    public void ConvergesOnTheQuadraticWithFixedStepOneOverL()
    {
        var problem = ProblemLibrary.ConvexQuadratic();
        double largest = LargestEigenvalue(problem);
        var options = new GradientDescentOptions { LineSearch = null, StepSize = 1 / largest };
        var result = new GradientDescent(options).Minimize(problem, problem.StartingPoint, FirstOrderLimits);
        Convergence.AssertConverged(result, problem, 1e-5, output);
    }

    [Fact]
    public void ReportsDivergenceOfATooLargeFixedStep()
    {
        var problem = ProblemLibrary.ConvexQuadratic();
        double largest = LargestEigenvalue(problem);
        var options = new GradientDescentOptions { LineSearch = null, StepSize = 3 / largest };
        var result = new GradientDescent(options).Minimize(problem, problem.StartingPoint, FirstOrderLimits);
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.NonFiniteValue, result.Reason);
        Assert.False(result.Converged);
        Assert.True(double.IsFinite(result.Minimum));
    }

    internal static double LargestEigenvalue(TestProblem problem)
    {
        var hessian = Matrix<double>.Build.Dense(problem.Dimension, problem.Dimension);
        problem.Hessian(problem.StartingPoint, hessian);
        return hessian.Evd(Symmetricity.Symmetric).EigenValues.Max(v => v.Real);
    }
}
