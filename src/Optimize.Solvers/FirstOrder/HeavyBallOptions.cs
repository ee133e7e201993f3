using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Solvers.FirstOrder;

/// <summary>Options of <see cref="HeavyBall"/>.</summary>
public sealed record HeavyBallOptions
{
    /// <summary>η of xₖ₊₁ = xₖ − η∇f(xₖ) + β(xₖ − xₖ₋₁). Default 1e-3.</summary>
    public double StepSize { get; init; } = 1e-3;

    /// <summary>β ∈ [0, 1). Default 0.9.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>
    /// Whether the momentum is dropped when f increases (function-value adaptive restart, O'Donoghue &amp;
    /// Candès 2015). Default true.
    /// </summary>
    public bool AdaptiveRestart { get; init; } = true;

    /// <summary>
    /// The largest move of any coordinate by the gradient part η∇f of one iteration, relative to max(1, ‖x‖∞):
    /// where η‖∇f‖∞ exceeds it, the gradient step is shortened to it (the 1/‖d‖∞ bound of the first line-search trial, applied to a fixed step).
    /// Such a step lies far outside the step's stability region (η &lt; 2(1 + β)/L) and can throw x onto a region where
    /// f is flat to rounding, e.g. the underflow plateau of Jennrich–Sampson, where the gradient test then holds
    /// at a point that is not a minimizer. Default 1; <see cref="double.PositiveInfinity"/> disables the bound.
    /// </summary>
    public double MaximumGradientStep { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        DriverOptions.StrictlyPositive(StepSize, nameof(StepSize));
        if (!(MaximumGradientStep > 0)) throw new ArgumentOutOfRangeException(nameof(MaximumGradientStep), MaximumGradientStep, "MaximumGradientStep must be > 0.");
        if (!(Momentum >= 0 && Momentum < 1)) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must lie in [0, 1).");
    }
}
