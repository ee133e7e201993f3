using Optimize.AutoDiff;
using Optimize.Oracles;

namespace Optimize.Cli.Sources;

/// <summary>
/// Gradients by the complex step ∂f/∂xⱼ ≈ Im f(x + i·h·eⱼ) / h (Squire &amp; Trapp 1998; Martins, Sturdza &amp;
/// Alonso 2003): n complex evaluations per gradient, no subtractive cancellation, exact to round-off for
/// h = 10⁻²⁰. Gives gradients only.
/// </summary>
internal sealed class ComplexStepObjective(IScalarFunction function) : IGradientObjective
{
    public int Dimension => function.Dimension;

    public double Value(ReadOnlySpan<double> x) => function.Evaluate(x);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => ComplexStep.Gradient(function, x, gradient);
}
