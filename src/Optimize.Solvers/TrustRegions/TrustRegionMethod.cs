using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.TrustRegions;

/// <summary>
/// The trust-region iteration shared by <see cref="SteihaugTrustRegion"/>, <see cref="TrustRegion"/> and
/// <see cref="QuasiNewton.Sr1TrustRegion"/> (Nocedal &amp; Wright, Algorithm 4.1): each driver iteration
/// solves subproblems, shrinking the radius, until a step is accepted. When both the actual and the predicted
/// reduction are below the round-off of f, ρ is replaced by the verdict of the gradient (accept when ‖∇f‖ drops).
/// A non-finite f at a trial point shrinks the radius.
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

    /// <summary>Called after every trial with finite f and ∇f at xₖ + p, before the state moves (quasi-Newton updates).</summary>
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

    /// <inheritdoc/>
    protected sealed override TerminationReason? Update(TState state)
    {
        PrepareModel(state);
        for (int attempt = 0; attempt < Radius.MaximumRejections; attempt++)
        {
            var solution = SolveSubproblem(state);
            double stepNorm = TensorPrimitives.Norm(state.Step);
            double predicted = -solution.ModelChange;
            TensorPrimitives.Add(state.X, state.Step, state.TrialPoint);
            double trialValue = state.Objective.ValueAndGradient(state.TrialPoint, state.TrialGradient);
            double trialNorm = TensorPrimitives.Norm(state.TrialGradient);
            if (double.IsNegativeInfinity(trialValue)) return TerminationReason.Unbounded;
            if (!double.IsFinite(trialValue) || !double.IsFinite(trialNorm) || !(stepNorm > 0))
            {
                state.Rejections++;
                state.Radius = 0.25 * (stepNorm > 0 ? stepNorm : state.Radius);
                if (state.Radius < Radius.MinimumRadius) return double.IsFinite(trialValue) ? TerminationReason.NoProgress : TerminationReason.NonFiniteValue;
                continue;
            }

            double actual = state.Value - trialValue;
            double rho = predicted > 0 ? actual / predicted : actual > 0 ? 1 : -1;
            // When f no longer resolves the change, judge the step by the gradient instead.
            double noise = 1e-14 * Math.Max(1, Math.Abs(state.Value));
            bool belowRoundoff = Math.Abs(actual) <= noise && Math.Abs(predicted) <= noise;
            if (belowRoundoff) rho = trialNorm < state.GradientNorm ? 1 : -1;
            if (rho < 0.25) state.Radius = 0.25 * stepNorm;
            else if (rho > 0.75 && stepNorm >= 0.99 * state.Radius) state.Radius = Math.Min(2 * state.Radius, Radius.MaximumRadius);

            bool accepted = rho > Radius.AcceptanceRatio && (actual >= 0 || belowRoundoff);
            AfterTrial(state, accepted);
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
}
