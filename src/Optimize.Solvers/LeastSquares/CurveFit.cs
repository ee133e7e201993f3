using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// One-call fitting of a model y = g(t; p) to data, as scipy's <c>curve_fit</c>: minimizes Σᵢ((g(tᵢ; p) − yᵢ)/σᵢ)² by
/// <see cref="LevenbergMarquardt"/> (or <see cref="TrustRegionReflective"/> with bounds) and estimates the covariance
/// of the parameters as s²(JᵀJ)⁻¹ from the weighted Jacobian at the solution, by the SVD pseudo-inverse that scipy
/// uses (scipy.optimize.curve_fit; for the statistics, Bates &amp; Watts, Nonlinear Regression Analysis and Its
/// Applications, Wiley 1988, §2.3).
/// </summary>
/// <example>
/// <code>
/// // Michaelis–Menten v = Vmax·s/(Km + s)
/// var fit = CurveFit.Fit((s, p) => p[0] * s / (p[1] + s), concentrations, rates, [0.2, 0.1]);
/// Console.WriteLine($"Vmax = {fit.Parameters[0]} ± {fit.StandardErrors[0]}");
/// </code>
/// </example>
public static class CurveFit
{
    /// <summary>Fits <paramref name="model"/> with its Jacobian by central finite differences.</summary>
    /// <param name="model">g(t, p).</param>
    /// <param name="t">The abscissae tᵢ.</param>
    /// <param name="y">The observations yᵢ, as many as <paramref name="t"/>.</param>
    /// <param name="initialParameters">p₀, finite.</param>
    /// <param name="options">Weights, bounds, solver options; defaults when null.</param>
    /// <exception cref="ArgumentException">Lengths differ, data are not finite, σ is not positive, or p₀ is invalid.</exception>
    public static CurveFitResult Fit(Func<double, double[], double> model, ReadOnlySpan<double> t, ReadOnlySpan<double> y,
        ReadOnlySpan<double> initialParameters, CurveFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return FitPredictions(new ModelPredictions(model, null, t.ToArray(), initialParameters.Length), y, initialParameters, options);
    }

    /// <summary>Fits <paramref name="model"/> with the hand-coded gradient ∂g/∂p.</summary>
    /// <param name="model">g(t, p).</param>
    /// <param name="gradient">(t, p, ∂g/∂p): writes the gradient with respect to p into the third argument.</param>
    /// <param name="t">The abscissae tᵢ.</param>
    /// <param name="y">The observations yᵢ.</param>
    /// <param name="initialParameters">p₀, finite.</param>
    /// <param name="options">Weights, bounds, solver options; defaults when null.</param>
    /// <exception cref="ArgumentException">As the finite-difference overload.</exception>
    public static CurveFitResult FitWithGradient(Func<double, double[], double> model, Action<double, double[], double[]> gradient,
        ReadOnlySpan<double> t, ReadOnlySpan<double> y, ReadOnlySpan<double> initialParameters, CurveFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gradient);
        return FitPredictions(new ModelPredictions(model, gradient, t.ToArray(), initialParameters.Length), y, initialParameters, options);
    }

    /// <summary>
    /// Fits model predictions given as a vector function p ↦ (g(t₁; p), …, g(tₘ; p)) with its Jacobian from any source
    /// (forward-mode AD over a model written once over the generic scalar, generated code, finite differences …).
    /// </summary>
    /// <param name="predictions">The predictions at every tᵢ, ℝⁿ → ℝᵐ.</param>
    /// <param name="y">The observations, length m.</param>
    /// <param name="initialParameters">p₀, finite, of length n.</param>
    /// <param name="options">Weights, bounds, solver options; defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="predictions"/> is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ, data are not finite, σ is not positive, or p₀ is invalid.</exception>
    public static CurveFitResult FitPredictions(IVectorFunction predictions, ReadOnlySpan<double> y, ReadOnlySpan<double> initialParameters,
        CurveFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        options ??= new CurveFitOptions();
        int m = predictions.OutputDimension, n = predictions.Dimension;
        Guard.Length(y.Length, m, nameof(y));
        Guard.Finite(y, nameof(y));
        Guard.Length(initialParameters.Length, n, nameof(initialParameters));
        var sigma = new double[m];
        if (options.Sigma is { } given)
        {
            if (given.Count != m)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"options.Sigma has length {given.Count}; expected one σ per observation ({m})."), nameof(options));
            for (int i = 0; i < m; i++)
            {
                if (!(given[i] > 0) || double.IsInfinity(given[i]))
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"options.Sigma[{i}] is {given[i]}; expected a positive finite number."), nameof(options));
                sigma[i] = given[i];
            }
        }
        else Array.Fill(sigma, 1.0);

        var residuals = new WeightedResiduals(predictions, y.ToArray(), sigma);
        var result = options.Bounds is null
            ? new LevenbergMarquardt(options.LevenbergMarquardt).Solve(residuals, initialParameters)
            : new TrustRegionReflective(options.TrustRegionReflective).Solve(residuals, initialParameters, options.Bounds);

        // The covariance from the Jacobian of the weighted residuals at the solution (one more evaluation).
        var jacobian = Matrix<double>.Build.Dense(m, n);
        residuals.Jacobian(result.Solution, jacobian);
        var covariance = PseudoInverseOfNormalMatrix(jacobian);
        double cost = 0;
        foreach (double r in result.Residuals) cost += r * r;
        double variance = m > n ? cost / (m - n) : double.PositiveInfinity;
        bool failed = false;
        for (int i = 0; i < n && !failed; i++)
            for (int j = 0; j < n; j++)
                if (double.IsNaN(covariance[i, j])) { failed = true; break; }
        if (failed || (!options.AbsoluteSigma && m <= n)) covariance = Matrix<double>.Build.Dense(n, n, double.PositiveInfinity);
        else if (!options.AbsoluteSigma) covariance *= variance;
        return new CurveFitResult(result.Solution, covariance, variance, result);
    }

    /// <summary>(JᵀJ)⁺ = V·diag(1/s²)·Vᵀ over the singular values above ε·max(m, n)·s₁, as scipy's curve_fit computes it.</summary>
    private static Matrix<double> PseudoInverseOfNormalMatrix(Matrix<double> jacobian)
    {
        int n = jacobian.ColumnCount;
        foreach (double value in jacobian.Enumerate())
            if (!double.IsFinite(value)) return Matrix<double>.Build.Dense(n, n, double.NaN);
        var svd = jacobian.Svd(true);
        var s = svd.S;
        var vt = svd.VT;
        double threshold = Minpack.MachineEpsilon * Math.Max(jacobian.RowCount, n) * (s.Count > 0 ? s[0] : 0);
        var result = Matrix<double>.Build.Dense(n, n);
        for (int k = 0; k < s.Count; k++)
        {
            if (!(s[k] > threshold)) continue;
            double weight = 1 / (s[k] * s[k]);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) result[i, j] += vt[k, i] * weight * vt[k, j];
        }
        return result;
    }

    /// <summary>rᵢ = (gᵢ(p) − yᵢ)/σᵢ and its Jacobian, rows divided by σᵢ.</summary>
    private sealed class WeightedResiduals(IVectorFunction predictions, double[] y, double[] sigma) : IVectorFunction
    {
        private readonly double[] buffer = new double[y.Length];

        public int Dimension => predictions.Dimension;
        public int OutputDimension => predictions.OutputDimension;

        public void Evaluate(ReadOnlySpan<double> x, Span<double> value)
        {
            predictions.Evaluate(x, value);
            for (int i = 0; i < y.Length; i++) value[i] = (value[i] - y[i]) / sigma[i];
        }

        public void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
        {
            predictions.Jacobian(x, jacobian);
            for (int i = 0; i < y.Length; i++)
                for (int j = 0; j < Dimension; j++) jacobian[i, j] /= sigma[i];
        }

        public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result)
        {
            predictions.JacobianVector(x, p, result);
            for (int i = 0; i < y.Length; i++) result[i] /= sigma[i];
        }

        public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
        {
            for (int i = 0; i < y.Length; i++) buffer[i] = w[i] / sigma[i];
            predictions.VectorJacobian(x, buffer, result);
        }
    }

    /// <summary>The predictions g(tᵢ; p) of a scalar model, with its gradient hand-coded or by central differences.</summary>
    private sealed class ModelPredictions : IVectorFunction
    {
        private readonly Func<double, double[], double> model;
        private readonly Action<double, double[], double[]>? gradient;
        private readonly double[] t;
        private readonly FiniteDifferenceVectorFunction? differences;

        public ModelPredictions(Func<double, double[], double> model, Action<double, double[], double[]>? gradient, double[] t, int parameters)
        {
            Guard.Positive(parameters, "initialParameters.Length");
            Guard.Positive(t.Length, nameof(t));
            Guard.Finite(t, nameof(t));
            this.model = model;
            this.gradient = gradient;
            this.t = t;
            Dimension = parameters;
            if (gradient is null) differences = new FiniteDifferenceVectorFunction(parameters, t.Length, Evaluate);
        }

        public int Dimension { get; }
        public int OutputDimension => t.Length;

        public void Evaluate(ReadOnlySpan<double> x, Span<double> value)
        {
            var p = x.ToArray();
            for (int i = 0; i < t.Length; i++) value[i] = model(t[i], p);
        }

        public void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
        {
            if (differences is not null)
            {
                differences.Jacobian(x, jacobian);
                return;
            }
            var p = x.ToArray();
            var row = new double[Dimension];
            for (int i = 0; i < t.Length; i++)
            {
                Array.Clear(row);
                gradient!(t[i], p, row);
                for (int j = 0; j < Dimension; j++) jacobian[i, j] = row[j];
            }
        }

        public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) =>
            DenseJacobianProducts.JacobianVector(this, x, v, result);

        public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result) =>
            DenseJacobianProducts.VectorJacobian(this, x, w, result);
    }
}
