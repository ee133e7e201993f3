namespace Optimize.Solvers.Bounded;

/// <summary>
/// Puts back on its bound a variable that a step computed to end there but that rounding in x + step left just off it
/// (or outside): within 4ε·(|step| + |bound|). L-BFGS-B's 3.0 code copies the subspace point for the full step; the
/// solvers here evaluate x + αd and snap afterwards, keeping f and ∇f of the evaluated point (a few ulps away).
/// </summary>
internal static class BoundSnapping
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Snaps <paramref name="x"/> (reached from <paramref name="previous"/>) to the bounds it is within rounding of.</summary>
    public static void Snap(Span<double> x, ReadOnlySpan<double> previous, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double step = Math.Abs(x[i] - previous[i]);
            double l = lower[i], u = upper[i];
            if (double.IsFinite(l) && x[i] - l <= 4 * MachineEpsilon * (step + Math.Abs(l))) x[i] = l;
            else if (double.IsFinite(u) && u - x[i] <= 4 * MachineEpsilon * (step + Math.Abs(u))) x[i] = u;
        }
    }
}
