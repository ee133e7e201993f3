using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Solvers.LeastSquares;

/// <summary>The outcome of <see cref="CurveFit"/>: parameters, their covariance and standard errors, and the solve's result.</summary>
public sealed class CurveFitResult
{
    internal CurveFitResult(double[] parameters, Matrix<double> covariance, double residualVariance, LeastSquaresResult result)
    {
        Parameters = parameters;
        Covariance = covariance;
        ResidualVariance = residualVariance;
        Result = result;
        StandardErrors = Enumerable.Range(0, parameters.Length).Select(i => Math.Sqrt(covariance[i, i])).ToArray();
    }

    /// <summary>The fitted parameters p̂ (scipy's <c>popt</c>).</summary>
    public double[] Parameters { get; }

    /// <summary>
    /// The estimated covariance of p̂ (scipy's <c>pcov</c>): (JᵀJ)⁺ from the SVD of the weighted Jacobian at p̂ (singular
    /// values below ε·max(m, n)·s₁ dropped), times s² unless <see cref="CurveFitOptions.AbsoluteSigma"/>; every entry
    /// is +∞ when it cannot be estimated (m ≤ n without absolute σ, or a non-finite Jacobian).
    /// </summary>
    public Matrix<double> Covariance { get; }

    /// <summary>The standard errors √diag(<see cref="Covariance"/>).</summary>
    public double[] StandardErrors { get; }

    /// <summary>s² = Σrᵢ²/(m − n) of the weighted residuals at p̂ (+∞ when m ≤ n).</summary>
    public double ResidualVariance { get; }

    /// <summary>The underlying least-squares result (convergence, counts, message).</summary>
    public LeastSquaresResult Result { get; }
}
