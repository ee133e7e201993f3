using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff.Reverse;
using Optimize.AutoDiff.Sparsity;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;
using Optimize.Solvers.SecondOrder;
using Optimize.Sparsity;
using Xunit;

namespace Optimize.AutoDiff.Tests;

public class SparseHessianTests
{
    /// <summary>A pentadiagonal, non-separable function: Σ xᵢ²xᵢ₊₁ + sin(xᵢ − xᵢ₊₂) + exp(xᵢ/4).</summary>
    private sealed class Pentadiagonal(int dimension) : IScalarFunction
    {
        public int Dimension => dimension;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero, quarter = T.CreateChecked(0.25);
            for (int i = 0; i < x.Length; i++)
            {
                sum += T.Exp(quarter * x[i]);
                if (i + 1 < x.Length) sum += x[i] * x[i] * x[i + 1];
                if (i + 2 < x.Length) sum += T.Sin(x[i] - x[i + 2]);
            }
            return sum;
        }
    }

    /// <summary>A partially separable sum of terms on index triples (i, i + 1, (7i + 3) mod n) with a quotient and a power.</summary>
    private sealed class ScatteredTriples(int dimension) : IScalarFunction
    {
        public int Dimension => dimension;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero, two = T.CreateChecked(2);
            for (int i = 0; i + 1 < x.Length; i += 3)
            {
                T a = x[i], b = x[i + 1], c = x[(7 * i + 3) % x.Length];
                sum += a / (two + b * b) + T.Pow(c * c + T.One, T.CreateChecked(1.5)) - T.Abs(a - c);
            }
            return sum;
        }
    }

    private static double[] Point(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
    }

    private static Matrix<double> DenseHessian(IScalarFunction f, double[] x)
    {
        var dense = Matrix<double>.Build.Dense(f.Dimension, f.Dimension);
        ReverseMode.Hessian(f, x, dense);
        return dense;
    }

    [Fact]
    public void DetectsTheTridiagonalPatternOfGinzburgLandau()
    {
        var problem = new GinzburgLandau1D(40);
        SparsityPattern pattern = HessianSparsity.Detect(problem, problem.StartingPoint);
        SparsityPattern band = SparsityPattern.Banded(40, 40, 1, 1);
        Assert.Equal(band.NonZeroCount, pattern.NonZeroCount);
        for (int j = 0; j < 40; j++) Assert.True(band.RowsOf(j).SequenceEqual(pattern.RowsOf(j)), $"column {j}");
    }

    [Fact]
    public void DetectsTheTwoByTwoBlocksOfExtendedRosenbrock()
    {
        var problem = new ExtendedRosenbrock(10);
        SparsityPattern pattern = HessianSparsity.Detect(problem, problem.StartingPoint);
        Assert.Equal(20, pattern.NonZeroCount);
        for (int i = 0; i < 10; i += 2)
        {
            Assert.True(pattern.Contains(i, i + 1));
            Assert.True(pattern.Contains(i + 1, i));
        }
        Assert.False(pattern.Contains(1, 2));
    }

    [Fact]
    public void DetectedPatternsContainEveryNonzeroOfTheDenseHessian()
    {
        foreach (IScalarFunction f in new IScalarFunction[] { new Pentadiagonal(12), new ScatteredTriples(15), new GinzburgLandau1D(9) })
        {
            double[] x = Point(f.Dimension, 3);
            SparsityPattern pattern = HessianSparsity.Detect(f, x);
            Matrix<double> dense = DenseHessian(f, x);
            for (int i = 0; i < f.Dimension; i++)
                for (int j = 0; j < f.Dimension; j++)
                    if (dense[i, j] != 0) Assert.True(pattern.Contains(i, j), $"{f.GetType().Name}: ({i}, {j}) = {dense[i, j]} missing");
        }
    }

    [Fact]
    public void SparseHessianEqualsTheDenseOneOnBandedAndPartiallySeparableProblems()
    {
        IScalarFunction[] functions =
            [new GinzburgLandau1D(30), new ExtendedRosenbrock(20), new Pentadiagonal(25), new ScatteredTriples(24)];
        foreach (IScalarFunction f in functions)
        {
            double[] x = Point(f.Dimension, 7);
            SparsityPattern pattern = HessianSparsity.Detect(f, x);
            var coloring = StarColoring.Compute(pattern);
            var sparse = new SparseSymmetricMatrix(pattern);
            HessianSparsity.Hessian(f, x, coloring, sparse);
            Matrix<double> dense = DenseHessian(f, x);
            Support.Close(dense, sparse.ToDense(), 1e-12, f.GetType().Name);
            Assert.True(coloring.ColorCount < f.Dimension, $"{f.GetType().Name}: {coloring.ColorCount} colours");
        }
    }

    [Fact]
    public void SparseHessianFromAnOracleEqualsTheHandCodedHessian()
    {
        var problem = new GinzburgLandau1D(50);
        double[] x = Point(50, 11);
        var coloring = StarColoring.Compute(SparsityPattern.Banded(50, 50, 1, 1));
        var sparse = new SparseSymmetricMatrix(coloring.Pattern);
        HessianSparsity.Hessian((IHessianVectorObjective)problem, x, coloring, sparse);
        var dense = Matrix<double>.Build.Dense(50, 50);
        problem.Hessian(x, dense);
        Support.Close(dense, sparse.ToDense(), 1e-12);
    }

    /// <summary>Every structurally nonzero hᵢⱼ (i ≠ j) is alone in its row of B: colour(j) unique among i's neighbours, or colour(i) among j's.</summary>
    private static void AssertRecoverable(SparsityPattern pattern, int[] colors)
    {
        int n = pattern.Columns;
        bool Unique(int row, int vertex)
        {
            foreach (int k in pattern.RowsOf(row))
                if (k != row && k != vertex && colors[k] == colors[vertex]) return false;
            return true;
        }
        for (int j = 0; j < n; j++)
            foreach (int i in pattern.RowsOf(j))
            {
                if (i == j) continue;
                Assert.NotEqual(colors[i], colors[j]);
                Assert.True(Unique(i, j) || Unique(j, i), $"h[{i},{j}] is not recoverable");
            }
    }

    /// <summary>No path on four vertices v–w–x–y uses only two colours (the definition of a star colouring).</summary>
    private static void AssertNoTwoColouredPathOnFourVertices(SparsityPattern pattern, int[] colors)
    {
        for (int w = 0; w < pattern.Columns; w++)
            foreach (int x in pattern.RowsOf(w))
            {
                if (x == w) continue;
                foreach (int v in pattern.RowsOf(w))
                {
                    if (v == w || v == x || colors[v] != colors[x]) continue;
                    foreach (int y in pattern.RowsOf(x))
                        Assert.False(y != x && y != w && y != v && colors[y] == colors[w], $"path {v}–{w}–{x}–{y} has two colours");
                }
            }
    }

    private static SparsityPattern RandomSymmetricPattern(int n, double density, int seed)
    {
        var random = new Random(seed);
        var entries = new List<(int, int)>();
        for (int i = 0; i < n; i++)
        {
            entries.Add((i, i));
            for (int j = i + 1; j < n; j++)
                if (random.NextDouble() < density)
                {
                    entries.Add((i, j));
                    entries.Add((j, i));
                }
        }
        return SparsityPattern.FromEntries(n, n, entries);
    }

    [Theory]
    [InlineData(30, 0.05, 1)]
    [InlineData(30, 0.2, 2)]
    [InlineData(60, 0.08, 3)]
    [InlineData(80, 0.03, 4)]
    [InlineData(12, 0.9, 5)]
    public void StarColouringOfRandomPatternsIsValid(int n, double density, int seed)
    {
        SparsityPattern pattern = RandomSymmetricPattern(n, density, seed);
        var coloring = StarColoring.Compute(pattern);
        int[] colors = coloring.Colors.ToArray();
        AssertRecoverable(pattern, colors);
        AssertNoTwoColouredPathOnFourVertices(pattern, colors);
        Assert.Equal(coloring.ColorCount, colors.Max() + 1);
        // Recovery from exact products of a random matrix on the pattern gives the matrix back.
        var random = new Random(seed);
        var matrix = new SparseSymmetricMatrix(pattern);
        for (int j = 0; j < n; j++)
            for (int e = 0; e < pattern.RowsOf(j).Length; e++)
            {
                int i = pattern.RowsOf(j)[e];
                if (i <= j) continue;
                double value = random.NextDouble() - 0.5;
                matrix.Values[pattern.ColumnStart(j) + e] = value;
                matrix.Values[pattern.ColumnStart(i) + pattern.RowsOf(i).BinarySearch(j)] = value;
            }
        for (int j = 0; j < n; j++) matrix.Values[pattern.ColumnStart(j) + pattern.RowsOf(j).BinarySearch(j)] = j + 1;
        var compressed = new double[n * coloring.ColorCount];
        var seedVector = new double[n];
        for (int c = 0; c < coloring.ColorCount; c++)
        {
            coloring.Seed(c, seedVector);
            matrix.Multiply(seedVector, compressed.AsSpan(c * n, n));
        }
        var recovered = new SparseSymmetricMatrix(pattern);
        coloring.Recover(compressed, recovered);
        Assert.Equal(matrix.Values.ToArray(), recovered.Values.ToArray());
    }

    [Fact]
    public void ColouringTheTridiagonalPatternUsesThreeColours()
    {
        var coloring = StarColoring.Compute(SparsityPattern.Banded(1000, 1000, 1, 1));
        Assert.Equal(3, coloring.ColorCount);
        AssertRecoverable(coloring.Pattern, coloring.Colors.ToArray());
    }

    [Fact]
    public void BandedProblemWithHundredThousandVariablesNeedsAtMostTenHessianVectorProducts()
    {
        const int n = 100_000;
        var problem = new GinzburgLandau1D(n);
        double[] x = Point(n, 5);
        SparsityPattern pattern = HessianSparsity.Detect(problem, x);
        var coloring = StarColoring.Compute(pattern);
        Assert.True(coloring.ColorCount <= 10, $"{coloring.ColorCount} colours");
        var counted = CountingObjective.Wrap((IHessianVectorObjective)problem);
        var sparse = new SparseSymmetricMatrix(pattern);
        HessianSparsity.Hessian(counted, x, coloring, sparse);
        Assert.Equal(coloring.ColorCount, counted.Counts.HessianVectors);
        Assert.True(counted.Counts.HessianVectors <= 10);
        // Against the hand-coded tridiagonal Hessian, entry by entry.
        double h = problem.Length / (n + 1);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(2 / h + h * (3 * x[i] * x[i] - 1), sparse[i, i], 1e-12 * (2 / h));
            if (i + 1 < n) Assert.Equal(-1 / h, sparse[i, i + 1], 1e-12 * (2 / h));
        }
    }

    [Fact]
    public void TracerOperationsOutsideDetectionThrow()
    {
        var tracer = HessianSparsityTracer.Constant(2);
        Assert.True(tracer.IsConstant);
        Assert.Equal(4, (tracer * tracer).Value);
        Exception error = Assert.Throws<InvalidOperationException>(() => DetectOutside());
        Assert.Contains("HessianSparsity.Detect", error.Message);
    }

    private static HessianSparsityTracer DetectOutside()
    {
        // An input made inside a detection, used after it ended.
        HessianSparsityTracer kept = default;
        HessianSparsity.Detect(new Capture(t => kept = t), [1.0]);
        return kept * kept;
    }

    private sealed class Capture(Action<HessianSparsityTracer> keep) : IScalarFunction
    {
        public int Dimension => 1;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            if (x[0] is HessianSparsityTracer tracer) keep(tracer);
            return x[0];
        }
    }

    [Fact]
    public void ColouringRejectsAnUnsymmetricPattern()
    {
        SparsityPattern pattern = SparsityPattern.FromEntries(3, 3, [(0, 0), (1, 0), (1, 1), (2, 2)]);
        Exception error = Assert.Throws<ArgumentException>(() => StarColoring.Compute(pattern));
        Assert.Contains("symmetric", error.Message);
    }

    [Fact]
    public void SparseCholeskySolvesBandedAndIndefiniteSystems()
    {
        const int n = 60;
        SparsityPattern pattern = SparsityPattern.Banded(n, n, 3, 3);
        var random = new Random(9);
        var matrix = new SparseSymmetricMatrix(pattern);
        var dense = Matrix<double>.Build.Dense(n, n);
        for (int j = 0; j < n; j++)
            for (int i = Math.Max(0, j - 3); i < j; i++) dense[i, j] = dense[j, i] = random.NextDouble() - 0.5;
        for (int i = 0; i < n; i++) dense[i, i] = 4 + random.NextDouble();
        void Fill()
        {
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<int> rows = pattern.RowsOf(j);
                for (int e = 0; e < rows.Length; e++) matrix.Values[pattern.ColumnStart(j) + e] = dense[rows[e], j];
            }
        }
        Fill();
        var cholesky = new SparseCholesky(pattern);
        Assert.True(cholesky.FactorWithAddedDiagonal(matrix));
        Assert.Equal(0, cholesky.Shift);
        double[] b = Point(n, 2), solution = (double[])b.Clone();
        cholesky.Solve(solution);
        var residual = dense * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(solution)
            - MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(b);
        Assert.True(residual.L2Norm() < 1e-12, $"residual {residual.L2Norm()}");
        // Indefinite: a shift is added and the factor is of a positive definite matrix.
        dense[10, 10] = -3;
        Fill();
        Assert.True(cholesky.FactorWithAddedDiagonal(matrix));
        Assert.True(cholesky.Shift > 0);
        matrix.Values[0] = double.NaN;
        Assert.False(cholesky.FactorWithAddedDiagonal(matrix));
    }

    [Fact]
    public void SparseNewtonConvergesOnGinzburgLandauWithTheDetectedPattern()
    {
        var problem = new GinzburgLandau1D(2000);
        var options = new SparseNewtonOptions { HessianPattern = HessianSparsity.Detect(problem, problem.StartingPoint) };
        MinimizationResult result = new SparseNewton(options).Minimize(problem, problem.StartingPoint,
            new DriverOptions { GradientTolerance = 1e-8, RelativeGradientTolerance = 0, ScaledGradientTolerance = 0 });
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.True(result.GradientNorm <= 1e-8);
        Assert.Equal(3, result.Diagnostics["colours"]);
        Assert.Equal(3 * result.Iterations, result.Evaluations.HessianVectors);
        // The domain wall is odd about the middle: u(−x) = −u(x).
        Assert.Equal(-result.Minimizer[0], result.Minimizer[^1], 1e-8);
    }

    [Fact]
    public void SparseNewtonFromTheRegistryMinimizesExtendedRosenbrock()
    {
        var problem = new ExtendedRosenbrock(100);
        MinimizationMethod method = MinimizationMethods.Get("sparse-newton")
            .WithOptions(new SparseNewtonOptions { HessianPattern = HessianSparsity.Detect(problem, problem.StartingPoint) });
        MinimizationResult result = method.Minimize(problem, problem.StartingPoint, new DriverOptions { GradientTolerance = 1e-10 });
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.All(result.Minimizer, value => Assert.Equal(1, value, 1e-8));
        Assert.Equal(2, result.Diagnostics["colours"]);
    }

    [Fact]
    public void SparseNewtonWithoutAPatternTakesTheHessianDense()
    {
        var problem = new ExtendedRosenbrock(6);
        MinimizationResult result = new SparseNewton().Minimize(problem, problem.StartingPoint, new DriverOptions { GradientTolerance = 1e-10 });
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Equal(6, result.Diagnostics["colours"]);
    }

    [Fact]
    public void SparseNewtonRejectsAPatternOfTheWrongSize()
    {
        var problem = new ExtendedRosenbrock(6);
        var options = new SparseNewtonOptions { HessianPattern = SparsityPattern.Banded(4, 4, 1, 1) };
        Exception error = Assert.Throws<ArgumentException>(() => new SparseNewton(options).Minimize(problem, problem.StartingPoint));
        Assert.Contains("6×6", error.Message);
    }
}
