using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.FiniteDifferences;

/// <summary>Options of <see cref="GradientChecker"/>.</summary>
public sealed record DerivativeCheckOptions
{
    /// <summary>How the reference derivatives are taken. Default: central differences with default steps.</summary>
    public FiniteDifferenceOptions FiniteDifferences { get; init; } = FiniteDifferenceOptions.Default;

    /// <summary>A component passes when |supplied − estimate| ≤ SafetyFactor × (the estimate's error estimate). Default 10; ≥ 1.</summary>
    public double SafetyFactor { get; init; } = 10.0;

    /// <summary>
    /// A floor on the tolerance, relative to max(1, |estimate|), so that a vanishing error estimate (f linear
    /// along a coordinate) does not demand more than round-off allows. Default 1e−10; in [0, 1).
    /// </summary>
    public double MinimumRelativeTolerance { get; init; } = 1e-10;

    /// <summary>How many of the worst components the report prints. Default 5; ≥ 1.</summary>
    public int WorstCount { get; init; } = 5;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the offending property unless the options are valid.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(FiniteDifferences, "options.FiniteDifferences");
        FiniteDifferences.Validate();
        if (!(SafetyFactor >= 1 && double.IsFinite(SafetyFactor)))
            throw new ArgumentException($"{nameof(SafetyFactor)} is {SafetyFactor}; expected a finite number ≥ 1.", "options");
        if (!(MinimumRelativeTolerance >= 0 && MinimumRelativeTolerance < 1))
            throw new ArgumentException($"{nameof(MinimumRelativeTolerance)} is {MinimumRelativeTolerance}; expected a number in [0, 1).", "options");
        if (WorstCount < 1)
            throw new ArgumentException($"{nameof(WorstCount)} is {WorstCount}; expected at least 1.", "options");
    }
}

/// <summary>One compared component of a derivative check.</summary>
/// <param name="Label">The component, e.g. "g[3]", "H[1,2]", "J[0,4]".</param>
/// <param name="Row">Its row (0 for gradients).</param>
/// <param name="Column">Its column (the coordinate for gradients).</param>
/// <param name="Supplied">The supplied (user's) value.</param>
/// <param name="Estimated">The finite-difference estimate.</param>
/// <param name="ErrorEstimate">The estimated error of <paramref name="Estimated"/>.</param>
/// <param name="Tolerance">The largest absolute error accepted for this component.</param>
public sealed record DerivativeComparison(string Label, int Row, int Column, double Supplied, double Estimated,
    double ErrorEstimate, double Tolerance)
{
    /// <summary>|supplied − estimated|.</summary>
    public double AbsoluteError => Math.Abs(Supplied - Estimated);

    /// <summary>|supplied − estimated| / max(|supplied|, |estimated|); 0 when both are 0.</summary>
    public double RelativeError
    {
        get
        {
            double scale = Math.Max(Math.Abs(Supplied), Math.Abs(Estimated));
            return scale == 0 ? 0 : AbsoluteError / scale;
        }
    }

    /// <summary>Absolute error over tolerance: above 1 means the component fails. NaN values rank worst.</summary>
    public double Severity => double.IsNaN(AbsoluteError) ? double.PositiveInfinity : AbsoluteError / Tolerance;

    /// <summary>Whether the component is within its tolerance.</summary>
    public bool Passed => AbsoluteError <= Tolerance;
}

/// <summary>The outcome of a derivative check: every component compared, the worst first in <see cref="ToString"/>.</summary>
public sealed class DerivativeCheckReport
{
    internal DerivativeCheckReport(string kind, DerivativeCheckOptions options, IReadOnlyList<DerivativeComparison> comparisons)
    {
        Kind = kind;
        Options = options;
        Comparisons = comparisons;
        Passed = comparisons.All(c => c.Passed);
    }

    /// <summary>What was checked: "gradient", "Hessian" or "Jacobian".</summary>
    public string Kind { get; }

    /// <summary>The options used.</summary>
    public DerivativeCheckOptions Options { get; }

    /// <summary>Every component, in storage order (column-major for matrices).</summary>
    public IReadOnlyList<DerivativeComparison> Comparisons { get; }

    /// <summary>Whether every component is within its tolerance.</summary>
    public bool Passed { get; }

    /// <summary>The components outside their tolerance.</summary>
    public IEnumerable<DerivativeComparison> Failures => Comparisons.Where(c => !c.Passed);

    /// <summary>The largest absolute error.</summary>
    public double MaxAbsoluteError => Comparisons.Max(c => c.AbsoluteError);

    /// <summary>The largest relative error.</summary>
    public double MaxRelativeError => Comparisons.Max(c => c.RelativeError);

    /// <summary>The <paramref name="count"/> components with the largest error relative to their tolerance.</summary>
    /// <param name="count">How many.</param>
    public IReadOnlyList<DerivativeComparison> Worst(int count)
    {
        Guard.Positive(count, nameof(count));
        return Comparisons.OrderByDescending(c => c.Severity).ThenBy(c => c.Column).ThenBy(c => c.Row).Take(count).ToList();
    }

    /// <summary>A summary line and a table of the worst components.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        int failures = Failures.Count();
        text.Append(c, $"{Kind} check ({Options.FiniteDifferences.Method} differences, {Comparisons.Count} components): ");
        text.AppendLine(Passed ? "PASSED" : $"FAILED in {failures} component{(failures == 1 ? "" : "s")}");
        text.AppendLine(c, $"max absolute error {MaxAbsoluteError:G3}, max relative error {MaxRelativeError:G3}; tolerance = {Options.SafetyFactor:G3} × error estimate");
        text.AppendLine(c, $"{"component",-10} {"supplied",15} {"finite diff.",15} {"abs. error",10} {"rel. error",10} {"tolerance",10}  status");
        foreach (var e in Worst(Options.WorstCount))
            text.AppendLine(c, $"{e.Label,-10} {e.Supplied,15:G8} {e.Estimated,15:G8} {e.AbsoluteError,10:G3} {e.RelativeError,10:G3} {e.Tolerance,10:G3}  {(e.Passed ? "ok" : "FAIL")}");
        return text.ToString();
    }
}

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
