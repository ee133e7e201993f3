using Optimize.AutoDiff.Separable;
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

    [Fact]
    public void BlocksPatternAndForwardModeFollowTheGeneratedCodeOnTheSparsePath()
    {
        var problem = new BundleAdjustment(5, 40, 200);
        var generated = GeneratedResidualsTests.Generated(problem);
        var blocks = new ResidualBlocksFunction<BundleAdjustment>(problem);
        var pattern = ResidualBlockSparsity.Of(problem);
        Assert.Equal(problem.JacobianEntryCount, pattern.NonZeroCount);
        Assert.Equal(generated.Sparsity.NonZeroCount, pattern.NonZeroCount);
        var x0 = GeneratedResidualsTests.Perturbed(problem, 0.02, 7);
        // LSQR's default tolerance (1e-6) lets rounding differences in J change its stopping iteration, and the
        // gauge freedom of bundle adjustment amplifies that; solved to rounding, the two sources give one trajectory.
        var options = new TrustRegionReflectiveOptions { Sparsity = pattern, MaximumEvaluations = 4, LsqrTolerance = 1e-14, LsqrMaximumIterations = 5000 };
        var viaGenerated = new TrustRegionReflective(options with { Sparsity = generated.Sparsity }).Solve(generated, x0);
        var viaBlocks = new TrustRegionReflective(options).Solve(blocks, x0);
        Assert.True(viaBlocks.Cost < viaBlocks.InitialCost, viaBlocks.BriefReport());
        Assert.Equal(viaBlocks.Iterations, viaGenerated.Iterations);
        // The two Jacobians agree to rounding; with LSQR solved to rounding too, so do the steps.
        Assert.Equal(viaBlocks.Cost, viaGenerated.Cost, 1e-8 * viaBlocks.Cost);
    }
}
