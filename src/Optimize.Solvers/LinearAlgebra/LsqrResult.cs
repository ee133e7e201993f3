namespace Optimize.Solvers.LinearAlgebra;

/// <summary>How an LSQR solve ended (Paige &amp; Saunders 1982, §6; the <c>istop</c> and norms of their Fortran code and of scipy's <c>lsqr</c>).</summary>
/// <param name="Stop">
/// <c>istop</c>: 0 x = 0 is the exact solution (b = 0 or Aᵀb = 0); 1 Ax − b is small enough for atol, btol (a
/// compatible system); 2 the least-squares optimality ‖Aᵀr‖/(‖A‖‖r‖) ≤ atol; 3 the condition estimate exceeded
/// conlim; 4–6 as 1–3 with atol = btol = ε, conlim = 1/ε; 7 the iteration limit.
/// </param>
/// <param name="Iterations">The iterations done (each one product with A and one with Aᵀ).</param>
/// <param name="ResidualNorm">‖b − Ax‖ (with damping λ: √(‖b − Ax‖² + λ²‖x‖²)).</param>
/// <param name="NormalResidualNorm">‖Aᵀ(b − Ax) − λ²x‖, the optimality measure.</param>
/// <param name="SolutionNorm">‖x‖.</param>
public sealed record LsqrResult(int Stop, int Iterations, double ResidualNorm, double NormalResidualNorm, double SolutionNorm)
{
    /// <summary>Whether a convergence test (istop 0–2 or 4–5) ended the solve, rather than the condition limit or the iteration limit.</summary>
    public bool Converged => Stop is 0 or 1 or 2 or 4 or 5;
}
