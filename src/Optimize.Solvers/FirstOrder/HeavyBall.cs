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

/// <summary>
/// Polyak's heavy-ball method (1964), xₖ₊₁ = xₖ − η∇f(xₖ) + β(xₖ − xₖ₋₁): gradient descent with momentum,
/// with a fixed step. For a quadratic with eigenvalues in [μ, L], η = 4/(√L + √μ)² and
/// β = ((√L − √μ)/(√L + √μ))² give the rate (√κ − 1)/(√κ + 1).
/// </summary>
public sealed class HeavyBall : Minimizer<IGradientObjective, DescentState>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public HeavyBall(HeavyBallOptions? options = null)
    {
        Options = options ?? new HeavyBallOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public HeavyBallOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "Heavy-ball momentum";

    /// <inheritdoc/>
    protected override DescentState CreateState(IGradientObjective objective) => new(objective);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(DescentState state)
    {
        state.EvaluateStart();
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(DescentState state)
    {
        // d = −η∇f(xₖ) + β(xₖ − xₖ₋₁), taken with unit step; PreviousX equals X on the first iteration.
        var d = state.Direction;
        bool restart = Options.AdaptiveRestart && state.Value > state.PreviousValue;
        TensorPrimitives.Subtract(state.X, state.PreviousX, d);
        TensorPrimitives.Multiply(d, restart ? 0 : Options.Momentum, d);
        double largest = Options.StepSize * Math.Abs(TensorPrimitives.MaxMagnitude(state.Gradient));
        double bound = Options.MaximumGradientStep * Math.Max(1, Math.Abs(TensorPrimitives.MaxMagnitude(state.X)));
        double step = largest > bound ? Options.StepSize * bound / largest : Options.StepSize;
        TensorPrimitives.MultiplyAdd(state.Gradient, -step, d, d);
        return state.MoveAlong(1);
    }
}
