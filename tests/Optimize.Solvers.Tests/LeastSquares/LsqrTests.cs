using MathNet.Numerics.LinearAlgebra;
using Optimize.Solvers.LinearAlgebra;

namespace Optimize.Solvers.Tests.LeastSquares;

public class LsqrTests
{
    private sealed class Dense(Matrix<double> a) : IRectangularOperator
    {
        public int Rows => a.RowCount;
        public int Columns => a.ColumnCount;
        public void Multiply(ReadOnlySpan<double> v, Span<double> result) => (a * Vector<double>.Build.DenseOfArray(v.ToArray())).AsArray().CopyTo(result);
        public void MultiplyTranspose(ReadOnlySpan<double> w, Span<double> result) => (a.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(w.ToArray()))).AsArray().CopyTo(result);
    }

    private static (Matrix<double> A, double[] B) System(int m, int n, int seed)
    {
        var random = new Random(seed);
        var a = Matrix<double>.Build.Dense(m, n, (_, _) => random.NextDouble() * 2 - 1);
        var b = Enumerable.Range(0, m).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        return (a, b);
    }

    [Fact]
    public void SolvesAnOverdeterminedSystemAsADenseQrSolve()
    {
        var (a, b) = System(40, 12, 3);
        var x = new double[12];
        var result = Lsqr.Solve(new Dense(a), b, x, absoluteTolerance: 1e-12, relativeTolerance: 1e-12, maximumIterations: 200);
        var expected = a.QR().Solve(Vector<double>.Build.DenseOfArray(b));
        Assert.True(result.Converged, $"istop {result.Stop}");
        for (int j = 0; j < 12; j++) Assert.Equal(expected[j], x[j], 1e-9);
        Assert.Equal((a * expected - Vector<double>.Build.DenseOfArray(b)).L2Norm(), result.ResidualNorm, 1e-9);
    }

    [Fact]
    public void DampingSolvesTheRegularizedNormalEquations()
    {
        var (a, b) = System(25, 10, 7);
        const double lambda = 0.7;
        var x = new double[10];
        Lsqr.Solve(new Dense(a), b, x, damping: lambda, absoluteTolerance: 1e-12, relativeTolerance: 1e-12, maximumIterations: 200);
        var normal = a.TransposeThisAndMultiply(a) + lambda * lambda * Matrix<double>.Build.DenseIdentity(10);
        var expected = normal.Cholesky().Solve(a.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(b)));
        for (int j = 0; j < 10; j++) Assert.Equal(expected[j], x[j], 1e-9);
    }

    [Fact]
    public void ZeroRightHandSideGivesZero()
    {
        var (a, _) = System(5, 3, 1);
        var x = new double[] { 1, 1, 1 };
        var result = Lsqr.Solve(new Dense(a), new double[5], x);
        Assert.Equal(0, result.Stop);
        Assert.All(x, v => Assert.Equal(0, v));
    }
}
