using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.FiniteDifferences;

/// <summary>
/// Checks user-supplied derivatives against finite differences, in the spirit of scipy's
/// <c>check_grad</c>, <c>torch.autograd.gradcheck</c> and Ceres' <c>GradientChecker</c>: each component passes
/// when its discrepancy is within a safety factor times the finite-difference error estimate (Ridders'
/// tableau estimate, or the step-doubling estimate plus the round-off bound for the other methods).
/// </summary>
public static class GradientChecker
{
    /// <summary>Compares the objective's gradient at <paramref name="x"/> with finite differences of its values.</summary>
    /// <param name="objective">The objective whose gradient is checked.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="options">Check options; defaults when null.</param>
    public static DerivativeCheckReport CheckGradient(IGradientObjective objective, ReadOnlySpan<double> x,
        DerivativeCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options = Checked(options);
        int n = objective.Dimension;
        Guard.Length(x.Length, n, nameof(x));
        var supplied = new double[n];
        objective.ValueAndGradient(x, supplied);
        var (estimate, errors) = Estimate(n, 1, (y, v) => v[0] = objective.Value(y), x, options);
        var comparisons = new List<DerivativeComparison>(n);
        for (int j = 0; j < n; j++)
            comparisons.Add(Compare($"g[{j}]", 0, j, supplied[j], estimate[j], errors[j], options));
        return new DerivativeCheckReport("gradient", options, comparisons);
    }

    /// <summary>
    /// Compares the objective's Hessian at <paramref name="x"/> with differences of its gradients, symmetrized;
    /// the error estimate of Hᵢⱼ adds the asymmetry ½|Ĥᵢⱼ − Ĥⱼᵢ| to the mean of the two entries' estimates.
    /// </summary>
    /// <param name="objective">The objective whose Hessian is checked (its gradient is the reference).</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="options">Check options; defaults when null.</param>
    public static DerivativeCheckReport CheckHessian(IHessianObjective objective, ReadOnlySpan<double> x,
        DerivativeCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options = Checked(options);
        int n = objective.Dimension;
        Guard.Length(x.Length, n, nameof(x));
        var supplied = Matrix<double>.Build.Dense(n, n);
        objective.Hessian(x, supplied);
        var (estimate, errors) = Estimate(n, n, (y, g) => objective.ValueAndGradient(y, g), x, options);
        var comparisons = new List<DerivativeComparison>(n * n);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                double hij = estimate[j * n + i], hji = estimate[i * n + j];
                double error = 0.5 * (errors[j * n + i] + errors[i * n + j]) + 0.5 * Math.Abs(hij - hji);
                comparisons.Add(Compare($"H[{i},{j}]", i, j, supplied[i, j], 0.5 * (hij + hji), error, options));
            }
        return new DerivativeCheckReport("Hessian", options, comparisons);
    }

    /// <summary>Compares the function's Jacobian at <paramref name="x"/> with finite differences of its values.</summary>
    /// <param name="function">The vector function whose Jacobian is checked.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="options">Check options; defaults when null.</param>
    public static DerivativeCheckReport CheckJacobian(IVectorFunction function, ReadOnlySpan<double> x,
        DerivativeCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        options = Checked(options);
        int n = function.Dimension, m = function.OutputDimension;
        Guard.Length(x.Length, n, nameof(x));
        var supplied = Matrix<double>.Build.Dense(m, n);
        function.Jacobian(x, supplied);
        var (estimate, errors) = Estimate(n, m, function.Evaluate, x, options);
        var comparisons = new List<DerivativeComparison>(m * n);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
                comparisons.Add(Compare($"J[{i},{j}]", i, j, supplied[i, j], estimate[j * m + i], errors[j * m + i], options));
        return new DerivativeCheckReport("Jacobian", options, comparisons);
    }

    /// <summary>The m×n finite-difference derivative of <paramref name="function"/> and its error estimates, column-major.</summary>
    private static (double[] Estimate, double[] Errors) Estimate(int n, int m, VectorValueFunction function,
        ReadOnlySpan<double> x, DerivativeCheckOptions options)
    {
        var estimate = new double[m * n];
        var errors = new double[m * n];
        var engine = new DifferenceEngine(n, m, function, options.FiniteDifferences);
        engine.Columns(x, ReadOnlySpan<double>.Empty, estimate, errors, StepSize.DefaultRelativeStep(options.FiniteDifferences.Method));
        return (estimate, errors);
    }

    private static DerivativeCheckOptions Checked(DerivativeCheckOptions? options)
    {
        options ??= new DerivativeCheckOptions();
        options.Validate();
        return options;
    }

    private static DerivativeComparison Compare(string label, int row, int column, double supplied, double estimated,
        double errorEstimate, DerivativeCheckOptions options)
    {
        double tolerance = Math.Max(options.SafetyFactor * errorEstimate,
            options.MinimumRelativeTolerance * Math.Max(1.0, Math.Abs(estimated)));
        return new DerivativeComparison(label, row, column, supplied, estimated, errorEstimate, tolerance);
    }
}
