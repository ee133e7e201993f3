using Optimize.Problems;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.QuasiNewton;

public class BfgsTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Convergence.StandardProblems), MemberType = typeof(Convergence))]
    public void ConvergesToGradientTolerance(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new Bfgs().Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Theory]
    [MemberData(nameof(Convergence.SmallProblems), MemberType = typeof(Convergence))]
    public void ConvergesWithPowellDamping(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new Bfgs(new BfgsOptions { Safeguard = CurvatureSafeguard.Damp }).Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Fact]
    public void ConvergesWithValueOnlyBacktrackingWhereCurvatureMayFail()
    {
        // Armijo backtracking does not enforce sᵀy > 0: the skip rule keeps H positive definite.
        var problem = ProblemLibrary.Rosenbrock();
        var options = new BfgsOptions { LineSearch = new Optimize.Solvers.LineSearches.BacktrackingLineSearch() };
        var result = new Bfgs(options).Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Fact]
    public void RejectsNegativeCurvatureThreshold()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Bfgs(new BfgsOptions { CurvatureThreshold = -1 }));
        Assert.Equal("CurvatureThreshold", error.ParamName);
    }

    /// <summary>
    /// Before the first update scales H₀ = I, the first trial step is min(1, 1/‖d‖∞): no coordinate moves by more than
    /// 1, also when the largest entry of d is negative (‖d‖∞ is the magnitude of the signed entry
    /// TensorPrimitives.MaxMagnitude returns; without the absolute value the first trial moved x by 211.6).
    /// </summary>
    [Fact]
    public void FirstTrialMovesNoCoordinateByMoreThanOne() =>
        Assert.Equal(1, RecordingObjective.FirstTrialLargestMove((f, x, options) => new Bfgs().Minimize(f, x, options)), 12);

    /// <summary>
    /// f evaluations on Moré–Garbow–Hillstrom instances from x₀ with the default options (the standard-set benchmark's
    /// limits), at most what the defaults take today.
    /// </summary>
    [Theory]
    [InlineData("mgh07-helical-valley", 33)]
    [InlineData("mgh16-brown-dennis", 38)]
    [InlineData("mgh35-chebyquad-10", 33)]
    public void SolvesStandardSetInstancesWithinEvaluations(string instance, long values)
    {
        var result = StandardSetRuns.Run(instance, (f, x, options) => new Bfgs().Minimize(f, x, options));
        StandardSetRuns.AssertSolvedWithin(instance, result, values, output);
    }
}
