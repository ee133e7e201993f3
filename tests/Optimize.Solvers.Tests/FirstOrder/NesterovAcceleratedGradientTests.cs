using Optimize.Problems;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.FirstOrder;

/// <summary>Accelerated gradient is first order: held to ‖∇f‖ ≤ 1e-5 with up to 10⁵ iterations.</summary>
public class NesterovAcceleratedGradientTests(ITestOutputHelper output)
{
    private static readonly DriverOptions FirstOrderLimits = new() { GradientTolerance = 1e-5, MaximumIterations = 100_000 };

    [Theory]
    [MemberData(nameof(Convergence.StandardProblems), MemberType = typeof(Convergence))]
    public void ConvergesWithBacktrackedLipschitzEstimate(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new NesterovAcceleratedGradient().Minimize(problem, problem.StartingPoint, FirstOrderLimits);
        Convergence.AssertConverged(result, problem, 1e-5, output);
    }

    [Fact]
    public void NeedsFewerIterationsThanGradientDescentOnTheQuadratic()
    {
        var problem = ProblemLibrary.ConvexQuadratic(100, 2);
        double l = GradientDescentTests.LargestEigenvalue(problem);
        var accelerated = new NesterovAcceleratedGradient(new NesterovOptions { StepSize = 1 / l }).Minimize(problem, problem.StartingPoint, FirstOrderLimits);
        var plain = new GradientDescent(new GradientDescentOptions { LineSearch = null, StepSize = 1 / l }).Minimize(problem, problem.StartingPoint, FirstOrderLimits);
        output.WriteLine(accelerated.BriefReport());
        output.WriteLine(plain.BriefReport());
        Assert.Equal(TerminationReason.GradientTolerance, accelerated.Reason);
        Assert.True(accelerated.Iterations < plain.Iterations);
    }
}
