using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>
/// A scalar objective f: ℝⁿ → ℝ that can be evaluated. The weakest oracle of the contract:
/// derivative-free methods (Nelder–Mead) and finite differences need only this.
/// </summary>
/// <remarks>
/// Capabilities are expressed by the interface a type implements, never by flags: an objective
/// that can give gradients implements <see cref="IGradientObjective"/>, and so on.
/// </remarks>
public interface IObjective
{
    /// <summary>The number of variables n.</summary>
    int Dimension { get; }

    /// <summary>Evaluates f(x). <paramref name="x"/> has length <see cref="Dimension"/>.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <returns>f(x); may be non-finite, which solvers report rather than throw on.</returns>
    double Value(ReadOnlySpan<double> x);
}
