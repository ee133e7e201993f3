using Optimize.Problems;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.FirstOrder;

/// <summary>
/// Adam with a fixed rate hovers in a neighbourhood of size ~α around the minimizer; with the decaying rate
/// α = 0.01/(1 + 0.001k) it is held to ‖∇f‖ ≤ 1e-4 within 10⁵ iterations.
/// </summary>
public class AdamTests(ITestOutputHelper output)
{
    private static readonly AdamOptions Decaying = new() { LearningRate = 1e-2, LearningRateDecay = 1e-3 };

    [Theory]
    [MemberData(nameof(Convergence.StandardProblems), MemberType = typeof(Convergence))]
    public void ConvergesWithADecayingRate(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new Adam(Decaying).Minimize(problem, problem.StartingPoint, new DriverOptions { GradientTolerance = 1e-4, MaximumIterations = 100_000 });
        Log(result, problem);
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Convergence.AssertNearMinimum(result, problem, 1e-5);
    }

    [Fact]
    public void ReducesTheShallowNetworkLoss()
    {
        var problem = ProblemLibrary.ShallowNetwork();
        var start = problem.StartingPoint;
        var result = new Adam(new AdamOptions { LearningRate = 1e-2 }).Minimize(problem, start, new DriverOptions { MaximumIterations = 2000 });
        Log(result, problem);
        Assert.True(result.Minimum < 0.5 * problem.Value(start), result.BriefReport());
    }

    private void Log(MinimizationResult result, TestProblem problem) => Convergence.Log(result, problem, output);
}
