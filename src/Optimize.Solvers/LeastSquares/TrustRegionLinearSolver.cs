namespace Optimize.Solvers.LeastSquares;

/// <summary>How <see cref="TrustRegionReflective"/> solves its trust-region subproblems (scipy's <c>tr_solver</c>).</summary>
public enum TrustRegionLinearSolver
{
    /// <summary>Dense when no sparsity pattern is given, LSQR otherwise.</summary>
    Automatic,

    /// <summary>
    /// The exact subproblem from the singular values of the scaled, augmented Jacobian (after a thin QR), with
    /// Moré's Levenberg–Marquardt iteration on its secular equation (scipy's <c>tr_solver='exact'</c>). Dense; O(mn²)
    /// per Jacobian.
    /// </summary>
    Exact,

    /// <summary>
    /// The Gauss–Newton step of the regularized problem by LSQR (matrix-free: products with J and Jᵀ only), then the
    /// exact subproblem in the two-dimensional subspace spanned by it and the gradient (scipy's
    /// <c>tr_solver='lsmr'</c>, with LSQR in place of LSMR). For large sparse problems.
    /// </summary>
    Lsqr,
}
