using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.TrustRegions;

/// <summary>
/// The trust-region iteration shared by <see cref="SteihaugTrustRegion"/>, <see cref="TrustRegion"/> and
/// <see cref="QuasiNewton.Sr1TrustRegion"/> (Nocedal &amp; Wright, Algorithm 4.1): each driver iteration
/// solves subproblems, shrinking the radius, until a step is accepted. A trial is judged by f alone; ∇f is evaluated
/// where the step is accepted. When both the actual and the predicted reduction are below the round-off of f, ρ is
/// replaced by the verdict of the gradient (accept when ‖∇f‖ drops). A non-finite f at a trial point shrinks the radius.
/// </summary>
/// <typeparam name="TObjective">The oracle needed.</typeparam>
/// <typeparam name="TState">The state.</typeparam>
public abstract class TrustRegionMethod<TObjective, TState> : Minimizer<TObjective, TState>
    where TObjective : class, IGradientObjective
    where TState : TrustRegionState
{
    /// <summary>Stores and validates the radius options.</summary>
    /// <param name="radius">The options; defaults when null.</param>
    protected TrustRegionMethod(TrustRegionOptions? radius)
    {
        Radius = radius ?? new TrustRegionOptions();
        Radius.Validate();
    }

    /// <summary>The radius management options.</summary>
    public TrustRegionOptions Radius { get; }

    /// <summary>Computes the model at xₖ (e.g. the Hessian) once per iteration.</summary>
    /// <param name="state">The state.</param>
    protected virtual void PrepareModel(TState state) { }

    /// <summary>Solves the subproblem for the current radius into <see cref="TrustRegionState.Step"/>.</summary>
    /// <param name="state">The state.</param>
    protected abstract SubproblemSolution SolveSubproblem(TState state);

    /// <summary>
    /// Called before the state moves (quasi-Newton updates) after every trial whose f and ∇f at xₖ + p were evaluated
    /// and finite: every trial when <see cref="UsesRejectedTrials"/>, otherwise accepted trials (and trials the
    /// gradient judged).
    /// </summary>
    /// <param name="state">The state; Gradient is ∇f(xₖ), TrialGradient ∇f(xₖ + p).</param>
    /// <param name="accepted">Whether the step will be taken.</param>
    protected virtual void AfterTrial(TState state, bool accepted) { }

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(TState state)
    {
        state.EvaluateValueAndGradient(state.Objective);
        return null;
    }

    /// <inheritdoc/>
    protected override void AddDiagnostics(TState state, IDictionary<string, double> diagnostics)
    {
        diagnostics["rejected steps"] = state.Rejections;
        diagnostics["radius"] = state.Radius;
    }

    /// <summary>
    /// Whether the method needs ∇f at rejected trial points too (SR1 updates its matrix from every trial). When
    /// false (the default) a trial point is judged by its value alone and ∇f is evaluated only where a step is
    /// accepted, or where f no longer resolves the reduction and the gradient decides.
    /// </summary>
    protected virtual bool UsesRejectedTrials => false;

    /// <inheritdoc/>
    protected sealed override TerminationReason? Update(TState state)
    {
        PrepareModel(state);
        // A model the oracle abandoned (cancellation or the time limit inside a Hessian) is not worth a trial.
        if (EvaluationCancellation.IsRequested) return TerminationReason.NoProgress;
        for (int attempt = 0; attempt < Radius.MaximumRejections; attempt++)
        {
            var solution = SolveSubproblem(state);
            double stepNorm = TensorPrimitives.Norm(state.Step);
            double predicted = -solution.ModelChange;
            TensorPrimitives.Add(state.X, state.Step, state.TrialPoint);
            bool withGradient = UsesRejectedTrials;
            double trialValue = withGradient
                ? state.Objective.ValueAndGradient(state.TrialPoint, state.TrialGradient)
                : state.Objective.Value(state.TrialPoint);
            double trialNorm = withGradient ? TensorPrimitives.Norm(state.TrialGradient) : 0;
            if (double.IsNegativeInfinity(trialValue)) return TerminationReason.Unbounded;
            if (!double.IsFinite(trialValue) || !double.IsFinite(trialNorm) || !(stepNorm > 0))
            {
                state.Rejections++;
                state.Radius = Radius.ShrinkFactor * (stepNorm > 0 ? stepNorm : state.Radius);
                if (state.Radius < Radius.MinimumRadius) return double.IsFinite(trialValue) ? TerminationReason.NoProgress : TerminationReason.NonFiniteValue;
                continue;
            }

            double actual = state.Value - trialValue;
            double rho = predicted > 0 ? actual / predicted : actual > 0 ? 1 : -1;
            // When f no longer resolves the change, judge the step by the gradient instead.
            double noise = 1e-14 * Math.Max(1, Math.Abs(state.Value));
            bool belowRoundoff = Math.Abs(actual) <= noise && Math.Abs(predicted) <= noise;
            if (belowRoundoff)
            {
                if (!withGradient && !EvaluateTrialGradient(state, out trialValue, out trialNorm)) return TerminationReason.NonFiniteValue;
                withGradient = true;
                rho = trialNorm < state.GradientNorm ? 1 : -1;
            }
            if (rho < Radius.ShrinkBelow) state.Radius = Radius.ShrinkFactor * stepNorm;
            else if (rho > Radius.ExpandAbove && stepNorm >= 0.99 * state.Radius) state.Radius = Math.Min(Radius.ExpandFactor * state.Radius, Radius.MaximumRadius);

            bool accepted = rho > Radius.AcceptanceRatio && (actual >= 0 || belowRoundoff);
            if (accepted && !withGradient)
            {
                if (!EvaluateTrialGradient(state, out trialValue, out trialNorm))
                {
                    // ∇f is not finite where f was: treat the point as one where f cannot be evaluated.
                    state.Rejections++;
                    state.Radius = Radius.ShrinkFactor * stepNorm;
                    if (state.Radius < Radius.MinimumRadius) return TerminationReason.NonFiniteValue;
                    continue;
                }
                withGradient = true;
            }
            if (withGradient) AfterTrial(state, accepted);
            if (accepted)
            {
                state.Gradient.CopyTo(state.PreviousGradient, 0);
                state.RememberCurrent();
                state.TrialPoint.CopyTo(state.X, 0);
                state.TrialGradient.CopyTo(state.Gradient, 0);
                state.Value = trialValue;
                state.GradientNorm = trialNorm;
                state.StepLength = stepNorm;
                return null;
            }
            state.Rejections++;
            if (state.Radius < Radius.MinimumRadius) return TerminationReason.NoProgress;
        }
        return TerminationReason.NoProgress;
    }

    /// <summary>∇f at the trial point, whose f was evaluated (and counted) already; false when it is not finite.</summary>
    private static bool EvaluateTrialGradient(TState state, out double value, out double norm)
    {
        value = MinimizerState.GradientAfterValue(state.Objective, state.TrialPoint, state.TrialGradient);
        norm = TensorPrimitives.Norm(state.TrialGradient);
        return double.IsFinite(value) && double.IsFinite(norm);
    }
}
