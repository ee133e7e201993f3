using System.Globalization;

namespace Optimize.Cli.Reports;

/// <summary>Number formats shared by every report, culture-invariant.</summary>
public static class Format
{
    /// <summary>An error or small quantity in scientific notation with two significant digits ("3.1e-11", "0" for zero).</summary>
    /// <param name="value">The value.</param>
    public static string Scientific(double value) =>
        value == 0 ? "0" : double.IsFinite(value) ? value.ToString("0.0e+00", CultureInfo.InvariantCulture) : Special(value);

    /// <summary>A ratio: whole above 100 ("118"), two decimals above 1 ("2.41"), two significant digits below ("0.22", "0.0041").</summary>
    /// <param name="value">The value.</param>
    public static string Ratio(double value) =>
        !double.IsFinite(value) ? Special(value)
        : value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 1 ? "0.00" : "G2", CultureInfo.InvariantCulture);

    /// <summary>A count or average count: an integer when whole ("41"), else one decimal ("20.5").</summary>
    /// <param name="value">The value.</param>
    public static string Count(double value) =>
        !double.IsFinite(value) ? Special(value)
        : value.ToString(value == Math.Round(value) ? "0" : "0.0", CultureInfo.InvariantCulture);

    /// <summary>A duration in the unit that suits it ("85 ns", "3.2 µs", "12.0 ms", "1.53 s").</summary>
    /// <param name="seconds">The duration in seconds.</param>
    public static string Duration(double seconds)
    {
        var c = CultureInfo.InvariantCulture;
        if (!double.IsFinite(seconds)) return Special(seconds);
        if (seconds < 1e-6) return (seconds * 1e9).ToString("0", c) + " ns";
        if (seconds < 1e-3) return (seconds * 1e6).ToString("0.0", c) + " µs";
        if (seconds < 1) return (seconds * 1e3).ToString("0.0", c) + " ms";
        return seconds.ToString("0.00", c) + " s";
    }

    /// <summary>A function value with up to ten significant digits.</summary>
    /// <param name="value">The value.</param>
    public static string Value(double value) =>
        double.IsFinite(value) ? value.ToString("G10", CultureInfo.InvariantCulture) : Special(value);

    /// <summary>A number for machine-readable files (round-trip precision).</summary>
    /// <param name="value">The value.</param>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A point as "(x₁, x₂, …)", at most <paramref name="shown"/> entries followed by "…".</summary>
    /// <param name="x">The point.</param>
    /// <param name="shown">How many entries to print.</param>
    public static string Point(IReadOnlyList<double> x, int shown = 6)
    {
        var entries = x.Take(shown).Select(Value);
        return "(" + string.Join(", ", entries) + (x.Count > shown ? ", …" : "") + ")";
    }

    private static string Special(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "∞" : "−∞";
}
