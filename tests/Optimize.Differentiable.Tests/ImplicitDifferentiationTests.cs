using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff;
using Optimize.Differentiable.Implicit;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace Optimize.Differentiable.Tests;

public sealed class ImplicitDifferentiationTests
{
    /// <summary>F(x, θ) = (θ₀ cos x₂ + 0.2 x₁, 0.3 θ₁ sin x₁ + θ₂): a contraction for the θ used here.</summary>
    private sealed class Contraction : IFixedPointMap
    {
        public int StateDimension => 2;

        public int ParameterDimension => 3;

        public void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> image) where T : IFloatingPointIeee754<T>
        {
            image[0] = p[0] * T.Cos(x[1]) + T.CreateChecked(0.2) * x[0];
            image[1] = T.CreateChecked(0.3) * p[1] * T.Sin(x[0]) + p[2];
        }
    }

    /// <summary>g(x, θ) = (x₁³ + θ₀x₁ + x₂ − θ₁, θ₂x₂ + sin x₁ − 1).</summary>
    private sealed class Cubic : IImplicitSystem
    {
        public int StateDimension => 2;

        public int ParameterDimension => 3;

        public void Residual<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> g) where T : IFloatingPointIeee754<T>
        {
            g[0] = x[0] * x[0] * x[0] + p[0] * x[0] + x[1] - p[1];
            g[1] = p[2] * x[1] + T.Sin(x[0]) - T.One;
        }
    }

    private static readonly double[] ContractionParameters = [0.5, 0.8, 0.1];
    private static readonly double[] CubicParameters = [1.5, 2.0, 3.0];

    private static double[] FixedPointOf(double[] theta)
    {
        var x = new double[2];
        Assert.True(RootSolvers.FixedPoint(new Contraction(), theta, x).Converged);
        return x;
    }

    private static double[] NewtonRootOf(double[] theta)
    {
        double[] x = [0.5, 0.5];
        Assert.True(RootSolvers.Newton(new Cubic(), theta, x).Converged);
        return x;
    }

    /// <summary>∂x*/∂θ by differentiating through the unrolled fixed-point iterations in reverse mode.</summary>
    private static Matrix<double> UnrolledFixedPointJacobian(double[] theta, int iterations)
    {
        var tape = Tape.ForCurrentThread;
        var inputs = new Variable[3];
        Variable[] x = new Variable[2], image = new Variable[2];
        try
        {
            tape.Begin();
            tape.Inputs(theta, inputs);
            for (int k = 0; k < iterations; k++)
            {
                new Contraction().Apply<Variable>(x, inputs, image);
                (x, image) = (image, x);
            }
        }
        finally { tape.End(); }
        return Matrix<double>.Build.DenseOfArray(Numerical.TapeRows(x));
    }

    /// <summary>∂x*/∂θ through unrolled Newton iterations, with ∂g/∂x formed by forward over reverse (Dual&lt;Variable&gt;).</summary>
    private static Matrix<double> UnrolledNewtonJacobian(double[] theta, int iterations)
    {
        var tape = Tape.ForCurrentThread;
        var p = new Variable[3];
        Variable[] x = [0.5, 0.5];
        try
        {
            tape.Begin();
            tape.Inputs(theta, p);
            var pd = new Dual<Variable>[3];
            for (int j = 0; j < 3; j++) pd[j] = new(p[j], Variable.Constant(0));
            var g = new Dual<Variable>[2];
            var column = new Variable[2, 2];
            Variable[] residual = new Variable[2];
            for (int k = 0; k < iterations; k++)
            {
                for (int c = 0; c < 2; c++)
                {
                    Dual<Variable>[] xd = [new(x[0], c == 0 ? 1.0 : 0.0), new(x[1], c == 1 ? 1.0 : 0.0)];
                    new Cubic().Residual<Dual<Variable>>(xd, pd, g);
                    column[0, c] = g[0].Tangent;
                    column[1, c] = g[1].Tangent;
                    residual[0] = g[0].Value;
                    residual[1] = g[1].Value;
                }
                // Cramer's rule for the 2×2 Newton step.
                Variable det = column[0, 0] * column[1, 1] - column[0, 1] * column[1, 0];
                Variable d0 = (residual[0] * column[1, 1] - column[0, 1] * residual[1]) / det;
                Variable d1 = (column[0, 0] * residual[1] - residual[0] * column[1, 0]) / det;
                x = [x[0] - d0, x[1] - d1];
            }
        }
        finally { tape.End(); }
        return Matrix<double>.Build.DenseOfArray(Numerical.TapeRows(x));
    }

    private static Matrix<double> CentralDifferenceJacobian(Func<double[], double[]> root, double[] theta)
    {
        var result = Matrix<double>.Build.Dense(2, theta.Length);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < theta.Length; j++)
                result[i, j] = Numerical.CentralDifference(z => root(z)[i], theta, j, 1e-6);
        return result;
    }

    private static void AssertClose(Matrix<double> expected, Matrix<double> actual, double tolerance)
    {
        for (int i = 0; i < expected.RowCount; i++)
            for (int j = 0; j < expected.ColumnCount; j++)
                Assert.Equal(expected[i, j], actual[i, j], tolerance * Math.Max(1, Math.Abs(expected[i, j])));
    }

    [Fact]
    public void FixedPointSensitivityMatchesUnrolledIterationsAndFiniteDifferences()
    {
        var theta = ContractionParameters;
        var root = FixedPointOf(theta);
        var implicitJacobian = Matrix<double>.Build.Dense(2, 3);
        var system = new FixedPointResidual(new Contraction());
        Assert.Equal(ImplicitDerivativeStatus.Solved, ImplicitDifferentiation.Jacobian(system, root, theta, implicitJacobian));
        AssertClose(UnrolledFixedPointJacobian(theta, 200), implicitJacobian, 1e-10);
        AssertClose(CentralDifferenceJacobian(FixedPointOf, theta), implicitJacobian, 1e-7);
        // A few unrolled iterations are far off: the implicit derivative is that of the converged limit.
        Assert.True((UnrolledFixedPointJacobian(theta, 3) - implicitJacobian).FrobeniusNorm() > 1e-3);
    }

    [Fact]
    public void NewtonRootSensitivityMatchesUnrolledNewtonAndFiniteDifferences()
    {
        var theta = CubicParameters;
        var root = NewtonRootOf(theta);
        var implicitJacobian = Matrix<double>.Build.Dense(2, 3);
        Assert.Equal(ImplicitDerivativeStatus.Solved, ImplicitDifferentiation.Jacobian(new Cubic(), root, theta, implicitJacobian));
        AssertClose(UnrolledNewtonJacobian(theta, 30), implicitJacobian, 1e-10);
        AssertClose(CentralDifferenceJacobian(NewtonRootOf, theta), implicitJacobian, 1e-7);
    }

    [Fact]
    public void JvpAndVjpFormsAgreeWithTheSensitivityMatrix()
    {
        var theta = CubicParameters;
        var root = NewtonRootOf(theta);
        var jacobian = Matrix<double>.Build.Dense(2, 3);
        ImplicitDifferentiation.Jacobian(new Cubic(), root, theta, jacobian);
        double[] direction = [0.3, -1.2, 0.7], cotangent = [2.0, -0.5];
        var jvp = new double[2];
        var vjp = new double[3];
        Assert.Equal(ImplicitDerivativeStatus.Solved, ImplicitDifferentiation.Jvp(new Cubic(), root, theta, direction, jvp));
        Assert.Equal(ImplicitDerivativeStatus.Solved, ImplicitDifferentiation.Vjp(new Cubic(), root, theta, cotangent, vjp));
        var expectedJvp = jacobian * Vector.Build.Dense(direction);
        var expectedVjp = jacobian.TransposeThisAndMultiply(Vector.Build.Dense(cotangent));
        for (int i = 0; i < 2; i++) Assert.Equal(expectedJvp[i], jvp[i], 1e-13);
        for (int j = 0; j < 3; j++) Assert.Equal(expectedVjp[j], vjp[j], 1e-13);
    }

    /// <summary>A program around the root: L(θ) = x₁*² + θ₀x₂* + sin(x₁* x₂*), x* from Newton.</summary>
    private sealed class ProgramWithRoot(ImplicitRoot root) : IScalarFunction
    {
        public int Dimension => 3;

        public T Evaluate<T>(ReadOnlySpan<T> theta) where T : IFloatingPointIeee754<T>
        {
            Span<T> x = new T[2];
            root.Evaluate(theta, x);
            return x[0] * x[0] + theta[0] * x[1] + T.Sin(x[0] * x[1]);
        }
    }

    [Fact]
    public void ImplicitRootInsideALargerProgramDifferentiatesWithoutTapingIterations()
    {
        var root = new ImplicitRoot(new Cubic(), [0.5, 0.5]);
        var program = new ProgramWithRoot(root);
        double[] theta = CubicParameters;
        var gradient = new double[3];
        double value = ReverseMode.ValueAndGradient(program, theta, gradient);
        Assert.True(root.LastResult.Converged);
        Assert.Equal(program.Evaluate<double>(theta), value, 1e-14);
        // The root enters the tape as one short chain per output, not as Newton iterations.
        Assert.True(Tape.ForCurrentThread.NodeCount < 40);
        Numerical.AssertMatchesCentralDifferences(z => program.Evaluate<double>(z), theta, gradient, 1e-6, 1e-7);
        double[] direction = [1.0, 0.5, -0.25];
        ForwardMode.ValueAndJvp(program, theta, direction, out double jvp);
        Assert.Equal(gradient[0] + 0.5 * gradient[1] - 0.25 * gradient[2], jvp, 1e-12);
    }

    /// <summary>g(x, θ) = x² − θ: at θ = 0 the root x = 0 has ∂g/∂x = 0.</summary>
    private sealed class Square : IImplicitSystem
    {
        public int StateDimension => 1;

        public int ParameterDimension => 1;

        public void Residual<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> g) where T : IFloatingPointIeee754<T> => g[0] = x[0] * x[0] - p[0];
    }

    [Fact]
    public void SingularJacobiansAndFailedSolvesAreReportedNotHidden()
    {
        var sensitivity = Matrix<double>.Build.Dense(1, 1);
        Assert.Equal(ImplicitDerivativeStatus.SingularJacobian, ImplicitDifferentiation.Jacobian(new Square(), [0.0], [0.0], sensitivity));
        Assert.True(double.IsNaN(sensitivity[0, 0]));
        var vjp = new double[1];
        Assert.Equal(ImplicitDerivativeStatus.SingularJacobian, ImplicitDifferentiation.Vjp(new Square(), [0.0], [0.0], [1.0], vjp));

        // x² = −1 has no real root: Newton does not converge and the layer yields NaN.
        double[] x = [0.3];
        var result = RootSolvers.Newton(new Square(), [-1.0], x, new RootOptions { MaximumIterations = 40 });
        Assert.False(result.Converged);
        var layer = new ImplicitRoot(new Square(), [0.3]);
        var output = new double[1];
        layer.Evaluate<double>([-1.0], output);
        Assert.True(double.IsNaN(output[0]));
        Assert.False(layer.LastResult.Converged);

        Assert.Throws<ArgumentException>(() => RootSolvers.Newton(new Square(), [1.0, 2.0], x));
    }
}
