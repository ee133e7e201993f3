using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;
using static Optimize.Core.Tests.FiniteDifferences.TestFunctions;

namespace Optimize.Core.Tests.FiniteDifferences;

public class JacobianTests
{
    /// <summary>F: ℝ³ → ℝ² with F = (x₀x₁ + sin x₂, exp(x₀) − x₁x₂²).</summary>
    private static void Small(ReadOnlySpan<double> x, Span<double> f)
    {
        f[0] = x[0] * x[1] + Math.Sin(x[2]);
        f[1] = Math.Exp(x[0]) - x[1] * x[2] * x[2];
    }

    private static readonly double[] SmallPoint = [0.3, -1.2, 0.8];

    private static Matrix<double> SmallJacobian(double[] x) => Matrix<double>.Build.DenseOfArray(new[,]
    {
        { x[1], x[0], Math.Cos(x[2]) },
        { Math.Exp(x[0]), -x[2] * x[2], -2 * x[1] * x[2] },
    });

    /// <summary>Wraps F so that every evaluation is counted.</summary>
    private sealed class Counted(VectorValueFunction inner)
    {
        public int Evaluations;
        public void Evaluate(ReadOnlySpan<double> x, Span<double> f)
        {
            Evaluations++;
            inner(x, f);
        }
    }

    [Theory]
    [InlineData(FiniteDifferenceMethod.Forward, 1e-6, 4)]
    [InlineData(FiniteDifferenceMethod.Backward, 1e-6, 4)]
    [InlineData(FiniteDifferenceMethod.Central, 1e-9, 6)]
    [InlineData(FiniteDifferenceMethod.Ridders, 1e-11, 12)]
    public void DenseJacobianMatchesTheAnalyticOneColumnByColumn(FiniteDifferenceMethod method, double tolerance, int minimumEvaluations)
    {
        var counted = new Counted(Small);
        var provider = new FiniteDifferenceVectorFunction(3, 2, counted.Evaluate, With(method));
        var jacobian = Matrix<double>.Build.Dense(2, 3);
        provider.Jacobian(SmallPoint, jacobian);
        Assert.True(RelativeError(jacobian, SmallJacobian(SmallPoint)) < tolerance);
        if (method == FiniteDifferenceMethod.Ridders) Assert.True(counted.Evaluations >= minimumEvaluations);
        else Assert.Equal(minimumEvaluations, counted.Evaluations);
    }

    [Fact]
    public void ColumnElementAndDirectionCostOneOrTwoEvaluations()
    {
        var counted = new Counted(Small);
        var provider = new FiniteDifferenceVectorFunction(3, 2, counted.Evaluate);
        var exact = SmallJacobian(SmallPoint);

        var column = new double[2];
        provider.JacobianColumn(SmallPoint, 2, column);
        Assert.Equal(2, counted.Evaluations);
        Assert.True(RelativeError(column, exact.Column(2).ToArray()) < 1e-9);

        Assert.Equal(exact[1, 0], provider.JacobianElement(SmallPoint, 1, 0), 1e-9);

        var forward = new FiniteDifferenceVectorFunction(3, 2, counted.Evaluate, With(FiniteDifferenceMethod.Forward));
        var valueAtX = new double[2];
        Small(SmallPoint, valueAtX);
        double[] p = [0.5, -1.0, 2.0];
        var product = new double[2];
        counted.Evaluations = 0;
        forward.JacobianVector(SmallPoint, valueAtX, p, product);
        Assert.Equal(1, counted.Evaluations);
        Assert.True(RelativeError(product, (exact * Vector<double>.Build.Dense(p)).ToArray()) < 1e-6);

        var central = new double[2];
        provider.JacobianVector(SmallPoint, p, central);
        Assert.True(RelativeError(central, (exact * Vector<double>.Build.Dense(p)).ToArray()) < 1e-9);
    }

    [Fact]
    public void VectorJacobianProductBuildsTheJacobianAndMultiplies()
    {
        var provider = new FiniteDifferenceVectorFunction(3, 2, Small);
        double[] w = [1.5, -0.5];
        var result = new double[3];
        provider.VectorJacobian(SmallPoint, w, result);
        var expected = (Vector<double>.Build.Dense(w) * SmallJacobian(SmallPoint)).ToArray();
        Assert.True(RelativeError(result, expected) < 1e-9);
    }

    [Fact]
    public void JacobianErrorEstimatesBoundTheActualErrors()
    {
        var provider = new FiniteDifferenceVectorFunction(3, 2, Small, With(FiniteDifferenceMethod.Ridders));
        var jacobian = Matrix<double>.Build.Dense(2, 3);
        var errors = Matrix<double>.Build.Dense(2, 3);
        provider.JacobianWithErrors(SmallPoint, jacobian, errors);
        var actual = (jacobian - SmallJacobian(SmallPoint)).PointwiseAbs();
        Assert.True(actual.Enumerate().Zip(errors.Enumerate()).All(pair => pair.First <= 10 * pair.Second + 1e-15));
        Assert.True(errors.Enumerate().Max() < 1e-10);
    }

    [Fact]
    public void TridiagonalPatternNeedsThreeColoursWhateverN()
    {
        foreach (int n in new[] { 3, 10, 1000 })
        {
            var coloring = ColumnColoring.Greedy(SparsityPattern.Banded(n, n, 1, 1));
            Assert.Equal(3, coloring.ColorCount);
            Assert.True(coloring.IsStructurallyOrthogonal());
        }
    }

    [Fact]
    public void GreedyColouringOfARandomPatternIsStructurallyOrthogonalAndUsesEveryColour()
    {
        var random = new Random(7);
        var entries = Enumerable.Range(0, 400).Select(_ => (random.Next(60), random.Next(80))).ToList();
        var pattern = SparsityPattern.FromEntries(60, 80, entries);
        var coloring = ColumnColoring.Greedy(pattern);
        Assert.True(coloring.IsStructurallyOrthogonal());
        Assert.True(coloring.ColorCount < 80);
        for (int c = 0; c < coloring.ColorCount; c++) Assert.False(coloring.ColumnsOf(c).IsEmpty);
        // The lower bound: no colouring can use fewer colours than the densest row has nonzeros.
        int densestRow = entries.Distinct().GroupBy(e => e.Item1).Max(g => g.Count());
        Assert.True(coloring.ColorCount >= densestRow);
    }

    [Fact]
    public void SparseBroydenTridiagonalJacobianIsExactWithCentralDifferencesInTwoEvaluationsPerColour()
    {
        const int n = 1000;
        var x = Spread(n, -1.0, 0.05);
        var counted = new Counted(BroydenTridiagonal);
        var options = new FiniteDifferenceOptions { Sparsity = SparsityPattern.Banded(n, n, 1, 1) };
        var provider = new FiniteDifferenceVectorFunction(n, n, counted.Evaluate, options);
        var jacobian = Matrix<double>.Build.Sparse(n, n);
        provider.Jacobian(x, jacobian);

        Assert.NotNull(provider.Coloring);
        Assert.True(provider.Coloring!.ColorCount <= 4);
        Assert.Equal(2 * provider.Coloring.ColorCount, counted.Evaluations);
        double error = (jacobian - BroydenTridiagonalJacobian(x)).Enumerate().Max(Math.Abs);
        Assert.True(error < 1e-8, $"error {error:G3}");
    }

    [Fact]
    public void SparseBroydenTridiagonalJacobianByForwardDifferencesCostsColoursPlusOneEvaluations()
    {
        const int n = 1000;
        var x = Spread(n, -1.0, 0.05);
        var counted = new Counted(BroydenTridiagonal);
        var options = new FiniteDifferenceOptions { Method = FiniteDifferenceMethod.Forward, Sparsity = SparsityPattern.Banded(n, n, 1, 1) };
        var provider = new FiniteDifferenceVectorFunction(n, n, counted.Evaluate, options);
        var jacobian = Matrix<double>.Build.Dense(n, n);
        provider.Jacobian(x, jacobian);
        Assert.True(provider.Coloring!.ColorCount <= 4);
        Assert.Equal(provider.Coloring.ColorCount + 1, counted.Evaluations);

        // Fᵢ is quadratic in xᵢ, so the forward difference errs by exactly −2hᵢ (h ≈ 1.5e−8) on the diagonal.
        double error = (jacobian - BroydenTridiagonalJacobian(x)).Enumerate().Max(Math.Abs);
        Assert.True(error < 1e-7, $"error {error:G3}");

        var valueAtX = new double[n];
        BroydenTridiagonal(x, valueAtX);
        counted.Evaluations = 0;
        provider.Jacobian(x, valueAtX, jacobian);
        Assert.Equal(provider.Coloring.ColorCount, counted.Evaluations);
    }

    [Fact]
    public void SparseVectorJacobianProductAgreesWithTheDenseOne()
    {
        const int n = 50;
        var x = Spread(n);
        var w = Spread(n, 0.3, -0.02);
        var sparse = new FiniteDifferenceVectorFunction(n, n, BroydenTridiagonal, new FiniteDifferenceOptions { Sparsity = SparsityPattern.Banded(n, n, 1, 1) });
        var result = new double[n];
        sparse.VectorJacobian(x, w, result);
        var expected = (Vector<double>.Build.Dense(w) * BroydenTridiagonalJacobian(x)).ToArray();
        Assert.True(RelativeError(result, expected) < 1e-9);
    }

    [Fact]
    public void PatternOfTheWrongShapeIsRejected()
    {
        var options = new FiniteDifferenceOptions { Sparsity = SparsityPattern.Banded(4, 5, 1, 1) };
        var e = Assert.Throws<ArgumentException>(() => new FiniteDifferenceVectorFunction(5, 5, BroydenTridiagonal, options));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("4×5", e.Message);
    }

    [Fact]
    public void WrongMatrixShapeIsRejectedWithTheArgumentsName()
    {
        var provider = new FiniteDifferenceVectorFunction(3, 2, Small);
        var e = Assert.Throws<ArgumentException>(() => provider.Jacobian(SmallPoint, Matrix<double>.Build.Dense(3, 3)));
        Assert.Equal("jacobian", e.ParamName);
    }

    [Fact]
    public void PatternFromAMatrixKeepsItsNonzeros()
    {
        var pattern = SparsityPattern.FromMatrix(BroydenTridiagonalJacobian(Spread(6)));
        Assert.Equal(3 * 6 - 2, pattern.NonZeroCount);
        Assert.True(pattern.Contains(2, 3));
        Assert.False(pattern.Contains(0, 2));
        Assert.True(SparsityPattern.Banded(6, 6, 1, 1).IsSymmetric);
        Assert.False(SparsityPattern.Banded(6, 6, 0, 1).IsSymmetric);
    }
}
