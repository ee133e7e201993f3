using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;
using Optimize.Solvers.LinearAlgebra;
using Optimize.Solvers.TrustRegions;

namespace Optimize.Solvers.QuasiNewton;

/// <summary>Options of <see cref="Sr1TrustRegion"/>.</summary>
public sealed record Sr1TrustRegionOptions
{
    /// <summary>The subproblem solver for the (possibly indefinite) SR1 matrix. Default Steihaug–Toint CG.</summary>
    public TrustRegionSubproblem Subproblem { get; init; } = TrustRegionSubproblem.SteihaugToint;

    /// <summary>Radius management. Default <see cref="TrustRegionOptions"/> defaults.</summary>
    public TrustRegionOptions Radius { get; init; } = new();

    /// <summary>r of the skip rule: update only when |sᵀ(y − Bs)| ≥ r‖s‖‖y − Bs‖ (Nocedal &amp; Wright, eq. 6.26). Default 1e-8.</summary>
    public double SkipThreshold { get; init; } = 1e-8;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Subproblem)) throw new ArgumentOutOfRangeException(nameof(Subproblem), Subproblem, "Unknown subproblem solver.");
        ArgumentNullException.ThrowIfNull(Radius, nameof(Radius));
        Radius.Validate();
        DriverOptions.Between(SkipThreshold, 0, 1, nameof(SkipThreshold));
    }
}

/// <summary>
/// The symmetric-rank-one quasi-Newton method in a trust region (Nocedal &amp; Wright, Algorithm 6.2):
/// B⁺ = B + (y − Bs)(y − Bs)ᵀ/((y − Bs)ᵀs), skipped when the denominator is small (eq. 6.26), applied after
/// every trial step, accepted or not. SR1 matrices may be indefinite, which the trust region tolerates.
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
            Operator = new MatrixOperator(Hessian);
            Residual = new double[n];
            Product = new double[n];
            Exact = kind == TrustRegionSubproblem.Exact ? new MoreSorensen(n) : null;
            Dogleg = kind == TrustRegionSubproblem.Dogleg ? new Dogleg(n) : null;
            Steihaug = kind == TrustRegionSubproblem.SteihaugToint ? new SteihaugToint(n) : null;
        }

        /// <summary>Bₖ.</summary>
        public DenseMatrix Hessian { get; }

        internal readonly MatrixOperator Operator;
        internal readonly double[] Residual, Product;
        internal readonly MoreSorensen? Exact;
        internal readonly Dogleg? Dogleg;
        internal readonly SteihaugToint? Steihaug;
        internal bool Scaled;
    }

    /// <inheritdoc/>
    protected override State CreateState(IGradientObjective objective) => new(objective, Radius.InitialRadius, Options.Subproblem);

    /// <inheritdoc/>
    protected override SubproblemSolution SolveSubproblem(State state)
    {
        if (state.Exact is { } exact) return exact.Solve(state.Hessian, state.Operator, state.Gradient, state.Radius, state.Step);
        if (state.Dogleg is { } dogleg) return dogleg.Solve(state.Hessian, state.Operator, state.Gradient, state.Radius, state.Step);
        double forcing = Math.Min(0.5, Math.Sqrt(state.GradientNorm));
        return state.Steihaug!.Solve(state.Operator, state.Gradient, state.Radius, state.Step, forcing, state.X.Length);
    }

    /// <inheritdoc/>
    protected override void AfterTrial(State state, bool accepted)
    {
        var s = state.Step;
        var r = state.Residual;
        TensorPrimitives.Subtract(state.TrialGradient, state.Gradient, r);
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
        state.Operator.Multiply(s, state.Product);
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
