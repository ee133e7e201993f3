using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;

namespace Optimize.AutoDiff.Tests;

public class ComplexStepSparseJacobianTests
{
    /// <summary>Broyden tridiagonal, Fᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1 (MGH problem 30), counting its evaluations.</summary>
    private sealed class BroydenTridiagonal(int n) : IVectorScalarFunction
    {
        public int Evaluations { get; private set; }
        public int Dimension => n;
        public int OutputDimension => n;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> value) where T : IFloatingPointIeee754<T>
        {
            Evaluations++;
            T two = T.CreateChecked(2.0), three = T.CreateChecked(3.0);
            for (int i = 0; i < n; i++)
            {
                T left = i > 0 ? x[i - 1] : T.Zero, right = i < n - 1 ? x[i + 1] : T.Zero;
                value[i] = (three - two * x[i]) * x[i] - left - two * right + T.One;
            }
        }

        public static Matrix<double> Jacobian(double[] x)
        {
            var j = Matrix<double>.Build.Dense(x.Length, x.Length);
            for (int i = 0; i < x.Length; i++)
            {
                j[i, i] = 3 - 4 * x[i];
                if (i > 0) j[i, i - 1] = -1;
                if (i < x.Length - 1) j[i, i + 1] = -2;
            }
            return j;
        }
    }

    [Fact]
    public void BroydenTridiagonalJacobianIsExactInOneEvaluationPerColour()
    {
        const int n = 1000;
        var f = new BroydenTridiagonal(n);
        var x = Enumerable.Range(0, n).Select(i => Math.Sin(0.37 * i) - 0.5).ToArray();
        var coloring = ColumnColoring.Greedy(SparsityPattern.Banded(n, n, 1, 1));
        var jacobian = Matrix<double>.Build.Sparse(n, n);

        ComplexStep.SparseJacobian(f, x, coloring, jacobian);

        Assert.True(coloring.ColorCount <= 4, coloring.ToString());
        Assert.Equal(coloring.ColorCount, f.Evaluations);
        double error = (jacobian - BroydenTridiagonal.Jacobian(x)).Enumerate().Max(Math.Abs);
        Assert.True(error < 1e-8, $"error {error:G3}");
    }

    [Fact]
    public void ColoringOfAnotherShapeIsRejected()
    {
        var coloring = ColumnColoring.Greedy(SparsityPattern.Banded(4, 4, 1, 1));
        var error = Assert.Throws<ArgumentException>(() =>
            ComplexStep.SparseJacobian(new BroydenTridiagonal(5), new double[5], coloring, Matrix<double>.Build.Dense(5, 5)));
        Assert.Equal("coloring", error.ParamName);
        Assert.Contains("expected 5×5", error.Message);
    }
}
