using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>An objective that also yields its gradient ∇f(x), fused with the value.</summary>
public interface IGradientObjective : IObjective
{
    /// <summary>Evaluates f(x) and writes ∇f(x) into the caller-owned <paramref name="gradient"/>.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n for ∇f(x).</param>
    /// <returns>f(x).</returns>
    double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);
}
