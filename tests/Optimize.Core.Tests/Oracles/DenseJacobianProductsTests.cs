using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Core.Tests.Oracles;

public class DenseJacobianProductsTests
{
    /// <summary>F(x) = A·x with A 3×2, so J = A everywhere.</summary>
    private sealed class Linear : IVectorFunction
    {
        public static readonly double[,] A = { { 1, 2 }, { -3, 4 }, { 5, -6 } };
        public int Dimension => 2;
        public int OutputDimension => 3;
        public void Evaluate(ReadOnlySpan<double> x, Span<double> value)
        {
            for (int i = 0; i < 3; i++) value[i] = A[i, 0] * x[0] + A[i, 1] * x[1];
        }
        public void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
        {
            for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) jacobian[i, j] = A[i, j];
        }
        public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result) =>
            DenseJacobianProducts.JacobianVector(this, x, p, result);
        public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result) =>
            DenseJacobianProducts.VectorJacobian(this, x, w, result);
    }

    [Fact]
    public void ProductsMultiplyTheFormedJacobian()
    {
        var f = new Linear();
        var jvp = new double[3];
        f.JacobianVector([0.5, 0.5], [2, -1], jvp);
        Assert.Equal([0, -10, 16], jvp);
        var vjp = new double[2];
        f.VectorJacobian([0.5, 0.5], [1, 1, -1], vjp);
        Assert.Equal([-7, 12], vjp);
    }

    [Fact]
    public void WrongLengthsAreNamed()
    {
        var f = new Linear();
        Assert.Equal("p", Assert.Throws<ArgumentException>(() => f.JacobianVector([0, 0], [1], new double[3])).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => f.VectorJacobian([0, 0], [1, 1, 1], new double[3])).ParamName);
    }
}
