using Optimize.Constraints;

namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// Options of <see cref="CurveFit"/>, with the meanings of scipy's <c>curve_fit</c> arguments. Immutable; change
/// with <c>with</c>.
/// </summary>
public sealed record CurveFitOptions
{
    /// <summary>
    /// <c>sigma</c>: the uncertainty σᵢ of each yᵢ; residuals are (g(tᵢ; p) − yᵢ)/σᵢ. Default null (all 1). Every σᵢ
    /// must be positive and finite.
    /// </summary>
    public IReadOnlyList<double>? Sigma { get; init; }

    /// <summary>
    /// <c>absolute_sigma</c>: when true, σ is taken as the absolute uncertainty and the covariance is (JᵀJ)⁻¹; when false
    /// (default), σ gives relative weights only and the covariance is scaled by the residual variance
    /// s² = Σrᵢ²/(m − n).
    /// </summary>
    public bool AbsoluteSigma { get; init; }

    /// <summary><c>bounds</c> on the parameters, or null. With bounds the fit uses <see cref="TrustRegionReflective"/>, as scipy does.</summary>
    public Bounds? Bounds { get; init; }

    /// <summary>Options of the Levenberg–Marquardt fit (no bounds). Default: lmder's.</summary>
    public LevenbergMarquardtOptions LevenbergMarquardt { get; init; } = new();

    /// <summary>Options of the trust-region reflective fit (with bounds). Default: scipy's.</summary>
    public TrustRegionReflectiveOptions TrustRegionReflective { get; init; } = new();
}
