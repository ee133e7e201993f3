using Optimize.Oracles;
using Optimize.Solvers.LinearAlgebra;
using Optimize.Solvers.TrustRegions;

namespace Optimize.Solvers.SecondOrder;

/// <summary>
/// The trust-region Newton method with Steihaug–Toint CG subproblems (Nocedal &amp; Wright, Algorithms 4.1 and
/// 7.2), using Hessian-vector products only: a matrix-free second-order method whose inner CG stops at
/// negative curvature, at the boundary, or at ‖r‖ ≤ min(0.5, √‖∇f‖)·‖∇f‖ (superlinear convergence, §7.1).
/// </summary>
public sealed class SteihaugTrustRegion : TrustRegionMethod<IHessianVectorObjective, SteihaugTrustRegion.State>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public SteihaugTrustRegion(SteihaugTrustRegionOptions? options = null) : base((options ?? new()).Radius)
    {
        Options = options ?? new SteihaugTrustRegionOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public SteihaugTrustRegionOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "Trust region (Steihaug–Toint CG, Hessian-vector products)";

    /// <summary>The state: the Hessian operator at xₖ and the CG workspace.</summary>
    public sealed class State : TrustRegionState
    {
        internal State(IHessianVectorObjective objective, double radius) : base(objective, radius)
        {
            Hessian = new HessianVectorOperator(objective, X);
            Solver = new SteihaugToint(objective.Dimension);
        }

        internal readonly HessianVectorOperator Hessian;
        internal readonly SteihaugToint Solver;
    }

    /// <inheritdoc/>
    protected override State CreateState(IHessianVectorObjective objective) => new(objective, Radius.InitialRadius);

    /// <inheritdoc/>
    protected override SubproblemSolution SolveSubproblem(State state)
    {
        int inner = Options.MaximumInnerIterations > 0 ? Options.MaximumInnerIterations : state.X.Length;
        double forcing = Math.Min(0.5, Math.Sqrt(state.GradientNorm));
        return state.Solver.Solve(state.Hessian, state.Gradient, state.Radius, state.Step, forcing, inner);
    }
}
