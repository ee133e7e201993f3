namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>A minimum value that the literature documents for a problem other than its global minimum f*.</summary>
/// <param name="Value">The value of f there (or its limit, where the minimum is approached at infinity).</param>
/// <param name="Where">Where it lies, as the source states it.</param>
/// <param name="Source">The publication.</param>
public sealed record DocumentedMinimum(double Value, string Where, string Source);
