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
    /// Before the first update scales H₀ = I, the first trial point lies at Euclidean distance 1 from x₀ along −∇f
    /// (α₀ = 1/‖∇f(x₀)‖₂; ‖∇f(x₀)‖₂ = 233 on Rosenbrock), not at ∞-norm distance 1.
    /// </summary>
    [Fact]
    public void FirstTrialPointIsAtUnitEuclideanDistance() =>
        Assert.Equal(1, RecordingObjective.FirstTrialDistance((f, x, options) => new Bfgs().Minimize(f, x, options)), 12);

    /// <summary>
    /// f evaluations on Moré–Garbow–Hillstrom instances from x₀ with the default options, at most what the defaults
    /// give today (before the 2-norm first step, BFGS ended on Broyden banded at another stationary point after 58).
    /// </summary>
    [Theory]
    [InlineData("mgh31-broyden-banded-10", 44)]
    [InlineData("mgh22-extended-powell-singular-12", 51)]
    [InlineData("mgh35-chebyquad-10", 31)]
    public void SolvesStandardSetInstancesWithinEvaluations(string instance, long values)
    {
        var result = StandardSetRuns.Run(instance, (f, x, options) => new Bfgs().Minimize(f, x, options));
        StandardSetRuns.AssertSolvedWithin(instance, result, values, output);
    }
}
