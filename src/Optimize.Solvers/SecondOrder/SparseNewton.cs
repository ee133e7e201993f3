using System.Numerics.Tensors;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;
using Optimize.Sparsity;

namespace Optimize.Solvers.SecondOrder;

/// <summary>
/// Newton's method on a sparse Hessian (Nocedal &amp; Wright, Algorithm 3.2, with Algorithm 3.3's added diagonal):
/// each iteration forms ∇²f from one Hessian-vector product per colour of a star colouring of the Hessian's pattern
/// and recovers it directly (Gebremedhin, Manne &amp; Pothen, SIAM Review 47(4), 2005), factors it by a sparse
/// Cholesky (<see cref="SparseCholesky"/>), and searches along the Newton direction from α = 1.
/// </summary>
/// <remarks>
/// The cost per iteration is p Hessian-vector products (p = 3 for a tridiagonal Hessian, whatever n) plus a sparse
/// factorization, against n products and an n×n dense factorization for <see cref="Newton"/>; unlike Newton-CG the
/// step is exact however ill-conditioned the Hessian. The pattern comes from the options; without one the Hessian
/// is taken dense.
/// </remarks>
public sealed class SparseNewton : Minimizer<IHessianVectorObjective, SparseNewton.State>
{
    /// <summary>Creates the method.</summary>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public SparseNewton(SparseNewtonOptions? options = null)
    {
        Options = options ?? new SparseNewtonOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public SparseNewtonOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "Newton (sparse Hessian, star colouring, sparse Cholesky)";

    /// <summary>The state: the colouring, the sparse Hessian and its factorization, allocated once.</summary>
    public sealed class State : DescentState
    {
        internal State(IHessianVectorObjective objective, SparsityPattern pattern) : base(objective)
        {
            int n = objective.Dimension;
            HessianObjective = objective;
            Coloring = StarColoring.Compute(pattern);
            Hessian = new SparseSymmetricMatrix(pattern);
            Factorization = new SparseCholesky(pattern);
            Seed = new double[n];
            Compressed = new double[n * Coloring.ColorCount];
        }

        internal readonly IHessianVectorObjective HessianObjective;
        internal readonly SparseSymmetricMatrix Hessian;
        internal readonly SparseCholesky Factorization;
        internal readonly double[] Seed, Compressed;

        /// <summary>The star colouring of the Hessian's pattern: <see cref="StarColoring.ColorCount"/> products per Hessian.</summary>
        public StarColoring Coloring { get; }

        /// <summary>Iterations whose Hessian needed a shift τ &gt; 0.</summary>
        public int ModifiedIterations { get; internal set; }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The pattern's dimension differs from the objective's.</exception>
    protected override State CreateState(IHessianVectorObjective objective)
    {
        int n = objective.Dimension;
        SparsityPattern pattern = Options.HessianPattern ?? SparsityPattern.Banded(n, n, n - 1, n - 1);
        if (pattern.Columns != n)
            throw new ArgumentException(
                $"HessianPattern is {pattern.Rows}×{pattern.Columns}; expected {n}×{n} for the objective.", nameof(objective));
        return new State(objective, pattern);
    }

    /// <inheritdoc/>
    protected override TerminationReason? Initialize(State state)
    {
        state.EvaluateStart();
        return null;
    }

    /// <inheritdoc/>
    protected override TerminationReason? Update(State state)
    {
        int n = state.X.Length;
        StarColoring coloring = state.Coloring;
        for (int c = 0; c < coloring.ColorCount; c++)
        {
            coloring.Seed(c, state.Seed);
            state.HessianObjective.HessianVector(state.X, state.Seed, state.Compressed.AsSpan(c * n, n));
        }
        coloring.Recover(state.Compressed, state.Hessian);
        if (!state.Factorization.FactorWithAddedDiagonal(state.Hessian)) return TerminationReason.NonFiniteValue;
        if (state.Factorization.Shift > 0) state.ModifiedIterations++;
        TensorPrimitives.Negate(state.Gradient, state.Direction);
        state.Factorization.Solve(state.Direction);
        return state.SearchAndMove(Options.LineSearch, InitialStep.Unit, maximumInitialStep: 1);
    }

    /// <inheritdoc/>
    protected override void AddDiagnostics(State state, IDictionary<string, double> diagnostics)
    {
        diagnostics["colours"] = state.Coloring.ColorCount;
        diagnostics["factor nonzeros"] = state.Factorization.FactorNonZeroCount;
        diagnostics["modified Hessians"] = state.ModifiedIterations;
    }
}
