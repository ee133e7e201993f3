namespace Optimize.Problems.LargeScale;

/// <summary>
/// One instance of the large-scale set (<see cref="LargeScaleSet"/>): a problem at one large dimension, its minimum f*
/// and where that value comes from.
/// </summary>
/// <param name="Name">
/// The instance's name: for a Moré–Garbow–Hillstrom problem <c>mgh</c>, its number, name and dimension (as the
/// MGH set names its problems of variable size, e.g. <c>mgh30-broyden-tridiagonal-1000</c>); otherwise the problem's
/// name and dimension (<c>ginzburg-landau-1d-10000</c>).
/// </param>
/// <param name="Problem">The problem, with hand-coded derivatives that cost O(n) per evaluation.</param>
/// <param name="KnownMinimum">f*, the global minimum value.</param>
/// <param name="MinimumSource">Where f* comes from: a publication, or "computed" with the way it was computed.</param>
public sealed record LargeScaleInstance(string Name, TestProblem Problem, double KnownMinimum, string MinimumSource)
{
    /// <summary>The start scaled by <paramref name="factor"/>: factor·x₀ (every x₀ of the set is nonzero).</summary>
    /// <param name="factor">A positive factor, e.g. 1, 10 or 100.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is not positive and finite.</exception>
    public double[] Start(double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be positive and finite.");
        var x = Problem.StartingPoint;
        for (int i = 0; i < x.Length; i++) x[i] *= factor;
        return x;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (n = {Problem.Dimension}, f* = {KnownMinimum:R})";
}
