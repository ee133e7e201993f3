using Optimize.Analytic;
using Optimize.Oracles;

namespace Optimize.Solvers.Tests.Support;

/// <summary>Objectives with a particular property, written here with their derivatives.</summary>
internal static class SpecialObjectives
{
    /// <summary>f(x, y) = x⁴/4 − x²/2 + y²: a saddle at the origin, minimizers (±1, 0) with f = −¼, negative curvature for |x| &lt; 1/√3.</summary>
    public static IHessianObjective DoubleWell() => AnalyticObjective.Create(2,
        x => Math.Pow(x[0], 4) / 4 - x[0] * x[0] / 2 + x[1] * x[1],
        (x, g) =>
        {
            g[0] = x[0] * x[0] * x[0] - x[0];
            g[1] = 2 * x[1];
            return Math.Pow(x[0], 4) / 4 - x[0] * x[0] / 2 + x[1] * x[1];
        },
        (x, h) =>
        {
            h.Clear();
            h[0, 0] = 3 * x[0] * x[0] - 1;
            h[1, 1] = 2;
        },
        (x, v, r) =>
        {
            r[0] = (3 * x[0] * x[0] - 1) * v[0];
            r[1] = 2 * v[1];
        });

    /// <summary>f(x) = Σ (i + 1)·xᵢ² / 2 − Σ xᵢ: a diagonal quadratic, minimizer xᵢ = 1/(i + 1).</summary>
    public static IHessianObjective DiagonalQuadratic(int n) => AnalyticObjective.Create(n,
        x => DiagonalValue(x),
        (x, g) =>
        {
            for (int i = 0; i < x.Length; i++) g[i] = (i + 1) * x[i] - 1;
            return DiagonalValue(x);
        },
        (x, h) =>
        {
            h.Clear();
            for (int i = 0; i < n; i++) h[i, i] = i + 1;
        },
        (x, v, r) =>
        {
            for (int i = 0; i < v.Length; i++) r[i] = (i + 1) * v[i];
        });

    private static double DiagonalValue(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += 0.5 * (i + 1) * x[i] * x[i] - x[i];
        return sum;
    }

    /// <summary>f(x) = x₀ + x₁²: unbounded below along −x₀.</summary>
    public static IHessianObjective LinearValley() => AnalyticObjective.Create(2,
        x => x[0] + x[1] * x[1],
        (x, g) =>
        {
            g[0] = 1;
            g[1] = 2 * x[1];
            return x[0] + x[1] * x[1];
        },
        (x, h) =>
        {
            h.Clear();
            h[1, 1] = 2;
        },
        (x, v, r) =>
        {
            r[0] = 0;
            r[1] = 2 * v[1];
        });

    /// <summary>f(x) = −‖x‖²: unbounded below, concave everywhere.</summary>
    public static IHessianObjective NegativeSquare(int n) => AnalyticObjective.Create(n,
        x => -Dot(x),
        (x, g) =>
        {
            for (int i = 0; i < x.Length; i++) g[i] = -2 * x[i];
            return -Dot(x);
        },
        (x, h) =>
        {
            h.Clear();
            for (int i = 0; i < n; i++) h[i, i] = -2;
        },
        (x, v, r) =>
        {
            for (int i = 0; i < v.Length; i++) r[i] = -2 * v[i];
        });

    /// <summary>An objective whose value and gradient are NaN everywhere.</summary>
    public static IHessianObjective NaNEverywhere(int n) => AnalyticObjective.Create(n,
        x => double.NaN,
        (x, g) =>
        {
            g.Fill(double.NaN);
            return double.NaN;
        },
        (x, h) =>
        {
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) h[i, j] = double.NaN;
        },
        (x, v, r) => r.Fill(double.NaN));

    /// <summary>Rosenbrock's function, but NaN wherever x₀ &gt; 1.5 (a region a long step can land in).</summary>
    public static IHessianObjective RosenbrockWithNaNRegion()
    {
        var rosenbrock = Optimize.Problems.ProblemLibrary.Rosenbrock();
        return AnalyticObjective.Create(2,
            x => x[0] > 1.5 ? double.NaN : rosenbrock.Value(x),
            (x, g) =>
            {
                double value = rosenbrock.ValueAndGradient(x, g);
                if (x[0] <= 1.5) return value;
                g.Fill(double.NaN);
                return double.NaN;
            },
            (x, h) => rosenbrock.Hessian(x, h),
            (x, v, r) => rosenbrock.HessianVector(x, v, r));
    }

    private static double Dot(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (double v in x) sum += v * v;
        return sum;
    }
}
