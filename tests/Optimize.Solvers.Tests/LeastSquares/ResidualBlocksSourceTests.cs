using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff.Separable;
using Optimize.FiniteDifferences;
using Optimize.Solvers.LeastSquares;

namespace Optimize.Solvers.Tests.LeastSquares;

/// <summary>Residual blocks as the Jacobian's source for Levenberg–Marquardt and the trust-region reflective method.</summary>
public class ResidualBlocksSourceTests
{
    private const int N = 8;
    private static readonly double[] Start = [-1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1];

    /// <summary>Extended Rosenbrock (Moré, Garbow &amp; Hillstrom 1981, problem 21) as N/2 blocks of two residuals, each reading two variables.</summary>
    private readonly struct RosenbrockBlocks : IResidualBlocks
    {
        private static readonly int[] Indices = Enumerable.Range(0, N).ToArray();
        public int Dimension => N;
        public int BlockCount => N / 2;
        public ReadOnlySpan<int> BlockVariables(int block) => Indices.AsSpan(2 * block, 2);
        public int ResidualCount(int block) => 2;

        public void EvaluateBlock<T>(int block, ReadOnlySpan<T> x, Span<T> residuals) where T : IFloatingPointIeee754<T>
        {
            residuals[0] = T.CreateChecked(10) * (x[1] - x[0] * x[0]);
            residuals[1] = T.One - x[0];
        }
    }

    /// <summary>The same residuals with the Jacobian written by hand.</summary>
    private static Oracles.IVectorFunction HandCoded() => ResidualFunction.Create(N, N,
        x =>
        {
            var r = new double[N];
            for (int i = 0; i < N; i += 2) (r[i], r[i + 1]) = (10 * (x[i + 1] - x[i] * x[i]), 1 - x[i]);
            return r;
        },
        x =>
        {
            var j = new double[N, N];
            for (int i = 0; i < N; i += 2) (j[i, i], j[i, i + 1], j[i + 1, i]) = (-20 * x[i], 10, -1);
            return j;
        });

    [Fact]
    public void BlocksGiveTheHandCodedJacobian()
    {
        var blocks = new ResidualBlocksFunction<RosenbrockBlocks>(default);
        var x = Start.Select((v, i) => v + 0.1 * i).ToArray();
        var fromBlocks = Matrix<double>.Build.Dense(N, N);
        var byHand = Matrix<double>.Build.Dense(N, N);
        blocks.Jacobian(x, fromBlocks);
        HandCoded().Jacobian(x, byHand);
        Assert.True((fromBlocks - byHand).InfinityNorm() < 1e-12);
    }

    [Theory]
    [InlineData(LevenbergMarquardt.MethodName)]
    [InlineData(TrustRegionReflective.MethodName)]
    public void SolverReachesTheHandCodedMinimumThroughBlocks(string method)
    {
        Func<Oracles.IVectorFunction, LeastSquaresResult> solve = method == LevenbergMarquardt.MethodName
            ? f => new LevenbergMarquardt().Solve(f, Start)
            : f => new TrustRegionReflective().Solve(f, Start);
        var viaBlocks = solve(new ResidualBlocksFunction<RosenbrockBlocks>(default));
        var viaHand = solve(HandCoded());
        Assert.Equal(method, viaBlocks.Method);
        AssertSameMinimum(viaBlocks, viaHand);
    }

    [Fact]
    public void BlockPatternIsTheJacobiansStructure()
    {
        var pattern = ResidualBlockSparsity.Of(default(RosenbrockBlocks));
        Assert.Equal((N, N), (pattern.Rows, pattern.Columns));
        Assert.Equal(N / 2 * 4, pattern.NonZeroCount); // two rows of two entries per block
        var j = Matrix<double>.Build.Dense(N, N);
        HandCoded().Jacobian(Start, j);
        foreach (var (row, column, value) in j.EnumerateIndexed(MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip))
            if (value != 0) Assert.True(pattern.Contains(row, column), $"J[{row}, {column}] = {value} is outside the pattern");
    }

    [Fact]
    public void SparseTrustRegionReflectiveUsesTheBlocksPattern()
    {
        var blocks = new ResidualBlocksFunction<RosenbrockBlocks>(default);
        var pattern = ResidualBlockSparsity.Of(default(RosenbrockBlocks));
        Assert.Equal(2, new ColoredJacobian(blocks, pattern).Coloring.ColorCount);
        var sparse = new TrustRegionReflective(new TrustRegionReflectiveOptions { Sparsity = pattern }).Solve(blocks, Start);
        var dense = new TrustRegionReflective().Solve(HandCoded(), Start);
        Assert.True(sparse.Converged, sparse.Message);
        Assert.True(sparse.Cost < 1e-12, sparse.BriefReport());
        for (int i = 0; i < N; i++) Assert.Equal(dense.Solution[i], sparse.Solution[i], 1e-5);
    }

    [Fact]
    public void BlockPatternRejectsABlockReadingAMissingVariable()
    {
        var error = Assert.Throws<ArgumentException>(() => ResidualBlockSparsity.Of(new OutOfRange()));
        Assert.Equal("blocks", error.ParamName);
    }

    private readonly struct OutOfRange : IResidualBlocks
    {
        private static readonly int[] Indices = [0, 3];
        public int Dimension => 2;
        public int BlockCount => 1;
        public ReadOnlySpan<int> BlockVariables(int block) => Indices;
        public int ResidualCount(int block) => 1;
        public void EvaluateBlock<T>(int block, ReadOnlySpan<T> x, Span<T> residuals) where T : IFloatingPointIeee754<T> => residuals[0] = x[0] + x[1];
    }

    private static void AssertSameMinimum(LeastSquaresResult viaBlocks, LeastSquaresResult viaHand)
    {
        Assert.True(viaBlocks.Converged, viaBlocks.Message);
        Assert.True(viaHand.Converged, viaHand.Message);
        Assert.True(viaBlocks.Cost < 1e-12, viaBlocks.BriefReport());
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(1, viaBlocks.Solution[i], 1e-6);
            Assert.Equal(viaHand.Solution[i], viaBlocks.Solution[i], 1e-8);
        }
    }
}
