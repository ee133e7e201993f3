using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff;
using Optimize.FiniteDifferences;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;

namespace Optimize.Solvers.Tests.LeastSquares;

public class ColoredJacobianTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NoTwoColumnsOfOneColourShareARow(int seed)
    {
        var random = new Random(seed);
        var entries = Enumerable.Range(0, 400).Select(_ => (random.Next(60), random.Next(40))).ToList();
        var pattern = SparsityPattern.FromEntries(60, 40, entries);
        var coloring = ColumnColoring.Greedy(pattern);
        Assert.True(coloring.IsStructurallyOrthogonal());
        for (int color = 0; color < coloring.ColorCount; color++)
        {
            var rows = new HashSet<int>();
            foreach (int j in coloring.ColumnsOf(color))
                foreach (int i in pattern.RowsOf(j)) Assert.True(rows.Add(i), $"colour {color} has two columns in row {i}");
        }
        Assert.Equal(40, Enumerable.Range(0, coloring.ColorCount).Sum(c => coloring.ColumnsOf(c).Length));
    }

    [Fact]
    public void TridiagonalJacobianNeedsThreeJvpsAndMatchesTheDenseJacobian()
    {
        var problem = new BroydenTridiagonal(50);
        var residuals = new SumOfSquaresResiduals(problem);
        var pattern = SparsityPattern.Banded(50, 50, 1, 1);
        var colored = new ColoredJacobian(new ForwardModeVectorFunction(residuals), pattern);
        Assert.Equal(3, colored.Coloring.ColorCount);
        var x = problem.StartingPoint.Select((v, i) => v + 0.01 * i).ToArray();
        var sparse = new SparseJacobian(pattern);
        colored.Evaluate(x, sparse);
        var dense = Matrix<double>.Build.Dense(50, 50);
        residuals.Jacobian(x, dense);
        Assert.True((sparse.ToDense() - dense).FrobeniusNorm() < 1e-12);
    }

    [Fact]
    public void FiniteDifferenceJvpsRecoverTheSparseJacobian()
    {
        var problem = new BroydenBanded(30);
        var residuals = new SumOfSquaresResiduals(problem);
        var pattern = SparsityPattern.Banded(30, 30, 5, 1);
        var differences = new FiniteDifferenceVectorFunction(30, 30, residuals.Evaluate);
        var colored = new ColoredJacobian(differences, pattern);
        var sparse = new SparseJacobian(pattern);
        colored.Evaluate(problem.StartingPoint, sparse);
        var dense = Matrix<double>.Build.Dense(30, 30);
        residuals.Jacobian(problem.StartingPoint, dense);
        Assert.True((sparse.ToDense() - dense).InfinityNorm() < 1e-6);
        Assert.True(colored.Coloring.ColorCount <= 7);
    }

    [Fact]
    public void SparseProductsMatchDenseProducts()
    {
        var random = new Random(5);
        var pattern = SparsityPattern.FromEntries(20, 8, Enumerable.Range(0, 50).Select(_ => (random.Next(20), random.Next(8))));
        var sparse = new SparseJacobian(pattern);
        for (int e = 0; e < sparse.Values.Length; e++) sparse.Values[e] = random.NextDouble() - 0.5;
        var dense = sparse.ToDense();
        var v = Enumerable.Range(0, 8).Select(_ => random.NextDouble()).ToArray();
        var w = Enumerable.Range(0, 20).Select(_ => random.NextDouble()).ToArray();
        var av = new double[20];
        var atw = new double[8];
        sparse.Multiply(v, av);
        sparse.TransposeMultiply(w, atw);
        var expectedAv = dense * Vector<double>.Build.DenseOfArray(v);
        var expectedAtw = dense.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(w));
        for (int i = 0; i < 20; i++) Assert.Equal(expectedAv[i], av[i], 1e-14);
        for (int j = 0; j < 8; j++) Assert.Equal(expectedAtw[j], atw[j], 1e-14);
        var norms = new double[8];
        sparse.ColumnNorms(norms);
        for (int j = 0; j < 8; j++) Assert.Equal(dense.Column(j).L2Norm(), norms[j], 1e-14);
    }

    [Fact]
    public void PatternOfAnotherShapeIsRejected()
    {
        var residuals = new SumOfSquaresResiduals(new Bard());
        Assert.Equal("pattern", Assert.Throws<ArgumentException>(() => new ColoredJacobian(residuals, SparsityPattern.Banded(15, 4, 1, 1))).ParamName);
    }
}
