using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Solvers.FirstOrder;

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
