using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;
using Optimize.Solvers.LinearAlgebra;

namespace Optimize.Solvers.SecondOrder;

/// <summary>
/// Line-search Newton-CG, the truncated Newton method (Nocedal &amp; Wright, Algorithm 7.1): CG on ∇²f·d = −∇f
/// with Hessian-vector products only, stopped at ‖r‖ ≤ min(0.5, √‖∇f‖)‖∇f‖ (eq. 7.3) or at the first direction of
/// nonpositive curvature, which is detected and never followed (the current CG iterate, or −∇f on the first
/// step, is used instead). Needs Hessian-vector products, not Hessians.
/// </summary>
public sealed class NewtonConjugateGradient : Minimizer<IHessianVectorObjective, NewtonConjugateGradient.State>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public NewtonConjugateGradient(NewtonConjugateGradientOptions? options = null)
    {
        Options = options ?? new NewtonConjugateGradientOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public NewtonConjugateGradientOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "Newton-CG (Hessian-vector products)";

    /// <summary>The state: the Hessian operator at xₖ and the CG work vectors.</summary>
    public sealed class State : DescentState
    {
        internal State(IHessianVectorObjective objective) : base(objective)
        {
            int n = objective.Dimension;
            Hessian = new HessianVectorOperator(objective, X);
            Residual = new double[n];
            CgDirection = new double[n];
            Product = new double[n];
        }

        internal readonly HessianVectorOperator Hessian;
        internal readonly double[] Residual, CgDirection, Product;

        /// <summary>Iterations in which the inner CG met nonpositive curvature.</summary>
        public int NegativeCurvatureIterations { get; internal set; }
    }

    /// <inheritdoc/>
    protected override State CreateState(IHessianVectorObjective objective) => new(objective);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        state.EvaluateStart();
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        int inner = Options.MaximumInnerIterations > 0 ? Options.MaximumInnerIterations : state.X.Length;
        if (TruncatedNewtonDirection(state, inner)) state.NegativeCurvatureIterations++;
        return state.SearchAndMove(Options.LineSearch, InitialStep.Unit, maximumInitialStep: 1);
    }

    /// <inheritdoc/>
    protected override int SlowProgressWindow(DriverOptions options) =>
        Math.Min(options.SlowProgressIterations, Options.SlowProgressIterations);

    /// <inheritdoc/>
    protected override void AddDiagnostics(State state, IDictionary<string, double> diagnostics) =>
        diagnostics["negative-curvature iterations"] = state.NegativeCurvatureIterations;

    /// <summary>Writes the inexact Newton direction into <see cref="DescentState.Direction"/>; returns whether negative curvature was met.</summary>
    private static bool TruncatedNewtonDirection(State state, int maximumIterations)
    {
        var z = state.Direction.AsSpan();
        var r = state.Residual.AsSpan();
        var d = state.CgDirection.AsSpan();
        var bd = state.Product.AsSpan();
        z.Clear();
        state.Gradient.CopyTo(r);
        TensorPrimitives.Negate(state.Gradient, d);
        double rr = TensorPrimitives.Dot(r, r);
        double tolerance = Math.Min(0.5, Math.Sqrt(state.GradientNorm)) * state.GradientNorm;
        for (int j = 0; j < maximumIterations; j++)
        {
            state.Hessian.Multiply(d, bd);
            double curvature = TensorPrimitives.Dot(d, bd);
            if (!(curvature > 0))
            {
                if (j == 0) TensorPrimitives.Negate(state.Gradient, z);
                return true;
            }
            double alpha = rr / curvature;
            TensorPrimitives.MultiplyAdd(d, alpha, z, z);
            TensorPrimitives.MultiplyAdd(bd, alpha, r, r);
            double rrNext = TensorPrimitives.Dot(r, r);
            if (Math.Sqrt(rrNext) <= tolerance) return false;
            TensorPrimitives.Multiply(d, rrNext / rr, d);
            TensorPrimitives.Subtract(d, r, d);
            rr = rrNext;
        }
        return false;
    }
}
