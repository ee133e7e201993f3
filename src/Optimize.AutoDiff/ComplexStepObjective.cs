using Optimize.Oracles;
using Optimize.AutoDiff.Forward;

namespace Optimize.AutoDiff;

/// <summary>
/// Gradients by the complex step ∂f/∂xⱼ = Im f(x + i·h·eⱼ) / h (Squire &amp; Trapp, "Using complex variables to
/// estimate derivatives of real functions", SIAM Review 40, 1998; Martins, Sturdza &amp; Alonso, ACM TOMS 29, 2003)
/// of a function written once over the generic scalar: n complex evaluations per gradient, no subtractive
/// cancellation, so exact to round-off for analytic f with the default h = 10⁻²⁰. It gives values and gradients
/// only (<see cref="IGradientObjective"/>); second derivatives would need a difference of complex-step gradients,
/// which brings cancellation back.
/// </summary>
/// <remarks>Safe to share between threads when the function is: each call rents its own complex buffer.</remarks>
public sealed class ComplexStepObjective : ScalarFunctionObjective, IGradientObjective
{
    /// <summary>Wraps <paramref name="function"/>.</summary>
    /// <param name="function">The function; it must be analytic (real-analytic branches evaluated on the real part) to be exact.</param>
    /// <param name="step">The imaginary step h; positive. The default, <see cref="ComplexStep.DefaultStep"/>, puts the O(h²) error far below round-off.</param>
    public ComplexStepObjective(IScalarFunction function, double step = ComplexStep.DefaultStep) : base(function)
    {
        if (!(step > 0) || !double.IsFinite(step))
            throw new ArgumentOutOfRangeException(nameof(step), step, "step must be positive and finite.");
        Step = step;
    }

    /// <summary>The imaginary step h.</summary>
    public double Step { get; }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => ComplexStep.Gradient(Function, x, gradient, Step);
}
