using MathNet.Numerics.LinearAlgebra;
using Optimize.Analytic;

namespace Optimize.Core.Tests.Analytic;

/// <summary>An analytic objective is shared between threads, including its Hessian-vector path through the Hessian.</summary>
public class AnalyticConcurrencyTests
{
    private const int N = 6;

    /// <summary>f = Σ (i + 1)·xᵢ⁴/4: ∇²f = diag(3(i + 1)xᵢ²), different at every point.</summary>
    private static double Value(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += (i + 1) * Math.Pow(x[i], 4) / 4;
        return sum;
    }

    private static double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        for (int i = 0; i < x.Length; i++) g[i] = (i + 1) * x[i] * x[i] * x[i];
        return Value(x);
    }

    private static void Hessian(ReadOnlySpan<double> x, Matrix<double> h)
    {
        h.Clear();
        for (int i = 0; i < x.Length; i++)
        {
            // Written entry by entry with a yield in between, as a longer Hessian would be, so that overlapping calls interleave.
            h[i, i] = 3 * (i + 1) * x[i] * x[i];
            if (i == N / 2) Thread.Yield();
        }
    }

    [Fact]
    public void HessianVectorProductsThroughTheHessianAreRightOnEightThreads()
    {
        var objective = AnalyticObjective.Create(N, Value, ValueAndGradient, Hessian);
        int wrong = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            var x = new double[N];
            var v = new double[N];
            var result = new double[N];
            for (int call = 0; call < 10_000; call++)
            {
                for (int i = 0; i < N; i++)
                {
                    x[i] = thread + 1 + 0.001 * call + i;
                    v[i] = 1 + i;
                }
                objective.HessianVector(x, v, result);
                for (int i = 0; i < N; i++)
                    if (result[i] != 3 * (i + 1) * x[i] * x[i] * v[i]) { Interlocked.Increment(ref wrong); break; }
            }
        });
        Assert.Equal(0, wrong);
    }
}
