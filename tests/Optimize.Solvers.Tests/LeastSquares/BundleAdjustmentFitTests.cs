using Optimize.Problems.GradBench;
using Optimize.Solvers.LeastSquares;

namespace Optimize.Solvers.Tests.LeastSquares;

/// <summary>A small bundle adjustment fitted by the sparse trust-region reflective path with the generated Jacobian.</summary>
public class BundleAdjustmentFitTests
{
    [Fact]
    public void SparseTrustRegionReflectiveLowersTheCostOfAPerturbedBundleAdjustment()
    {
        var problem = new BundleAdjustment(5, 40, 200);
        var residuals = GeneratedResidualsTests.Generated(problem);
        var x0 = GeneratedResidualsTests.Perturbed(problem, 0.02, 7);
        var options = new TrustRegionReflectiveOptions { Sparsity = residuals.Sparsity, MaximumEvaluations = 10 };
        var result = new TrustRegionReflective(options).Solve(residuals, x0);
        Assert.True(result.Cost < 0.5 * result.InitialCost, result.BriefReport());
        Assert.True(result.ResidualEvaluations <= 10, result.BriefReport());
        // A few iterations: it stops at the evaluation limit or earlier with a convergence verdict, and says which.
        Assert.True(result.Converged || result.Reason == TerminationReason.EvaluationLimit, result.BriefReport());
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.Equal(result.JacobianEvaluations, residuals.JacobianCodeRuns);
    }
}
