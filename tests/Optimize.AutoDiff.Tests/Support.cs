using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Tests;
using Optimize.AutoDiff.Reverse;

namespace Optimize.AutoDiff.Tests;

/// <summary>Reference derivatives and comparisons shared by the tests.</summary>
internal static class Support
{
    /// <summary>
    /// Richardson-extrapolated central difference: error O(h⁴), about 1e-10 relative here. The step is relative
    /// to |x| below 1 (so log near 0 stays in its domain) unless <paramref name="absoluteStep"/> asks for 1e-3·max(1, |x|).
    /// </summary>
    public static double CentralDifference(Func<double, double> f, double x, bool absoluteStep = false)
    {
        double h = absoluteStep ? 1e-3 * Math.Max(1, Math.Abs(x)) : 1e-3 * (x == 0 ? 1 : Math.Min(1, Math.Abs(x)));
        double D(double s) => (f(x + s) - f(x - s)) / (2 * s);
        return (4 * D(h / 2) - D(h)) / 3;
    }

    public static void Close(Matrix<double> expected, Matrix<double> actual, double tolerance, string what = "") =>
        Agreement.Close(expected.ToColumnMajorArray(), actual.ToColumnMajorArray(), tolerance, what);

    /// <summary>d/dx of a one-variable function by reverse mode (one recording, one sweep).</summary>
    public static double ReverseDerivative(Func<Variable, Variable> f, double x)
    {
        var g = new double[2];
        ReverseGradient2(a => f(a[0]), x, 0, g);
        return g[0];
    }

    /// <summary>∂f/∂x, ∂f/∂y of a two-variable function by reverse mode.</summary>
    public static void ReverseGradient2(Func<Variable[], Variable> f, double x, double y, Span<double> gradient)
    {
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        Variable result;
        try { result = f([tape.Input(x), tape.Input(y)]); }
        finally { tape.End(); }
        tape.Seed(result, 1);
        tape.Sweep(gradient);
    }

    /// <summary>A deterministic point near <paramref name="x"/>.</summary>
    public static double[] Perturbed(double[] x, int seed, double scale = 0.3)
    {
        var random = new Random(seed);
        return x.Select(v => v + scale * (2 * random.NextDouble() - 1) * Math.Max(1, Math.Abs(v))).ToArray();
    }
}

/// <summary>An <see cref="IScalarFunction"/> from a generic method supplied by a subclass-free adapter.</summary>
internal sealed class GriewankWaltherFunction : IScalarFunction
{
    public int Dimension => 2;

    // y = (sin(x1/x2) + x1/x2 − e^{x2})·(x1/x2 − e^{x2}), written as the lecture's evaluation trace.
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T v1 = x[0] / x[1];
        T v2 = T.Sin(v1);
        T v3 = T.Exp(x[1]);
        T v4 = v1 - v3;
        T v5 = v2 + v4;
        return v5 * v4;
    }
}

/// <summary>Generic-math entry points for concrete AD types in tests (the members live on the generic interfaces).</summary>
internal static class G
{
    public static T Abs<T>(T x) where T : IFloatingPointIeee754<T> => T.Abs(x);
    public static T Log<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(x);
    public static T Sqrt<T>(T x) where T : IFloatingPointIeee754<T> => T.Sqrt(x);
    public static T Sin<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);
    public static T Exp<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x);
    public static T Cos<T>(T x) where T : IFloatingPointIeee754<T> => T.Cos(x);
    public static T Atan<T>(T x) where T : IFloatingPointIeee754<T> => T.Atan(x);
    public static T Tanh<T>(T x) where T : IFloatingPointIeee754<T> => T.Tanh(x);
    public static T Pow<T>(T x, T y) where T : IFloatingPointIeee754<T> => T.Pow(x, y);
    public static bool Equal<T>(T x, T y) where T : IFloatingPointIeee754<T> => x == y;
    public static bool Less<T>(T x, T y) where T : IFloatingPointIeee754<T> => x < y;
    public static bool LessOrEqual<T>(T x, T y) where T : IFloatingPointIeee754<T> => x <= y;
}
