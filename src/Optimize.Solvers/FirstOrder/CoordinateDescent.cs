using Optimize.Oracles;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.FirstOrder;

/// <summary>
/// Coordinate descent (Wright 2015, "Coordinate descent algorithms", Math. Program. 151): one iteration is a
/// sweep of n single-coordinate steps xᵢ ← xᵢ + δ. With Hessian-vector products (the objective implements
/// <see cref="IHessianVectorObjective"/>) the step is the coordinate Newton step δ = −∂ᵢf/∂ᵢᵢf with the curvature
/// ∂ᵢᵢf = (∇²f·eᵢ)ᵢ, which is the exact line minimizer on a quadratic; otherwise it is the gradient-coordinate step
/// δ = −∂ᵢf/Lᵢ with a per-coordinate Lipschitz estimate Lᵢ. Either step is safeguarded by halving (or doubling Lᵢ)
/// until f decreases sufficiently. Every step evaluates the full gradient, so a sweep costs n gradient calls. With
/// bounds each coordinate step is clamped to the box (Wright 2015, §3: coordinate descent for box constraints), and
/// the driver's gradient tests read the projected gradient.
/// </summary>
public sealed class CoordinateDescent : Minimizer<IGradientObjective, CoordinateDescent.State>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public CoordinateDescent(CoordinateDescentOptions? options = null)
    {
        Options = options ?? new CoordinateDescentOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public CoordinateDescentOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => $"Coordinate descent ({Options.Order})";

    /// <summary>Yes: a coordinate step that would leave the box is clamped to the bound, so every iterate stays inside.</summary>
    public override bool SupportsBounds => true;

    /// <summary>The state: unit vector, Hessian column and per-coordinate Lipschitz estimates.</summary>
    public sealed class State : MinimizerState
    {
        internal State(IGradientObjective objective, int seed) : base(objective.Dimension, hasGradient: true)
        {
            int n = objective.Dimension;
            Objective = objective;
            Curvature = objective as IHessianVectorObjective;
            Unit = new double[n];
            Column = new double[n];
            Trial = new double[n];
            TrialGradient = new double[n];
            Lipschitz = new double[n];
            Array.Fill(Lipschitz, 1.0);
            Random = new Random(seed);
        }

        internal readonly IGradientObjective Objective;
        internal readonly IHessianVectorObjective? Curvature;
        internal readonly double[] Unit, Column, Trial, TrialGradient, Lipschitz;
        internal readonly Random Random;
    }

    /// <inheritdoc/>
    protected override State CreateState(IGradientObjective objective) => new(objective, Options.Seed);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        state.EvaluateValueAndGradient(state.Objective);
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        int n = state.X.Length;
        state.RememberCurrent();
        for (int k = 0; k < n; k++)
        {
            int i = Options.Order == CoordinateOrder.Cyclic ? k : state.Random.Next(n);
            if (Step(state, i) is { } stop)
            {
                state.UpdateGradientNorm();
                return stop;
            }
        }
        // Random draws may all have hit coordinates that cannot move: try each coordinate once before the driver
        // takes the unchanged x for a null step.
        for (int i = 0; Options.Order == CoordinateOrder.Randomized && i < n && state.X.AsSpan().SequenceEqual(state.PreviousX); i++)
        {
            if (Step(state, i) is { } stop)
            {
                state.UpdateGradientNorm();
                return stop;
            }
        }
        state.UpdateGradientNorm();
        state.StepLength = Math.Sqrt(SquaredDistance(state.X, state.PreviousX));
        return null;
    }

    private TerminationReason? Step(State state, int i)
    {
        double gi = state.Gradient[i];
        if (gi == 0) return null;
        double delta;
        bool newton = false;
        if (state.Curvature is { } curvature)
        {
            state.Unit[i] = 1;
            curvature.HessianVector(state.X, state.Unit, state.Column);
            state.Unit[i] = 0;
            double hii = state.Column[i];
            newton = hii > 0 && double.IsFinite(hii);
            delta = newton ? -gi / hii : -gi / state.Lipschitz[i];
        }
        else
        {
            delta = -gi / state.Lipschitz[i];
        }

        if (state.Bounds is { } bounds)
        {
            // A step that would leave the box stops at the bound (clamped coordinate step); none at a blocking bound.
            delta = Math.Clamp(state.X[i] + delta, bounds.Lower[i], bounds.Upper[i]) - state.X[i];
            if (delta == 0) return null;
        }
        state.X.CopyTo(state.Trial, 0);
        for (int attempt = 0; attempt < 60; attempt++)
        {
            state.Trial[i] = state.X[i] + delta;
            double value = state.Objective.ValueAndGradient(state.Trial, state.TrialGradient);
            if (double.IsNegativeInfinity(value)) return Accept(state, i, value) ?? TerminationReason.Unbounded;
            if (double.IsFinite(value) && value <= state.Value + Options.SufficientDecrease * delta * gi && value < state.Value
                && double.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(state.TrialGradient)))
            {
                if (!newton && attempt == 0) state.Lipschitz[i] *= 0.5;
                return Accept(state, i, value);
            }
            delta *= 0.5;
            if (!newton) state.Lipschitz[i] *= 2;
        }
        return null;
    }

    private static TerminationReason? Accept(State state, int i, double value)
    {
        state.X[i] = state.Trial[i];
        state.TrialGradient.CopyTo(state.Gradient, 0);
        state.Value = value;
        return null;
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return sum;
    }
}
