using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff;
using Optimize.AutoDiff.Separable;
using Optimize.FiniteDifferences;
using Optimize.Problems.GradBench;
using Optimize.Solvers.LeastSquares;

namespace Optimize.Solvers.Tests.LeastSquares;

/// <summary>
/// Residuals whose Jacobian rows come from the derivative generator (bundle adjustment's reprojection and weight
/// residuals, marked [GenerateDerivatives]) reach the least-squares solvers through <see cref="CompressedRowResiduals"/>.
/// </summary>
public class GeneratedResidualsTests
{
    internal static CompressedRowResiduals Generated(BundleAdjustment problem) =>
        new(problem.Dimension, problem.JacobianRowStarts(), problem.JacobianColumns(), problem.Residuals, problem.JacobianByGeneratedCode);

    /// <summary>The ADBench start with every entry moved by up to ±<paramref name="size"/> relative, reproducibly.</summary>
    internal static double[] Perturbed(BundleAdjustment problem, double size, int seed)
    {
        var random = new Random(seed);
        return problem.StartingPoint.Select(v => v * (1 + size * (2 * random.NextDouble() - 1))).ToArray();
    }

    [Fact]
    public void GeneratedRowsAgreeWithForwardModeOverTheBlocks()
    {
        var problem = new BundleAdjustment(2, 3, 12);
        var generated = Generated(problem);
        var blocks = new ResidualBlocksFunction<BundleAdjustment>(problem);
        var x = Perturbed(problem, 0.05, 1);
        int m = problem.ResidualCountTotal, n = problem.Dimension;
        var a = Matrix<double>.Build.Dense(m, n);
        var b = Matrix<double>.Build.Dense(m, n);
        generated.Jacobian(x, a);
        blocks.Jacobian(x, b);
        Assert.True((a - b).InfinityNorm() <= 1e-9 * b.InfinityNorm(), $"‖ΔJ‖∞ = {(a - b).InfinityNorm()}");

        var p = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1)).ToArray();
        var w = Enumerable.Range(0, m).Select(i => Math.Cos(i + 1)).ToArray();
        double[] jvp = new double[m], vjp = new double[n];
        generated.JacobianVector(x, p, jvp);
        generated.VectorJacobian(x, w, vjp);
        var expectedJvp = b * Vector<double>.Build.DenseOfArray(p);
        var expectedVjp = b.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(w));
        for (int i = 0; i < m; i++) Assert.Equal(expectedJvp[i], jvp[i], 1e-8 * (1 + Math.Abs(expectedJvp[i])));
        for (int j = 0; j < n; j++) Assert.Equal(expectedVjp[j], vjp[j], 1e-8 * (1 + Math.Abs(expectedVjp[j])));
        Assert.Equal(1, generated.JacobianCodeRuns); // the JVP and VJP at the same x reuse the rows
        Assert.Equal(ResidualBlockSparsity.Of(problem).NonZeroCount, generated.Sparsity.NonZeroCount);
    }

    [Fact]
    public void LevenbergMarquardtSolvesWithGeneratedRows()
    {
        var problem = new BundleAdjustment(1, 1, 20);
        var generated = Generated(problem);
        var result = new LevenbergMarquardt().Solve(generated, Perturbed(problem, 0.01, 2));
        Assert.True(result.Converged, result.Message);
        Assert.True(result.Cost < 1e-12 * result.InitialCost, result.BriefReport());
        Assert.Equal(result.JacobianEvaluations, generated.JacobianCodeRuns);
        AssertSameAsBlocks(problem, result, new LevenbergMarquardt().Solve(new ResidualBlocksFunction<BundleAdjustment>(problem), result.InitialPoint));
    }

    [Fact]
    public void TrustRegionReflectiveSolvesWithGeneratedRowsDenseAndSparse()
    {
        var problem = new BundleAdjustment(1, 1, 20);
        var x0 = Perturbed(problem, 0.01, 3);
        var dense = new TrustRegionReflective().Solve(Generated(problem), x0);
        Assert.True(dense.Converged, dense.Message);
        Assert.True(dense.Cost < 1e-12 * dense.InitialCost, dense.BriefReport());
        AssertSameAsBlocks(problem, dense, new TrustRegionReflective().Solve(new ResidualBlocksFunction<BundleAdjustment>(problem), x0));

        var generated = Generated(problem);
        int colours = new ColoredJacobian(generated, generated.Sparsity).Coloring.ColorCount;
        Assert.True(colours > 1);
        var sparse = new TrustRegionReflective(new TrustRegionReflectiveOptions { Sparsity = generated.Sparsity }).Solve(generated, x0);
        Assert.True(sparse.Converged, sparse.Message);
        Assert.True(sparse.Cost < 1e-12 * sparse.InitialCost, sparse.BriefReport());
        // One run of the generated code per Jacobian, not one per colour.
        Assert.Equal(sparse.JacobianEvaluations, generated.JacobianCodeRuns);
    }

    [Fact]
    public void InconsistentLayoutsAreRejectedByName()
    {
        static void R(ReadOnlySpan<double> x, Span<double> r) => r.Clear();
        static void J(ReadOnlySpan<double> x, Span<double> r, Span<double> v) => v.Clear();
        Assert.Equal("rowStarts", Assert.Throws<ArgumentException>(() => new CompressedRowResiduals(2, [0, 1], [0, 1], R, J)).ParamName);
        Assert.Equal("rowStarts", Assert.Throws<ArgumentException>(() => new CompressedRowResiduals(2, [0, 2, 1, 2], [0, 1], R, J)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentException>(() => new CompressedRowResiduals(2, [0, 1, 2], [0, 2], R, J)).ParamName);
        Assert.Equal("dimension", Assert.Throws<ArgumentOutOfRangeException>(() => new CompressedRowResiduals(0, [0, 1], [0], R, J)).ParamName);
        var function = new CompressedRowResiduals(2, [0, 1, 2], [0, 1], R, J);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => function.Evaluate(new double[3], new double[2])).ParamName);
    }

    /// <summary>
    /// The replicated observations make the minimizer non-unique (any camera and point that project onto the feature,
    /// with weights ±1), so the two sources are compared by the minimum they reach, cost 0, not by the minimizer.
    /// </summary>
    private static void AssertSameAsBlocks(BundleAdjustment problem, LeastSquaresResult generated, LeastSquaresResult blocks)
    {
        Assert.True(blocks.Converged, blocks.Message);
        Assert.Equal(blocks.InitialCost, generated.InitialCost, 1e-12 * blocks.InitialCost);
        Assert.True(blocks.Cost < 1e-12 * blocks.InitialCost, blocks.BriefReport());
        var r = new double[problem.ResidualCountTotal];
        problem.Residuals(generated.Solution, r);
        Assert.True(r.Max(Math.Abs) < 1e-6, $"max |r| = {r.Max(Math.Abs)} at the generated-code solution");
    }
}
