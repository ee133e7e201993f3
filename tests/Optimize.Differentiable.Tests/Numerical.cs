using Optimize.AutoDiff;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Differentiable.Tests;

/// <summary>Reference derivatives for the tests.</summary>
internal static class Numerical
{
    /// <summary>∂f/∂zᵢ by the central difference (f(z + h eᵢ) − f(z − h eᵢ)) / 2h.</summary>
    public static double CentralDifference(Func<double[], double> f, double[] point, int i, double h)
    {
        var plus = (double[])point.Clone();
        var minus = (double[])point.Clone();
        plus[i] += h;
        minus[i] -= h;
        return (f(plus) - f(minus)) / (2 * h);
    }

    /// <summary>Asserts every gradient entry matches its central difference within tolerance·max(1, |difference|).</summary>
    public static void AssertMatchesCentralDifferences(Func<double[], double> f, double[] point, double[] gradient, double h, double tolerance)
    {
        for (int i = 0; i < point.Length; i++)
        {
            double central = CentralDifference(f, point, i, h);
            Assert.Equal(central, gradient[i], tolerance * Math.Max(1, Math.Abs(central)));
        }
    }

    /// <summary>The rows ∂outputᵢ/∂inputs of the last recording: one seed and sweep per output.</summary>
    public static double[,] TapeRows(ReadOnlySpan<Variable> outputs)
    {
        var tape = Tape.ForCurrentThread;
        var rows = new double[outputs.Length, tape.InputCount];
        var row = new double[tape.InputCount];
        for (int i = 0; i < outputs.Length; i++)
        {
            tape.Seed(outputs[i], 1.0);
            tape.Sweep(row);
            for (int j = 0; j < row.Length; j++) rows[i, j] = row[j];
        }
        return rows;
    }
}
