using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Solvers.LinearAlgebra;

namespace Optimize.Solvers.Tests.LinearAlgebra;

public class SymmetricFactorizationTests
{
    private static DenseMatrix RandomSpd(int n, int seed)
    {
        var random = new Random(seed);
        var a = DenseMatrix.Create(n, n, (_, _) => random.NextDouble() - 0.5);
        return (DenseMatrix)(a * a.Transpose() + DenseMatrix.CreateIdentity(n));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(60)]
    public void SolvesPositiveDefiniteSystems(int n)
    {
        var b = RandomSpd(n, n);
        var rhs = DenseVector.Create(n, i => Math.Sin(i + 1));
        var factorization = new SymmetricFactorization(n);
        Assert.True(factorization.TryFactor(b, 0));
        var x = rhs.ToArray();
        factorization.Solve(x);
        var residual = b * DenseVector.OfArray(x) - rhs;
        Assert.True(residual.L2Norm() <= 1e-10 * rhs.L2Norm());
    }

    [Fact]
    public void RefusesAnIndefiniteMatrixAndShiftsIt()
    {
        var b = DenseMatrix.OfArray(new double[,] { { 1, 2 }, { 2, 1 } });
        var factorization = new SymmetricFactorization(2);
        Assert.False(factorization.TryFactor(b, 0));
        Assert.True(factorization.FactorWithAddedIdentity(b));
        // Eigenvalues −1 and 3: the shift must exceed 1.
        Assert.True(factorization.Shift > 1);
    }

    [Fact]
    public void RefusesANonFiniteMatrix()
    {
        var b = DenseMatrix.OfArray(new double[,] { { double.NaN, 0 }, { 0, 1 } });
        Assert.False(new SymmetricFactorization(2).FactorWithAddedIdentity(b));
    }

    [Fact]
    public void SymmetricProductMatchesMathNet()
    {
        var b = RandomSpd(9, 3);
        var v = DenseVector.Create(9, i => i - 4.0);
        var result = new double[9];
        MatrixOperator.MultiplySymmetric(b, v.ToArray(), result);
        var expected = b * v;
        for (int i = 0; i < 9; i++) Assert.Equal(expected[i], result[i], 1e-12);
    }
}
