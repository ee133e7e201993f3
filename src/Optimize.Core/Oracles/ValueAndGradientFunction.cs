using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>Evaluates f(x) and writes ∇f(x) into <paramref name="gradient"/> in one fused call.</summary>
/// <param name="x">The point.</param>
/// <param name="gradient">Destination for the gradient.</param>
public delegate double ValueAndGradientFunction(ReadOnlySpan<double> x, Span<double> gradient);
