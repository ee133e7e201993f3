using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>Writes ∇f(x) into <paramref name="gradient"/>.</summary>
/// <param name="x">The point.</param>
/// <param name="gradient">Destination for the gradient.</param>
public delegate void GradientFunction(ReadOnlySpan<double> x, Span<double> gradient);
