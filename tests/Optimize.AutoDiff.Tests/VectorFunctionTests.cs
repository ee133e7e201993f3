using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff;
using Optimize.Oracles;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests;

/// <summary>F: ℝ³ → ℝ⁴ with a hand-coded Jacobian.</summary>
internal sealed class SampleVectorFunction : IVectorScalarFunction
{
    public int Dimension => 3;
    public int OutputDimension => 4;

    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> value) where T : IFloatingPointIeee754<T>
    {
        value[0] = x[0] * x[1];
        value[1] = T.Sin(x[2]) + x[0];
        value[2] = T.Exp(x[0] * x[2]);
        value[3] = x[1] / x[2];
    }

    public static Matrix<double> Jacobian(double[] x) => Matrix<double>.Build.DenseOfArray(new[,]
    {
        { x[1], x[0], 0 },
        { 1, 0, Math.Cos(x[2]) },
        { x[2] * Math.Exp(x[0] * x[2]), 0, x[0] * Math.Exp(x[0] * x[2]) },
        { 0, 1 / x[2], -x[1] / (x[2] * x[2]) },
    });
}

public class VectorFunctionTests
{
    private static readonly double[] X = [0.7, -1.2, 1.9];

    public static TheoryData<string> Providers() => new() { "forward", "reverse" };

    private static IVectorFunction Provider(string mode) => mode == "forward"
        ? new ForwardModeVectorFunction(new SampleVectorFunction())
        : new ReverseModeVectorFunction(new SampleVectorFunction());

    [Theory]
    [MemberData(nameof(Providers))]
    public void JacobianJvpAndVjpMatchTheHandCodedJacobian(string mode)
    {
        IVectorFunction f = Provider(mode);
        var expected = SampleVectorFunction.Jacobian(X);
        var jacobian = Matrix<double>.Build.Dense(4, 3, double.NaN);
        f.Jacobian(X, jacobian);
        Close(expected, jacobian, 1e-15, "Jacobian");
        double[] p = [0.3, -0.5, 1.1], w = [1, -2, 0.5, 3];
        var jvp = new double[4];
        var vjp = new double[3];
        f.JacobianVector(X, p, jvp);
        f.VectorJacobian(X, w, vjp);
        Close((expected * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(p)).ToArray(), jvp, 1e-15, "JVP");
        Close(expected.TransposeThisAndMultiply(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(w)).ToArray(), vjp, 1e-15, "VJP");
        var value = new double[4];
        f.Evaluate(X, value);
        Assert.Equal(X[0] * X[1], value[0]);
    }

    [Fact]
    public void FunctionTransformsPickAModeAndAgree()
    {
        var expected = SampleVectorFunction.Jacobian(X);
        var jacobian = Matrix<double>.Build.Dense(4, 3);
        Differentiate.Jacobian(new SampleVectorFunction(), X, jacobian);
        Close(expected, jacobian, 1e-15, "Jacobian");
        var vjp = new double[3];
        Differentiate.Vjp(new SampleVectorFunction(), X, [1, 0, 0, 0], vjp);
        Close(expected.Row(0).ToArray(), vjp, 1e-15, "VJP row");
        var jvp = new double[4];
        Differentiate.Jvp(new SampleVectorFunction(), X, [0, 0, 1], jvp);
        Close(expected.Column(2).ToArray(), jvp, 1e-15, "JVP column");
    }

    [Fact]
    public void WrongLengthsAreRejectedNamingTheArgument()
    {
        IVectorFunction f = Provider("reverse");
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => f.Evaluate(new double[2], new double[4])).ParamName);
        Assert.Equal("w", Assert.Throws<ArgumentException>(() => f.VectorJacobian(X, new double[3], new double[3])).ParamName);
        Assert.Equal("jacobian", Assert.Throws<ArgumentException>(() => f.Jacobian(X, Matrix<double>.Build.Dense(3, 3))).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(
            () => new ReverseModeObjective(new GriewankWaltherFunction()).ValueAndGradient([1, 2], new double[3])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(
            () => new ForwardModeObjective(new GriewankWaltherFunction()).ValueAndGradient([1], new double[2])).ParamName);
    }
}
