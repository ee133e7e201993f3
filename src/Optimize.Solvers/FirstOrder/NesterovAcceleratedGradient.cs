using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Solvers.FirstOrder;

/// <summary>
/// Nesterov's accelerated gradient method (Nesterov 1983; the FISTA form of Beck &amp; Teboulle 2009):
/// yₖ = xₖ + ((tₖ₋₁ − 1)/tₖ)(xₖ − xₖ₋₁), xₖ₊₁ = yₖ − ∇f(yₖ)/L, tₖ₊₁ = (1 + √(1 + 4tₖ²))/2, with O(1/k²)
/// convergence on convex functions; L fixed or estimated by backtracking.
/// </summary>
public sealed class NesterovAcceleratedGradient : Minimizer<IGradientObjective, NesterovAcceleratedGradient.State>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public NesterovAcceleratedGradient(NesterovOptions? options = null)
    {
        Options = options ?? new NesterovOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public NesterovOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "Nesterov accelerated gradient";

    /// <summary>The state: the extrapolated point and its gradient, the momentum parameter and L.</summary>
    public sealed class State : MinimizerState
    {
        internal State(IGradientObjective objective) : base(objective.Dimension, hasGradient: true)
        {
            int n = objective.Dimension;
            Objective = objective;
            Extrapolated = new double[n];
            ExtrapolatedGradient = new double[n];
            Trial = new double[n];
            TrialGradient = new double[n];
        }

        internal readonly IGradientObjective Objective;
        internal readonly double[] Extrapolated, ExtrapolatedGradient, Trial, TrialGradient;
        internal double T = 1, Lipschitz;
    }

    /// <inheritdoc/>
    protected override State CreateState(IGradientObjective objective) => new(objective);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        state.EvaluateValueAndGradient(state.Objective);
        state.Lipschitz = Options.StepSize is { } step ? 1 / step : Options.InitialLipschitz;
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        double tNext = (1 + Math.Sqrt(1 + 4 * state.T * state.T)) / 2;
        double momentum = (state.T - 1) / tNext;
        // y = x + momentum·(x − xₖ₋₁); at momentum 0 (first iteration or restart) y = x and ∇f(y) is known.
        TensorPrimitives.Subtract(state.X, state.PreviousX, state.Extrapolated);
        TensorPrimitives.MultiplyAdd(state.Extrapolated, momentum, state.X, state.Extrapolated);
        double extrapolatedValue = momentum == 0
            ? CopyCurrent(state)
            : state.Objective.ValueAndGradient(state.Extrapolated, state.ExtrapolatedGradient);
        if (!double.IsFinite(extrapolatedValue))
        {
            // Drop the momentum and take the step from x instead.
            state.T = 1;
            extrapolatedValue = CopyCurrent(state);
            tNext = 1;
        }
        double gradientSquared = TensorPrimitives.Dot(state.ExtrapolatedGradient, state.ExtrapolatedGradient);

        double trialValue = double.NaN;
        bool decreased = Options.StepSize is not null;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            TensorPrimitives.MultiplyAdd(state.ExtrapolatedGradient, -1 / state.Lipschitz, state.Extrapolated, state.Trial);
            trialValue = state.Objective.ValueAndGradient(state.Trial, state.TrialGradient);
            if (Options.StepSize is not null) break;
            // The decrease must be real: once gradientSquared/(2L) is below the rounding of f, equality would pass.
            decreased = double.IsFinite(trialValue) && trialValue <= extrapolatedValue - gradientSquared / (2 * state.Lipschitz)
                && (trialValue < extrapolatedValue || gradientSquared == 0);
            if (decreased) break;
            state.Lipschitz *= 2;
        }
        if (double.IsNegativeInfinity(trialValue)) return TerminationReason.Unbounded;
        if (!decreased && double.IsFinite(trialValue))
        {
            state.StopDetail = "no step along −∇f from the extrapolated point decreased f";
            return TerminationReason.NoProgress;
        }
        if (!double.IsFinite(trialValue) || !double.IsFinite(TensorPrimitives.Norm(state.TrialGradient)))
            return TerminationReason.NonFiniteValue;

        bool restart = Options.AdaptiveRestart && trialValue > state.Value;
        state.RememberCurrent();
        state.Trial.CopyTo(state.X, 0);
        state.TrialGradient.CopyTo(state.Gradient, 0);
        state.Value = trialValue;
        state.UpdateGradientNorm();
        state.StepLength = 1 / state.Lipschitz;
        state.T = restart ? 1 : tNext;
        return null;
    }

    private static double CopyCurrent(State state)
    {
        state.X.CopyTo(state.Extrapolated, 0);
        state.Gradient.CopyTo(state.ExtrapolatedGradient, 0);
        return state.Value;
    }
}
