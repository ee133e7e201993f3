using MathNet.Numerics.LinearAlgebra;
using Optimize.Analytic;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.Core.Tests.FiniteDifferences;

/// <summary>Small functions with hand-coded derivatives used across the finite-difference tests.</summary>
internal static class TestFunctions
{
    public static readonly double[] Point = [0.7, -1.3, 2.1, 0.4];

    /// <summary>f = exp(x₀x₁/2) + sin(x₂)x₃² + x₀⁴/4 + log(1 + x₁²) + x₂x₃.</summary>
    public static double Smooth(ReadOnlySpan<double> x)
        => Math.Exp(0.5 * x[0] * x[1]) + Math.Sin(x[2]) * x[3] * x[3] + 0.25 * Math.Pow(x[0], 4) + Math.Log(1 + x[1] * x[1]) + x[2] * x[3];

    public static double SmoothValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double e = Math.Exp(0.5 * x[0] * x[1]);
        g[0] = 0.5 * x[1] * e + Math.Pow(x[0], 3);
        g[1] = 0.5 * x[0] * e + 2 * x[1] / (1 + x[1] * x[1]);
        g[2] = Math.Cos(x[2]) * x[3] * x[3] + x[3];
        g[3] = 2 * Math.Sin(x[2]) * x[3] + x[2];
        return Smooth(x);
    }

    public static void SmoothHessian(ReadOnlySpan<double> x, Matrix<double> h)
    {
        double e = Math.Exp(0.5 * x[0] * x[1]);
        double q = 1 + x[1] * x[1];
        h.Clear();
        h[0, 0] = 0.25 * x[1] * x[1] * e + 3 * x[0] * x[0];
        h[0, 1] = h[1, 0] = 0.5 * e + 0.25 * x[0] * x[1] * e;
        h[1, 1] = 0.25 * x[0] * x[0] * e + (2 - 2 * x[1] * x[1]) / (q * q);
        h[2, 2] = -Math.Sin(x[2]) * x[3] * x[3];
        h[2, 3] = h[3, 2] = 2 * Math.Cos(x[2]) * x[3] + 1;
        h[3, 3] = 2 * Math.Sin(x[2]);
    }

    public static IHessianObjective SmoothObjective()
        => AnalyticObjective.Create(4, Smooth, SmoothValueAndGradient, SmoothHessian);

    public static double[] SmoothGradient(ReadOnlySpan<double> x)
    {
        var g = new double[x.Length];
        SmoothValueAndGradient(x, g);
        return g;
    }

    public static Matrix<double> SmoothHessianAt(ReadOnlySpan<double> x)
    {
        var h = Matrix<double>.Build.Dense(4, 4);
        SmoothHessian(x, h);
        return h;
    }

    /// <summary>Broyden tridiagonal: Fᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1 with x₋₁ = xₙ = 0 (Moré, Garbow &amp; Hillstrom 1981, problem 30).</summary>
    public static void BroydenTridiagonal(ReadOnlySpan<double> x, Span<double> f)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
            f[i] = (3 - 2 * x[i]) * x[i] - (i > 0 ? x[i - 1] : 0) - 2 * (i < n - 1 ? x[i + 1] : 0) + 1;
    }

    public static Matrix<double> BroydenTridiagonalJacobian(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        var j = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
        {
            j[i, i] = 3 - 4 * x[i];
            if (i > 0) j[i, i - 1] = -1;
            if (i < n - 1) j[i, i + 1] = -2;
        }
        return j;
    }

    /// <summary>A chained function with a tridiagonal Hessian: Σ (xᵢ² − xᵢ₊₁)² + Σ (xᵢ − 1)².</summary>
    public static IHessianObjective Chained(int n)
    {
        double Value(ReadOnlySpan<double> x)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += (x[i] - 1) * (x[i] - 1);
            for (int i = 0; i < n - 1; i++) s += Math.Pow(x[i] * x[i] - x[i + 1], 2);
            return s;
        }
        double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
        {
            for (int i = 0; i < n; i++) g[i] = 2 * (x[i] - 1);
            for (int i = 0; i < n - 1; i++)
            {
                double t = x[i] * x[i] - x[i + 1];
                g[i] += 4 * x[i] * t;
                g[i + 1] -= 2 * t;
            }
            return Value(x);
        }
        void Hessian(ReadOnlySpan<double> x, Matrix<double> h)
        {
            h.Clear();
            for (int i = 0; i < n; i++) h[i, i] = 2;
            for (int i = 0; i < n - 1; i++)
            {
                h[i, i] += 12 * x[i] * x[i] - 4 * x[i + 1];
                h[i, i + 1] -= 4 * x[i];
                h[i + 1, i] -= 4 * x[i];
                h[i + 1, i + 1] += 2;
            }
        }
        return AnalyticObjective.Create(n, Value, ValueAndGradient, Hessian);
    }

    public static double[] Spread(int n, double start = -0.8, double step = 0.037)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = start + step * (i % 40) + 0.001 * i;
        return x;
    }

    /// <summary>‖a − b‖∞ / max(1, ‖b‖∞): the error measure used throughout these tests.</summary>
    public static double RelativeError(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double diff = 0, scale = 1;
        for (int i = 0; i < a.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(a[i] - b[i]));
            scale = Math.Max(scale, Math.Abs(b[i]));
        }
        return diff / scale;
    }

    /// <summary>max |aᵢⱼ − bᵢⱼ| / max(1, max |bᵢⱼ|).</summary>
    public static double RelativeError(Matrix<double> a, Matrix<double> b)
        => (a - b).Enumerate().Max(Math.Abs) / Math.Max(1.0, b.Enumerate().Max(Math.Abs));

    public static FiniteDifferenceOptions With(FiniteDifferenceMethod method) => new() { Method = method };
}
