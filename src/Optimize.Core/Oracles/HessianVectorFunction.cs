using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>Writes ∇²f(x)·v into <paramref name="result"/>.</summary>
/// <param name="x">The point.</param>
/// <param name="v">The direction.</param>
/// <param name="result">Destination for the product.</param>
public delegate void HessianVectorFunction(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result);
