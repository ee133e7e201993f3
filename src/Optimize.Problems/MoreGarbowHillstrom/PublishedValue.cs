namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// A value of f that a publication prints, with the relative accuracy its printed digits carry and where it
/// is printed.
/// </summary>
/// <param name="Value">The value.</param>
/// <param name="RelativeAccuracy">The relative error the printed digits allow (half a unit in the last digit, relative).</param>
/// <param name="Source">Where the value is printed.</param>
public sealed record PublishedValue(double Value, double RelativeAccuracy, string Source)
{
    /// <summary>Where MINPACK's least-squares test output (lmder, test driver lmddrv) is cited from.</summary>
    public const string LeastSquaresOutput =
        "MINPACK-1 test output of lmder (Moré, Garbow & Hillstrom, User Guide for MINPACK-1, ANL-80-74, 1980), initial residual norm squared";

    /// <summary>Where MINPACK's nonlinear-equations test output (hybrj, test driver hyjdrv) is cited from.</summary>
    public const string EquationsOutput =
        "MINPACK-1 test output of hybrj (Moré, Garbow & Hillstrom, User Guide for MINPACK-1, ANL-80-74, 1980), initial residual norm squared";

    /// <summary>Where Gonum's table of function values at the standard starts is cited from.</summary>
    public const string GonumTable = "Gonum, optimize/functions test table of f at the MGH starting points (full double precision)";

    /// <summary>
    /// f = ‖r‖² from a residual norm printed with 8 significant digits, as MINPACK's test drivers print it:
    /// half a unit in the 8th digit of the norm, doubled for the square.
    /// </summary>
    /// <param name="norm">The printed norm ‖r‖.</param>
    /// <param name="source">Where it is printed.</param>
    public static PublishedValue FromNorm(double norm, string source)
    {
        double unit = Math.Pow(10, Math.Floor(Math.Log10(norm)) - 7);
        return new(norm * norm, 2 * 0.5 * unit / norm, source);
    }

    /// <summary>A value printed to full double precision (or exact): accurate to a few units of round-off.</summary>
    /// <param name="value">The value.</param>
    /// <param name="source">Where it is printed, or how it follows in closed form.</param>
    public static PublishedValue Exact(double value, string source) => new(value, 1e-13, source);

    /// <summary>Whether <paramref name="computed"/> agrees with the printed value to its printed digits.</summary>
    /// <param name="computed">The value computed.</param>
    public bool Matches(double computed) => Math.Abs(computed - Value) <= RelativeAccuracy * Math.Abs(Value);
}
