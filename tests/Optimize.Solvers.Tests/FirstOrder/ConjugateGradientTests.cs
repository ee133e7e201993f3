using Optimize.Problems;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.FirstOrder;

public class ConjugateGradientTests(ITestOutputHelper output)
{
    public static TheoryData<ConjugateGradientUpdate, string, int> Cases()
    {
        var data = new TheoryData<ConjugateGradientUpdate, string, int>();
        foreach (var update in Enum.GetValues<ConjugateGradientUpdate>())
            foreach (var row in Convergence.StandardProblems)
                data.Add(update, (string)row[0], (int)row[1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConvergesToGradientTolerance(ConjugateGradientUpdate update, string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new ConjugateGradient(new ConjugateGradientOptions { Update = update })
            .Minimize(problem, problem.StartingPoint, new DriverOptions { MaximumIterations = 20_000 });
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Fact]
    public void SolvesAQuadraticInAtMostNIterationsWithoutRestarts()
    {
        // Linear CG property: with exact line searches, n steps suffice on an n-dimensional quadratic.
        var problem = Optimize.Problems.ProblemLibrary.ConvexQuadratic(10, 4);
        var options = new ConjugateGradientOptions
        {
            Update = ConjugateGradientUpdate.FletcherReeves,
            OrthogonalityThreshold = 1e300,
            RestartInterval = 1000,
            LineSearch = new Optimize.Solvers.LineSearches.MoreThuenteLineSearch { Curvature = 1e-6, SufficientDecrease = 1e-7 },
        };
        var result = new ConjugateGradient(options).Minimize(problem, problem.StartingPoint, new DriverOptions { GradientTolerance = 1e-6 });
        Convergence.AssertConverged(result, problem, 1e-6, output);
        Assert.True(result.Iterations <= 12, $"{result.Iterations} iterations");
    }

    /// <summary>
    /// The first line search, along −∇f(x₀), tries the point at Euclidean distance 1 from x₀ (α₀ = 1/‖∇f(x₀)‖₂);
    /// later ones interpolate from the last decrease.
    /// </summary>
    [Fact]
    public void FirstTrialPointIsAtUnitEuclideanDistance() =>
        Assert.Equal(1, RecordingObjective.FirstTrialDistance((f, x, options) => new ConjugateGradient().Minimize(f, x, options)), 12);

    /// <summary>
    /// Broyden banded (n = 10) from x₀ with the default options: f* within 40 f evaluations. With the first trial at
    /// ∞-norm distance 1, CG ended at another stationary point (f = 3.06) after 256.
    /// </summary>
    [Fact]
    public void SolvesBroydenBandedWithinEvaluations()
    {
        const string instance = "mgh31-broyden-banded-10";
        var result = StandardSetRuns.Run(instance, (f, x, options) => new ConjugateGradient().Minimize(f, x, options));
        StandardSetRuns.AssertSolvedWithin(instance, result, 40, output);
    }
}
