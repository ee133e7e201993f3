using System.Numerics;
using Optimize.Oracles;

namespace Optimize.Tests;

/// <summary>Rosenbrock written once over T; the tape differentiates it.</summary>
public sealed class TapedRosenbrock : IScalarFunction
{
    public int Dimension => 2;

    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> =>
        T.CreateChecked(100) * Optimization.Sqr(x[1] - x[0] * x[0]) + Optimization.Sqr(T.One - x[0]);
}

/// <summary>Rosenbrock written once over T with generated derivative code.</summary>
public sealed partial class GeneratedRosenbrock : IScalarFunction
{
    public int Dimension => 2;

    [GenerateDerivatives]
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T a = T.One - x[0], b = x[1] - x[0] * x[0];
        return a * a + T.CreateChecked(100.0) * b * b;
    }
}

/// <summary>F(x) = (x₀x₁, sin x₀, x₁²) written once over T.</summary>
public sealed class SmallVectorFunction : IVectorScalarFunction
{
    public int Dimension => 2;

    public int OutputDimension => 3;

    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> value) where T : IFloatingPointIeee754<T>
    {
        value[0] = x[0] * x[1];
        value[1] = T.Sin(x[0]);
        value[2] = x[1] * x[1];
    }
}

/// <summary>Rosenbrock's value, gradient and Hessian by hand.</summary>
public static class Rosenbrock
{
    public static double[] Start => [-1.2, 1.0];

    public static double Value(double[] x) => 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]);

    public static double SpanValue(ReadOnlySpan<double> x) => Value(x.ToArray());

    public static double[] Gradient(double[] x) =>
        [-400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]), 200 * (x[1] - x[0] * x[0])];

    public static double[,] Hessian(double[] x) =>
        new double[,] { { 1200 * x[0] * x[0] - 400 * x[1] + 2, -400 * x[0] }, { -400 * x[0], 200 } };
}
