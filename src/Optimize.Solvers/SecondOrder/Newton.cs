using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;
using Optimize.Solvers.LinearAlgebra;

namespace Optimize.Solvers.SecondOrder;

/// <summary>
/// Newton's method with Hessian modification and a line search (Nocedal &amp; Wright, Algorithm 3.2):
/// solve (∇²f + E)d = −∇f with E making the matrix sufficiently positive definite, then search from α = 1.
/// Quadratic convergence near a minimizer with positive definite Hessian. Needs full Hessians.
/// </summary>
public sealed class Newton : Minimizer<IHessianObjective, Newton.State>
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public Newton(NewtonOptions? options = null)
    {
        Options = options ?? new NewtonOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public NewtonOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => $"Newton ({Options.Modification})";

    /// <summary>The state: the Hessian and its factorization.</summary>
    public sealed class State : DescentState
    {
        internal State(IHessianObjective objective) : base(objective)
        {
            int n = objective.Dimension;
            HessianObjective = objective;
            Hessian = new DenseMatrix(n, n);
            Factorization = new SymmetricFactorization(n);
        }

        internal readonly IHessianObjective HessianObjective;
        internal readonly DenseMatrix Hessian;
        internal readonly SymmetricFactorization Factorization;

        /// <summary>Iterations whose Hessian needed modification (a shift τ &gt; 0 or a corrected eigenvalue).</summary>
        public int ModifiedIterations { get; internal set; }
    }

    /// <inheritdoc/>
    protected override State CreateState(IHessianObjective objective) => new(objective);

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        state.EvaluateStart();
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        state.HessianObjective.Hessian(state.X, state.Hessian);
        bool solved = Options.Modification == HessianModification.ModifiedCholesky
            ? SolveModifiedCholesky(state)
            : SolveEigenvalueCorrection(state);
        if (!solved) return TerminationReason.NonFiniteValue;
        return state.SearchAndMove(Options.LineSearch, InitialStep.Unit, maximumInitialStep: 1);
    }

    /// <inheritdoc/>
    protected override void AddDiagnostics(State state, IDictionary<string, double> diagnostics) =>
        diagnostics["modified Hessians"] = state.ModifiedIterations;

    private static bool SolveModifiedCholesky(State state)
    {
        if (!state.Factorization.FactorWithAddedDiagonal(state.Hessian)) return false;
        if (state.Factorization.Shift > 0) state.ModifiedIterations++;
        TensorPrimitives.Negate(state.Gradient, state.Direction);
        state.Factorization.Solve(state.Direction);
        return true;
    }

    private static bool SolveEigenvalueCorrection(State state)
    {
        for (int i = 0; i < state.Hessian.Values.Length; i++)
            if (!double.IsFinite(state.Hessian.Values[i])) return false;
        var decomposition = state.Hessian.Evd(Symmetricity.Symmetric);
        var vectors = (DenseMatrix)decomposition.EigenVectors;
        var eigenvalues = decomposition.EigenValues;
        int n = state.X.Length;
        double largest = 0;
        for (int i = 0; i < n; i++) largest = Math.Max(largest, Math.Abs(eigenvalues[i].Real));
        double floor = Math.Sqrt(MachineEpsilon) * Math.Max(1, largest);
        bool modified = false;
        var d = state.Direction.AsSpan();
        d.Clear();
        var columns = vectors.Values.AsSpan();
        for (int i = 0; i < n; i++)
        {
            double lambda = eigenvalues[i].Real;
            double corrected = Math.Max(Math.Abs(lambda), floor);
            modified |= corrected != lambda;
            var v = columns.Slice(i * n, n);
            TensorPrimitives.MultiplyAdd(v, -TensorPrimitives.Dot(v, state.Gradient) / corrected, d, d);
        }
        if (modified) state.ModifiedIterations++;
        return true;
    }
}
