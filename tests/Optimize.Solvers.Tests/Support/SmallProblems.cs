using MathNet.Numerics.LinearAlgebra;
using Optimize.Analytic;
using Optimize.Oracles;

namespace Optimize.Solvers.Tests.Support;

/// <summary>Small objectives written here so that the solvers can be tested independently of the problem library.</summary>
internal static class SmallProblems
{
    /// <summary>f(x) = ½xᵀAx − bᵀx with A = diag(1, 2, …, n) + 0.1·(ones), minimizer A⁻¹b.</summary>
    public static IHessianObjective Quadratic(int n, out double[] minimizer)
    {
        var a = Matrix<double>.Build.Dense(n, n, (i, j) => (i == j ? i + 1.0 : 0) + 0.1);
        var b = Vector<double>.Build.Dense(n, i => 1.0 - 0.3 * i);
        minimizer = a.Solve(b).ToArray();
        double Value(ReadOnlySpan<double> x)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                double ax = 0;
                for (int j = 0; j < n; j++) ax += a[i, j] * x[j];
                sum += 0.5 * x[i] * ax - b[i] * x[i];
            }
            return sum;
        }
        return AnalyticObjective.Create(n, Value,
            (x, g) =>
            {
                for (int i = 0; i < n; i++)
                {
                    double ax = 0;
                    for (int j = 0; j < n; j++) ax += a[i, j] * x[j];
                    g[i] = ax - b[i];
                }
                return Value(x);
            },
            (x, h) => a.CopyTo(h),
            (x, v, r) =>
            {
                for (int i = 0; i < n; i++)
                {
                    double sum = 0;
                    for (int j = 0; j < n; j++) sum += a[i, j] * v[j];
                    r[i] = sum;
                }
            });
    }

    /// <summary>Rosenbrock's function 100(x₂ − x₁²)² + (1 − x₁)² with its Hessian.</summary>
    public static IHessianObjective Rosenbrock() => AnalyticObjective.Create(2,
        RosenbrockValue,
        (x, g) =>
        {
            double t = x[1] - x[0] * x[0];
            g[0] = -400 * x[0] * t - 2 * (1 - x[0]);
            g[1] = 200 * t;
            return RosenbrockValue(x);
        },
        (x, h) =>
        {
            h[0, 0] = 1200 * x[0] * x[0] - 400 * x[1] + 2;
            h[0, 1] = h[1, 0] = -400 * x[0];
            h[1, 1] = 200;
        },
        (x, v, r) =>
        {
            double h00 = 1200 * x[0] * x[0] - 400 * x[1] + 2, h01 = -400 * x[0];
            r[0] = h00 * v[0] + h01 * v[1];
            r[1] = h01 * v[0] + 200 * v[1];
        });

    private static double RosenbrockValue(ReadOnlySpan<double> x)
    {
        double a = 1 - x[0], b = x[1] - x[0] * x[0];
        return a * a + 100 * b * b;
    }
}
