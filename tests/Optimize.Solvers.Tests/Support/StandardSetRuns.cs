using Optimize.Oracles;
using Optimize.Problems.MoreGarbowHillstrom;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.Support;

/// <summary>
/// Runs on instances of the Moré–Garbow–Hillstrom set from x₀ with the limits of the standard-set benchmark (10000
/// iterations), checking that a run reaches f* to its tolerance 10⁻⁶·max(1, |f*|) and counting f evaluations as it does.
/// </summary>
internal static class StandardSetRuns
{
    public static MinimizationResult Run(string instance, Func<IGradientObjective, double[], DriverOptions, MinimizationResult> minimize)
    {
        var found = MoreGarbowHillstromSet.Find(instance) ?? throw new ArgumentException($"No instance {instance}.", nameof(instance));
        return minimize(found.Problem, found.Start(1), new DriverOptions { MaximumIterations = 10_000 });
    }

    /// <summary>Asserts the run converged at f* and used at most <paramref name="values"/> evaluations of f.</summary>
    public static void AssertSolvedWithin(string instance, MinimizationResult result, long values, ITestOutputHelper output)
    {
        var found = MoreGarbowHillstromSet.Find(instance)!;
        double fStar = found.Problem.KnownMinimum!.Value;
        output.WriteLine(result.BriefReport());
        Assert.True(result.Converged, result.FullReport());
        Assert.True(result.Minimum - fStar <= 1e-6 * Math.Max(1, Math.Abs(fStar)), $"f = {result.Minimum}, f* = {fStar}");
        Assert.True(result.Evaluations.Values <= values, $"{result.Evaluations.Values} f evaluations, expected at most {values}");
    }
}
