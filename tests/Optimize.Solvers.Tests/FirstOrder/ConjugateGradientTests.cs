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
    /// The first line search, along −∇f(x₀) with no previous decrease to interpolate from, tries min(1, 1/‖d‖∞): no
    /// coordinate moves by more than 1, also when the largest entry of d is negative.
    /// </summary>
    [Fact]
    public void FirstTrialMovesNoCoordinateByMoreThanOne() =>
        Assert.Equal(1, RecordingObjective.FirstTrialLargestMove((f, x, options) => new ConjugateGradient().Minimize(f, x, options)), 12);

    /// <summary>
    /// Hager–Zhang CG restarts every 6n iterations by default (CG_DESCENT's restart_fac): from x₀ of Watson's function
    /// at n = 9 it reaches f* within the standard-set limit of 10000 iterations, which it did not when it restarted every
    /// n iterations (f stayed 3.5e-6 above f* = 1.4e-6).
    /// </summary>
    [Fact]
    public void HagerZhangSolvesWatsonNineByRestartingEverySixNIterations()
    {
        var result = StandardSetRuns.Run("mgh20-watson-9", (f, x, options) => new ConjugateGradient().Minimize(f, x, options));
        StandardSetRuns.AssertSolvedWithin("mgh20-watson-9", result, 30_000, output);
    }

    /// <summary>
    /// With its default Moré–Thuente line search (strong Wolfe, c₂ = 0.1), Hager–Zhang CG solves Osborne 1 from x₀, which
    /// it did not with Hager–Zhang's approximate-Wolfe search (the iteration limit, 25414 evaluations, f above f*), and
    /// solves Kowalik–Osborne and Penalty I (n = 4) in a third and a fifth of the evaluations that search took (320 and 667).
    /// </summary>
    [Theory]
    [InlineData("mgh17-osborne-1", 4000)]
    [InlineData("mgh15-kowalik-osborne", 150)]
    [InlineData("mgh23-penalty-1-4", 200)]
    public void SolvesWithTheDefaultLineSearchWithinTheseEvaluations(string instance, int values)
    {
        var result = StandardSetRuns.Run(instance, (f, x, options) => new ConjugateGradient().Minimize(f, x, options));
        StandardSetRuns.AssertSolvedWithin(instance, result, values, output);
    }
}
