using Optimize.Problems;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.FirstOrder;

/// <summary>
/// Coordinate descent is held to ‖∇f‖ ≤ 1e-5. Extended Rosenbrock is run with n = 100 rather than 1000: the
/// oracle contract has no partial derivatives, so every coordinate step costs a full O(n) gradient and a
/// sweep O(n²); the ~4000 sweeps Rosenbrock's valley needs would take about a minute at n = 1000. At n = 1000
/// the test below checks only that a few sweeps make steady progress.
/// </summary>
public class CoordinateDescentTests(ITestOutputHelper output)
{
    private static readonly DriverOptions Limits = new() { GradientTolerance = 1e-5, MaximumIterations = 100_000 };

    public static TheoryData<CoordinateOrder, string, int> Cases()
    {
        var data = new TheoryData<CoordinateOrder, string, int>();
        foreach (var order in Enum.GetValues<CoordinateOrder>())
        {
            foreach (var row in Convergence.SmallProblems) data.Add(order, (string)row[0], (int)row[1]);
            data.Add(order, "extended-rosenbrock", 100);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConvergesWithCoordinateNewtonSteps(CoordinateOrder order, string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new CoordinateDescent(new CoordinateDescentOptions { Order = order }).Minimize(problem, problem.StartingPoint, Limits);
        Convergence.AssertConverged(result, problem, 1e-5, output);
    }

    [Theory]
    [InlineData("quadratic", 0)]
    [InlineData("rosenbrock", 0)]
    [InlineData("beale", 0)]
    public void ConvergesWithGradientCoordinateStepsWhenOnlyGradientsExist(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new CoordinateDescent().Minimize(new GradientOnly(problem), problem.StartingPoint, Limits);
        Convergence.AssertConverged(result, problem, 1e-5, output);
        Assert.Equal(0, result.Evaluations.HessianVectors);
    }

    [Fact]
    public void MinimizesASeparableQuadraticExactlyInOneSweep()
    {
        var objective = SpecialObjectives.DiagonalQuadratic(8);
        var result = new CoordinateDescent().Minimize(objective, new double[8], new DriverOptions { GradientTolerance = 1e-12 });
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Equal(1, result.Iterations);
        for (int i = 0; i < 8; i++) Assert.Equal(1.0 / (i + 1), result.Minimizer[i], 1e-14);
    }

    [Fact]
    public void MakesSteadyProgressOnExtendedRosenbrockWithThousandVariables()
    {
        var problem = ProblemLibrary.ExtendedRosenbrock(1000);
        var values = new List<double>();
        var options = new DriverOptions { MaximumIterations = 5, Callback = record => { values.Add(record.Value); return false; } };
        var result = new CoordinateDescent().Minimize(problem, problem.StartingPoint, options);
        Convergence.Log(result, problem, output);
        Assert.Equal(TerminationReason.IterationLimit, result.Reason);
        for (int i = 1; i < values.Count; i++) Assert.True(values[i] < values[i - 1]);
        Assert.True(result.Minimum < 0.5 * values[0], result.BriefReport());
    }
}
