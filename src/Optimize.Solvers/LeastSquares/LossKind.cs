namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// The shape ρ(z) of a robust loss on a squared residual z = r², as scipy's <c>least_squares</c> names them (see
/// <see cref="RobustLoss"/> for the formulas).
/// </summary>
public enum LossKind
{
    /// <summary>ρ(z) = z: ordinary least squares.</summary>
    Linear,

    /// <summary>ρ(z) = z for z ≤ 1, 2√z − 1 otherwise (Huber 1964).</summary>
    Huber,

    /// <summary>ρ(z) = 2(√(1 + z) − 1), a smooth approximation of the absolute value (pseudo-Huber).</summary>
    SoftL1,

    /// <summary>ρ(z) = ln(1 + z) (Cauchy or Lorentzian).</summary>
    Cauchy,

    /// <summary>ρ(z) = arctan(z), which bounds each residual's cost by π/2.</summary>
    Arctan,
}
