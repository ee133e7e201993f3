namespace Optimize.Tests;

/// <summary>The comparisons and the reference gradient that the test projects share (linked into each).</summary>
internal static class Agreement
{
    /// <summary>|expected − actual| ≤ tolerance · max(1, |expected|).</summary>
    public static void Close(double expected, double actual, double tolerance, string what = "")
    {
        double scale = Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale,
            $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):E2}, tolerance {tolerance * scale:E2})");
    }

    /// <summary>‖expected − actual‖∞ ≤ tolerance · max(1, ‖expected‖∞).</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 1, worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++) scale = Math.Max(scale, Math.Abs(expected[i]));
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]);
            if (!(d <= worst)) { worst = d; at = i; }
        }
        Assert.True(worst <= tolerance * scale,
            $"{what}: largest difference {worst:E2} at [{at}] (expected {(at >= 0 ? expected[at] : 0):R}, got {(at >= 0 ? actual[at] : 0):R}), tolerance {tolerance * scale:E2}");
    }

    /// <summary>
    /// ∇f by Richardson-extrapolated central differences, (4·D(h/2) − D(h))/3 with D(s) = (f(x + s·eᵢ) − f(x − s·eᵢ))/2s
    /// and h = 1e-3·max(1, |xᵢ|): error O(h⁴), about 1e-10 relative.
    /// </summary>
    public static double[] CentralGradient(Func<double[], double> f, double[] x)
    {
        var g = new double[x.Length];
        var y = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            double h = 1e-3 * Math.Max(1, Math.Abs(x[i]));
            double D(double s)
            {
                y[i] = x[i] + s;
                double up = f(y);
                y[i] = x[i] - s;
                double down = f(y);
                y[i] = x[i];
                return (up - down) / (2 * s);
            }
            g[i] = (4 * D(h / 2) - D(h)) / 3;
        }
        return g;
    }
}
