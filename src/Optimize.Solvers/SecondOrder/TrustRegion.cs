using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;
using Optimize.Solvers.TrustRegions;

namespace Optimize.Solvers.SecondOrder;

/// <summary>
/// The trust-region Newton method with the full Hessian (Nocedal &amp; Wright, Chapter 4) and a choice of
/// subproblem solver: exact (Moré–Sorensen, Algorithm 4.3), dogleg (§4.1) or Steihaug–Toint CG on the matrix.
/// Handles indefinite Hessians: the exact solver follows negative curvature to the boundary. The first radius is the
/// length of the model's steepest-descent minimizer (<see cref="TrustRegionNewtonOptions.CauchyInitialRadius"/>).
/// </summary>
public sealed class TrustRegion : TrustRegionMethod<IHessianObjective, TrustRegion.State>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public TrustRegion(TrustRegionNewtonOptions? options = null) : base((options ?? new()).Radius)
    {
        Options = options ?? new TrustRegionNewtonOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public TrustRegionNewtonOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => $"Trust region ({Options.Subproblem})";

    /// <summary>The state: the Hessian at xₖ and the subproblem workspaces.</summary>
    public sealed class State : TrustRegionState
    {
        internal State(IHessianObjective objective, double radius, TrustRegionSubproblem kind) : base(objective, radius)
        {
            int n = objective.Dimension;
            HessianObjective = objective;
            Hessian = new DenseMatrix(n, n);
            Subproblem = new MatrixSubproblemSolver(kind, Hessian);
        }

        internal readonly IHessianObjective HessianObjective;
        internal readonly DenseMatrix Hessian;
        internal readonly MatrixSubproblemSolver Subproblem;
    }

    /// <inheritdoc/>
    protected override State CreateState(IHessianObjective objective) => new(objective, Radius.InitialRadius, Options.Subproblem);

    /// <inheritdoc/>
    protected override void PrepareModel(State state)
    {
        state.HessianObjective.Hessian(state.X, state.Hessian);
        if (state.Iteration == 0 && Options.CauchyInitialRadius) state.Radius = CauchyRadius(state);
    }

    /// <summary>‖g‖³/(gᵀBg) at x₀ within [MinimumRadius, MaximumRadius], or the fixed Δ₀ where gᵀBg ≤ 0.</summary>
    private double CauchyRadius(State state)
    {
        state.Subproblem.Operator.Multiply(state.Gradient, state.Step);
        double curvature = TensorPrimitives.Dot(state.Gradient, state.Step);
        double norm = state.GradientNorm;
        double length = norm * norm * norm / curvature;
        return curvature > 0 && double.IsFinite(length) && length > 0
            ? Math.Clamp(length, Radius.MinimumRadius, Radius.MaximumRadius)
            : state.Radius;
    }

    /// <inheritdoc/>
    protected override SubproblemSolution SolveSubproblem(State state) =>
        state.Subproblem.Solve(state.Gradient, state.GradientNorm, state.Radius, state.Step);
}
