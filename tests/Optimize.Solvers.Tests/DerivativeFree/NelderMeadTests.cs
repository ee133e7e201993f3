using Optimize.Analytic;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers.DerivativeFree;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.DerivativeFree;

/// <summary>
/// Nelder–Mead has no gradient; it is held to f within 1e-6 of the known minimum. Extended Rosenbrock with
/// n = 1000 is not attempted: the simplex method needs a number of iterations that grows quickly with n
/// (already ~10⁴ for the 20-variable quadratic) and is not a reasonable method at that size.
/// </summary>
public class NelderMeadTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Convergence.SmallProblems), MemberType = typeof(Convergence))]
    public void ReachesTheMinimumWithValuesOnly(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new NelderMead().Minimize(new ValueOnly(problem), problem.StartingPoint, new DriverOptions { MaximumIterations = 100_000 });
        Convergence.Log(result, problem, output);
        Assert.Equal(TerminationReason.FunctionChangeTolerance, result.Reason);
        Assert.True(result.Converged);
        Assert.True(double.IsNaN(result.GradientNorm));
        Convergence.AssertNearMinimum(result, problem, 1e-6);
        Assert.Equal(0, result.Evaluations.Gradients);
    }

    [Fact]
    public void StandardCoefficientsAlsoSolveRosenbrock()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = new NelderMead(new NelderMeadOptions { Adaptive = false }).Minimize(problem, problem.StartingPoint);
        Convergence.Log(result, problem, output);
        Convergence.AssertNearMinimum(result, problem, 1e-6);
    }

    [Fact]
    public void TreatsNaNValuesAsWorseThanAnyNumber()
    {
        // f = (x − 3)² + (y − 1)² but NaN for x > 3.5: the simplex must back away from the NaN region.
        var objective = AnalyticObjective.Create(2, x => x[0] > 3.5 ? double.NaN : (x[0] - 3) * (x[0] - 3) + (x[1] - 1) * (x[1] - 1));
        var result = new NelderMead().Minimize(objective, [3.4, 0]);
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.FunctionChangeTolerance, result.Reason);
        Assert.Equal(3, result.Minimizer[0], 1e-4);
        Assert.Equal(1, result.Minimizer[1], 1e-4);
    }

    [Fact]
    public void DoesNotReportAPlateauAsAMinimum()
    {
        // From x₀ = (0, 10, 20) the simplex on Box 3-D collapses at f ≈ 0.0756 with x₂ ≈ 2800, where exp(−tᵢx₂) has
        // underflowed: f does not depend on x₂ there, and no minimum is near. The final check must not call it converged.
        var instance = MoreGarbowHillstromSet.Find("mgh12-box-3d")!;
        var result = new NelderMead().Minimize(new ValueOnly(instance.Problem), instance.Start(1), new DriverOptions { MaximumIterations = 10_000 });
        output.WriteLine(result.BriefReport());
        output.WriteLine(result.Message);
        Assert.True(result.Minimum > 0.07, result.BriefReport());
        Assert.False(result.Converged, result.Message);
        Assert.Equal(TerminationReason.NoProgress, result.Reason);
        Assert.Contains("a plateau, not a confirmed minimum", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfirmsACollapseWithAFreshSimplex()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = new NelderMead().Minimize(new ValueOnly(problem), problem.StartingPoint);
        output.WriteLine(result.Message);
        Assert.Equal(TerminationReason.FunctionChangeTolerance, result.Reason);
        Assert.Contains("a fresh simplex around the best vertex found no lower f", result.Message, StringComparison.Ordinal);
        Convergence.AssertNearMinimum(result, problem, 1e-6);
    }
}
