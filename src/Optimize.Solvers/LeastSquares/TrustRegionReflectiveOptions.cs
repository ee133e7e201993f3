using Optimize.FiniteDifferences;

namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// Options of <see cref="TrustRegionReflective"/>, with the meanings and defaults of scipy's
/// <c>least_squares(method='trf')</c>. Immutable; change with <c>with</c>.
/// </summary>
public sealed record TrustRegionReflectiveOptions
{
    /// <summary>
    /// <c>ftol</c>: converged (<see cref="TerminationReason.FunctionChangeTolerance"/>) when a step with ratio &gt; ¼
    /// reduces the cost F by dF &lt; ftol·F. Default 1e-8; ≥ 0.
    /// </summary>
    public double FunctionTolerance { get; init; } = 1e-8;

    /// <summary><c>xtol</c>: converged (<see cref="TerminationReason.StepTolerance"/>) when ‖dx‖ &lt; xtol·(xtol + ‖x‖). Default 1e-8; ≥ 0.</summary>
    public double StepTolerance { get; init; } = 1e-8;

    /// <summary>
    /// <c>gtol</c>: converged (<see cref="TerminationReason.GradientTolerance"/>) when ‖v∘g‖∞ &lt; gtol, g the gradient of
    /// the cost and v the Coleman–Li scaling (the projected-gradient measure of the bounded problem). Default 1e-8; ≥ 0.
    /// </summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary><c>max_nfev</c>: the most evaluations of r (<see cref="TerminationReason.EvaluationLimit"/>). Default 0, meaning 100·n.</summary>
    public int MaximumEvaluations { get; init; }

    /// <summary>The robust loss and its scale (<c>loss</c>, <c>f_scale</c>). Default <see cref="RobustLoss.Linear"/>.</summary>
    public RobustLoss Loss { get; init; } = RobustLoss.Linear;

    /// <summary>
    /// <c>x_scale='jac'</c> when true: variables are scaled by the inverse of the largest column norms of J seen so far
    /// (as MINPACK's <c>diag</c>); when false (default, <c>x_scale=1</c>) they are not scaled.
    /// </summary>
    public bool ScaleByJacobian { get; init; }

    /// <summary>How trust-region subproblems are solved (<c>tr_solver</c>). Default <see cref="TrustRegionLinearSolver.Automatic"/>.</summary>
    public TrustRegionLinearSolver Solver { get; init; }

    /// <summary>
    /// The structure of J (<c>jac_sparsity</c>): when set, J is evaluated as a <see cref="SparseJacobian"/> by one JVP of
    /// the residual function per colour of a Curtis–Powell–Reid grouping (<see cref="ColoredJacobian"/>) and the
    /// subproblems are solved by LSQR. Default null (dense).
    /// </summary>
    public SparsityPattern? Sparsity { get; init; }

    /// <summary>LSQR's atol and btol for the Gauss–Newton step (scipy's LSMR default). Default 1e-6.</summary>
    public double LsqrTolerance { get; init; } = 1e-6;

    /// <summary>LSQR's iteration limit; 0 means min(m, n) (scipy's LSMR default). Default 0.</summary>
    public int LsqrMaximumIterations { get; init; }

    /// <summary>
    /// Whether the LSQR solve adds a Tikhonov term chosen from the Cauchy step's decrease (scipy's
    /// <c>tr_options={'regularize': True}</c>, after Byrd, Schnabel &amp; Shultz). Default true.
    /// </summary>
    public bool Regularize { get; init; } = true;

    /// <summary>The solver in force: <see cref="TrustRegionLinearSolver.Automatic"/> resolved by <see cref="Sparsity"/>.</summary>
    public TrustRegionLinearSolver EffectiveSolver =>
        Solver != TrustRegionLinearSolver.Automatic ? Solver : Sparsity is null ? TrustRegionLinearSolver.Exact : TrustRegionLinearSolver.Lsqr;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        NonNegative(FunctionTolerance, nameof(FunctionTolerance));
        NonNegative(StepTolerance, nameof(StepTolerance));
        NonNegative(GradientTolerance, nameof(GradientTolerance));
        if (!(LsqrTolerance >= 0) || double.IsInfinity(LsqrTolerance))
            throw new ArgumentOutOfRangeException(nameof(LsqrTolerance), LsqrTolerance, "LsqrTolerance must be finite and at least 0.");
        if (MaximumEvaluations < 0)
            throw new ArgumentOutOfRangeException(nameof(MaximumEvaluations), MaximumEvaluations, "MaximumEvaluations must be at least 0 (0 means 100·n).");
        if (LsqrMaximumIterations < 0)
            throw new ArgumentOutOfRangeException(nameof(LsqrMaximumIterations), LsqrMaximumIterations, "LsqrMaximumIterations must be at least 0.");
        ArgumentNullException.ThrowIfNull(Loss, nameof(Loss));
        Loss.Validate();
        if (Solver == TrustRegionLinearSolver.Exact && Sparsity is not null)
            throw new ArgumentException("Solver is Exact but a Sparsity pattern is set; the exact solver needs a dense Jacobian (use Lsqr or Automatic).", nameof(Solver));
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and at least 0.");
    }
}
