using Optimize.AutoDiff.Reverse;
using static Optimize.Optimization;

namespace Optimize.Tests;

public class DerivativesTests
{
    private static readonly double[] X = Rosenbrock.Start;
    private static readonly double[] V = [1.0, 2.0];

    private static void Close(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale, $"entry {i}: {actual[i]} against {expected[i]}");
    }

    private static void Close(double[,] expected, MathNet.Numerics.LinearAlgebra.Matrix<double> actual, double relative)
    {
        Assert.Equal(expected.GetLength(0), actual.RowCount);
        Assert.Equal(expected.GetLength(1), actual.ColumnCount);
        for (int i = 0; i < actual.RowCount; i++)
            Close(Enumerable.Range(0, actual.ColumnCount).Select(j => expected[i, j]).ToArray(), actual.Row(i).ToArray(), relative);
    }

    private static double[] AnalyticHessianVector()
    {
        var h = Rosenbrock.Hessian(X);
        return [h[0, 0] * V[0] + h[0, 1] * V[1], h[1, 0] * V[0] + h[1, 1] * V[1]];
    }

    [Fact]
    public void GradientOfEveryKindOfInputAgreesWithTheAnalyticGradient()
    {
        var exact = Rosenbrock.Gradient(X);                       // (−215.6, −88)
        Close(exact, Gradient(x => 100 * Sqr(x[1] - x[0] * x[0]) + Sqr(1 - x[0]), X), 1e-15);
        Close(exact, Gradient(new TapedRosenbrock(), X), 1e-15);
        Close(exact, Gradient(new GeneratedRosenbrock(), X), 1e-15);
        Close(exact, Gradient(new TapedRosenbrock(), X, derivatives: "complex-step"), 1e-14);
        Close(exact, Gradient(Rosenbrock.Value, X), 1e-9);
        Close(exact, Gradient(Rosenbrock.SpanValue, X, derivatives: "ridders"), 1e-12);
        Close(exact, Gradient(Rosenbrock.Value, X, derivatives: "forward-diff"), 1e-6);
    }

    [Fact]
    public void HessianVectorOfEveryKindOfInputAgreesWithTheAnalyticHessian()
    {
        var exact = AnalyticHessianVector();                      // (2290, 880)
        Close(exact, HessianVector(x => 100 * Sqr(x[1] - x[0] * x[0]) + Sqr(1 - x[0]), X, V), 1e-15);
        Close(exact, HessianVector(new TapedRosenbrock(), X, V), 1e-15);
        Close(exact, HessianVector(new GeneratedRosenbrock(), X, V), 1e-15);
        Close(exact, HessianVector(Rosenbrock.Value, X, V), 1e-5);
    }

    [Fact]
    public void HessianOfEveryKindOfInputAgreesWithTheAnalyticHessian()
    {
        var exact = Rosenbrock.Hessian(X);                        // [[1330, 480], [480, 200]]
        Close(exact, Hessian(x => 100 * Sqr(x[1] - x[0] * x[0]) + Sqr(1 - x[0]), X), 1e-15);
        Close(exact, Hessian(new TapedRosenbrock(), X), 1e-15);
        Close(exact, Hessian(new TapedRosenbrock(), X, derivatives: "forward-ad"), 1e-15);
        Close(exact, Hessian(new GeneratedRosenbrock(), X), 1e-15);
        Close(exact, Hessian(Rosenbrock.Value, X), 1e-5);
    }

    [Fact]
    public void JacobianOfEveryKindOfInputAgreesWithTheAnalyticJacobian()
    {
        double[] x = [0.7, -1.3];
        var exact = new double[,] { { x[1], x[0] }, { Math.Cos(x[0]), 0 }, { 0, 2 * x[1] } };
        Close(exact, Jacobian(v => [v[0] * v[1], Sin(v[0]), Sqr(v[1])], x), 1e-15);
        Close(exact, Jacobian(new SmallVectorFunction(), x), 1e-15);
        Close(exact, Jacobian(new SmallVectorFunction(), x, derivatives: "reverse-ad"), 1e-15);
        Close(exact, Jacobian((double[] v) => [v[0] * v[1], Math.Sin(v[0]), v[1] * v[1]], x), 1e-9);
        Close(exact, Jacobian((double[] v) => [v[0] * v[1], Math.Sin(v[0]), v[1] * v[1]], x, derivatives: "forward-diff"), 1e-6);
    }

    [Fact]
    public void SoftplusIsStableAndItsDerivativeIsTheSigmoid()
    {
        foreach (double z in new[] { -800.0, -3.0, 0.0, 2.5, 800.0 })
        {
            Assert.Equal(Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))), Softplus(z), 1e-12);
            Assert.Equal(1 / (1 + Math.Exp(-z)), Gradient(x => Softplus(x[0]), [z])[0], 1e-15);
        }
    }

    [Fact]
    public void SumAndDotWriteDataFitsInOneLine()
    {
        double[][] rows = [[1, 2], [3, 4], [5, 6]];
        double[] targets = [1, 0, 2];
        // f(w) = Σᵢ (aᵢᵀw − yᵢ)²: ∇f = 2Aᵀ(Aw − y).
        double[] w = [0.5, -0.25];
        var residuals = rows.Select((a, i) => a[0] * w[0] + a[1] * w[1] - targets[i]).ToArray();
        double[] exact = [2 * rows.Select((a, i) => a[0] * residuals[i]).Sum(), 2 * rows.Select((a, i) => a[1] * residuals[i]).Sum()];
        Close(exact, Gradient(x => Sum(3, i => Sqr(Dot(rows[i], x) - targets[i])), w), 1e-15);
        Assert.Equal(residuals.Sum(r => r * r), Sum(3, i => Sqr(Dot(rows[i], w) - targets[i])), 1e-15);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Dot([1.0], w)).ParamName);
    }

    [Fact]
    public void BadInputNamesTheArgument()
    {
        Func<HessianVectorVariable[], HessianVectorVariable> f = x => Sqr(x[0]);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Gradient(f, [])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Gradient(new TapedRosenbrock(), [1.0])).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => HessianVector(f, [1.0], [1.0, 2.0])).ParamName);
        Assert.Equal("derivatives", Assert.Throws<ArgumentException>(() => Hessian(new TapedRosenbrock(), X, derivatives: "complex-step")).ParamName);
        Assert.Equal("derivatives", Assert.Throws<ArgumentException>(() => Gradient(Rosenbrock.Value, X, derivatives: "forward-ad")).ParamName);
        Assert.Equal("derivatives", Assert.Throws<ArgumentException>(() => Jacobian(new SmallVectorFunction(), [1.0, 2.0], derivatives: "generated-ad")).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentNullException>(() => Jacobian((Func<double[], double[]>)null!, [1.0])).ParamName);
    }
}
