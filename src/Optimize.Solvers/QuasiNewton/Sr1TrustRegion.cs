using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;
using Optimize.Solvers.TrustRegions;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.QuasiNewton;

/// <summary>
/// The symmetric-rank-one quasi-Newton method in a trust region (Nocedal &amp; Wright, Algorithm 6.2):
/// B⁺ = B + (y − Bs)(y − Bs)ᵀ/((y − Bs)ᵀs), skipped when the denominator is small (eq. 6.26), applied after
/// every trial step, accepted or not, once an accepted step has scaled B₀. SR1 matrices may be indefinite, which the trust region tolerates.
/// Needs gradients only.
/// </summary>
public sealed class Sr1TrustRegion : TrustRegionMethod<IGradientObjective, Sr1TrustRegion.State>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public Sr1TrustRegion(Sr1TrustRegionOptions? options = null) : base((options ?? new()).Radius)
    {
        Options = options ?? new Sr1TrustRegionOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public Sr1TrustRegionOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => $"SR1 trust region ({Options.Subproblem})";

    /// <summary>The state: the SR1 approximation Bₖ of ∇²f and work vectors.</summary>
    public sealed class State : TrustRegionState
    {
        internal State(IGradientObjective objective, double radius, TrustRegionSubproblem kind) : base(objective, radius)
        {
            int n = objective.Dimension;
            Hessian = DenseMatrix.CreateIdentity(n);
            Subproblem = new MatrixSubproblemSolver(kind, Hessian);
            Residual = new double[n];
            Product = new double[n];
        }

        /// <summary>Bₖ.</summary>
        public DenseMatrix Hessian { get; }

        internal readonly MatrixSubproblemSolver Subproblem;
        internal readonly double[] Residual, Product;
        internal bool Scaled;
    }

    /// <inheritdoc/>
    protected override State CreateState(IGradientObjective objective) => new(objective, Radius.InitialRadius, Options.Subproblem);

    /// <inheritdoc/>
    protected override SubproblemSolution SolveSubproblem(State state) =>
        state.Subproblem.Solve(state.Gradient, state.GradientNorm, state.Radius, state.Step);

    /// <summary>True: SR1 updates Bₖ from rejected trials as well (Algorithm 6.2), so it needs ∇f there.</summary>
    protected override bool UsesRejectedTrials => true;

    /// <inheritdoc/>
    protected override void AfterTrial(State state, bool accepted)
    {
        var s = state.Step;
        var r = state.Residual;
        TensorPrimitives.Subtract(state.TrialGradient, state.Gradient, r);
        // B₀ is scaled from an accepted step only, and no trial updates B before that: a rejected trial may lie
        // where ∇f is huge (Osborne 1 from its standard start: ‖∇f‖ = 7.6e47), and the pair it gives describes
        // no curvature the iterates will meet.
        if (!state.Scaled && !accepted) return;
        if (!state.Scaled)
        {
            // B₀ = (yᵀy/yᵀs)·I before the first update (the inverse of Nocedal & Wright's eq. 6.20).
            double ys = TensorPrimitives.Dot(r, s);
            if (ys > 0)
            {
                state.Hessian.Multiply(TensorPrimitives.Dot(r, r) / ys, state.Hessian);
                state.Scaled = true;
            }
        }
        // r = y − Bs.
        state.Subproblem.Operator.Multiply(s, state.Product);
        TensorPrimitives.Subtract(r, state.Product, r);
        double denominator = TensorPrimitives.Dot(r, s);
        if (!(Math.Abs(denominator) >= Options.SkipThreshold * TensorPrimitives.Norm(s) * TensorPrimitives.Norm(r)) || denominator == 0) return;
        int n = s.Length;
        var values = state.Hessian.Values.AsSpan();
        for (int j = 0; j < n; j++)
        {
            var column = values.Slice(j * n, n);
            TensorPrimitives.MultiplyAdd(r, r[j] / denominator, column, column);
        }
    }
}
