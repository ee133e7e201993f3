namespace Optimize.FiniteDifferences;

/// <summary>Writes F(x) for a vector function F: ℝⁿ → ℝᵐ into <paramref name="value"/> (length m).</summary>
/// <param name="x">The point, of length n.</param>
/// <param name="value">Destination of length m.</param>
public delegate void VectorValueFunction(ReadOnlySpan<double> x, Span<double> value);
