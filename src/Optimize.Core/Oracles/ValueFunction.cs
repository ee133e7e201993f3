using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>Evaluates f(x).</summary>
/// <param name="x">The point.</param>
public delegate double ValueFunction(ReadOnlySpan<double> x);
