using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Solvers.FirstOrder;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, Algorithm 1): xₖ₊₁ = xₖ − αₖ·m̂/(√v̂ + ε) with bias-corrected exponential averages
/// m of ∇f and v of ∇f². Meant for stochastic and neural-network losses; on deterministic problems it reaches
/// a neighbourhood of the minimizer whose size shrinks with α.
/// </summary>
public sealed class Adam : Minimizer<IGradientObjective, Adam.State>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public Adam(AdamOptions? options = null)
    {
        Options = options ?? new AdamOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public AdamOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "Adam";

    /// <summary>The state: the moment estimates.</summary>
    public sealed class State : MinimizerState
    {
        internal State(IGradientObjective objective) : base(objective.Dimension, hasGradient: true)
        {
            int n = objective.Dimension;
            Objective = objective;
            FirstMoment = new double[n];
            SecondMoment = new double[n];
            Work = new double[n];
            PreviousGradient = new double[n];
        }

        internal readonly IGradientObjective Objective;
        internal readonly double[] FirstMoment, SecondMoment, Work, PreviousGradient;
        internal double Beta1Power = 1, Beta2Power = 1;
    }

    /// <inheritdoc/>
    protected override State CreateState(IGradientObjective objective) => new(objective);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        state.EvaluateValueAndGradient(state.Objective);
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        var o = Options;
        var g = state.Gradient;
        var m = state.FirstMoment;
        var v = state.SecondMoment;
        var work = state.Work;
        TensorPrimitives.Multiply(m, o.Beta1, m);
        TensorPrimitives.MultiplyAdd(g, 1 - o.Beta1, m, m);
        TensorPrimitives.Multiply(g, g, work);
        TensorPrimitives.Multiply(v, o.Beta2, v);
        TensorPrimitives.MultiplyAdd(work, 1 - o.Beta2, v, v);
        state.Beta1Power *= o.Beta1;
        state.Beta2Power *= o.Beta2;

        double rate = o.LearningRate / (1 + o.LearningRateDecay * state.Iteration);
        // step = rate/(1 − β₁ᵏ) · m / (√(v/(1 − β₂ᵏ)) + ε)
        TensorPrimitives.Multiply(v, 1 / (1 - state.Beta2Power), work);
        TensorPrimitives.Sqrt(work, work);
        TensorPrimitives.Add(work, o.Epsilon, work);
        TensorPrimitives.Divide(m, work, work);

        g.CopyTo(state.PreviousGradient, 0);
        double previousNorm = state.GradientNorm;
        state.RememberCurrent();
        TensorPrimitives.MultiplyAdd(work, -rate / (1 - state.Beta1Power), state.X, state.X);
        state.Value = state.Objective.ValueAndGradient(state.X, g);
        state.UpdateGradientNorm();
        state.StepLength = rate;
        if (double.IsFinite(state.Value) && double.IsFinite(state.GradientNorm)) return null;
        if (double.IsNegativeInfinity(state.Value)) return TerminationReason.Unbounded;
        state.PreviousX.CopyTo(state.X, 0);
        state.PreviousGradient.CopyTo(g, 0);
        state.Value = state.PreviousValue;
        state.GradientNorm = previousNorm;
        return TerminationReason.NonFiniteValue;
    }
}
