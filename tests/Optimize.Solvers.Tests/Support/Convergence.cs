using Optimize.Problems;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.Support;

/// <summary>The problems every method is run on, and the checks applied to a run.</summary>
internal static class Convergence
{
    /// <summary>The standard set: convex quadratic, Rosenbrock from (−1.2, 1), Beale, Powell singular, Wood, extended Rosenbrock n = 1000.</summary>
    public static TheoryData<string, int> StandardProblems => new()
    {
        { "quadratic", 0 }, { "rosenbrock", 0 }, { "beale", 0 }, { "powell-singular", 0 }, { "wood", 0 }, { "extended-rosenbrock", 1000 },
    };

    /// <summary>The standard set without extended Rosenbrock n = 1000.</summary>
    public static TheoryData<string, int> SmallProblems => new()
    {
        { "quadratic", 0 }, { "rosenbrock", 0 }, { "beale", 0 }, { "powell-singular", 0 }, { "wood", 0 },
    };

    public static TestProblem Problem(string name, int dimension) => ProblemLibrary.Create(name, dimension == 0 ? null : dimension);

    /// <summary>Logs the run and asserts convergence by the gradient test to <paramref name="gradientTolerance"/> at the known minimum.</summary>
    public static void AssertConverged(MinimizationResult result, TestProblem problem, double gradientTolerance, ITestOutputHelper output)
    {
        Log(result, problem, output);
        Assert.True(result.Reason == TerminationReason.GradientTolerance, result.FullReport());
        Assert.True(result.Converged);
        Assert.True(result.GradientNorm <= gradientTolerance, result.BriefReport());
        AssertNearMinimum(result, problem, 1e-6);
    }

    /// <summary>Asserts f at the result is within <paramref name="tolerance"/>·(1 + |f*|) of the known minimum.</summary>
    public static void AssertNearMinimum(MinimizationResult result, TestProblem problem, double tolerance)
    {
        Assert.NotNull(problem.KnownMinimum);
        double known = problem.KnownMinimum!.Value;
        Assert.True(Math.Abs(result.Minimum - known) <= tolerance * (1 + Math.Abs(known)),
            $"f = {result.Minimum}, known minimum {known}: {result.BriefReport()}");
    }

    public static void Log(MinimizationResult result, TestProblem problem, ITestOutputHelper output)
    {
        output.WriteLine($"{problem}: {result.Iterations} iterations");
        output.WriteLine(result.BriefReport());
    }
}
