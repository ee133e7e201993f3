using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.QuasiNewton;

/// <summary>
/// Limited-memory BFGS (Nocedal 1980; Liu &amp; Nocedal 1989; Nocedal &amp; Wright, §7.2): the inverse-Hessian
/// approximation is applied through the two-loop recursion (Algorithm 7.4) over the last m pairs, with the
/// initial scaling γₖ = sᵀy/yᵀy (eq. 7.20). O(mn) work per iteration and no allocation after start-up.
/// </summary>
public sealed class Lbfgs : Minimizer<IGradientObjective, Lbfgs.State>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public Lbfgs(LbfgsOptions? options = null)
    {
        Options = options ?? new LbfgsOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public LbfgsOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "L-BFGS";

    /// <summary>The L-BFGS state: the ring buffers of correction pairs.</summary>
    public sealed class State : DescentState
    {
        internal State(IGradientObjective objective, int memory) : base(objective)
        {
            int n = objective.Dimension;
            Steps = new double[memory * n];
            GradientChanges = new double[memory * n];
            Rho = new double[memory];
            Alpha = new double[memory];
            Memory = memory;
        }

        internal readonly double[] Steps, GradientChanges, Rho, Alpha;
        internal readonly int Memory;
        internal int Count, Newest = -1;
        internal double Scaling = 1;

        internal Span<double> Step(int i) => Steps.AsSpan(i * X.Length, X.Length);

        internal Span<double> Change(int i) => GradientChanges.AsSpan(i * X.Length, X.Length);
    }

    /// <inheritdoc/>
    protected override State CreateState(IGradientObjective objective) => new(objective, Options.Memory);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        state.EvaluateStart();
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        TwoLoop(state);
        if (!(TensorPrimitives.Dot(state.Gradient, state.Direction) < 0))
        {
            // Restart from steepest descent when the memory no longer gives a descent direction.
            state.Count = 0;
            TensorPrimitives.Negate(state.Gradient, state.Direction);
        }
        // With no stored pair the direction is −∇f, in the units of ∇f: bound the first trial step.
        double bound = state.Newest < 0 ? state.UnitStepBound() : double.PositiveInfinity;
        if (state.SearchAndMove(Options.LineSearch, Options.InitialStep, bound) is { } stop) return stop;
        Remember(state);
        return null;
    }

    /// <summary>d = −Hₖ∇f by the two-loop recursion (Nocedal &amp; Wright, Algorithm 7.4).</summary>
    private static void TwoLoop(State state)
    {
        var q = state.Direction.AsSpan();
        state.Gradient.CopyTo(q);
        int m = state.Memory;
        for (int k = 0; k < state.Count; k++)
        {
            int i = (state.Newest - k + m) % m;
            double alpha = state.Rho[i] * TensorPrimitives.Dot(state.Step(i), q);
            state.Alpha[i] = alpha;
            TensorPrimitives.MultiplyAdd(state.Change(i), -alpha, q, q);
        }
        TensorPrimitives.Multiply(q, state.Scaling, q);
        for (int k = state.Count - 1; k >= 0; k--)
        {
            int i = (state.Newest - k + m) % m;
            double beta = state.Rho[i] * TensorPrimitives.Dot(state.Change(i), q);
            TensorPrimitives.MultiplyAdd(state.Step(i), state.Alpha[i] - beta, q, q);
        }
        TensorPrimitives.Negate(q, q);
    }

    /// <summary>Stores sₖ = xₖ₊₁ − xₖ and yₖ = ∇fₖ₊₁ − ∇fₖ unless the curvature sᵀy is too small.</summary>
    private void Remember(State state)
    {
        int slot = (state.Newest + 1) % state.Memory;
        var s = state.Step(slot);
        var y = state.Change(slot);
        TensorPrimitives.Subtract(state.X, state.PreviousX, s);
        TensorPrimitives.Subtract(state.Gradient, state.PreviousGradient, y);
        double sy = TensorPrimitives.Dot(s, y), yy = TensorPrimitives.Dot(y, y);
        if (!(sy > Options.CurvatureThreshold * Math.Sqrt(TensorPrimitives.Dot(s, s) * yy)))
        {
            // The rejected pair overwrote the oldest slot: forget that pair too.
            state.Count = Math.Min(state.Count, state.Memory - 1);
            return;
        }
        state.Rho[slot] = 1 / sy;
        state.Scaling = sy / yy;
        state.Newest = slot;
        state.Count = Math.Min(state.Count + 1, state.Memory);
    }
}
