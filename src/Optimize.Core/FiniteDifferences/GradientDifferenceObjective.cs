using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;
using Optimize.Oracles;

namespace Optimize.FiniteDifferences;

/// <summary>
/// An objective with gradients extended to the full oracle contract by differences of gradients:
/// Hessian-vector products (∇f(x + δv) − ∇f(x))/δ (central: (∇f(x + δv) − ∇f(x − δv))/(2δ)) and Hessians one
/// column at a time, returned symmetrized as ½(Ĥ + Ĥᵀ) (Nocedal &amp; Wright, §8.1). With a sparsity pattern
/// the Hessian comes from one gradient difference per colour of a distance-2 colouring and is recovered
/// directly (Gebremedhin, Manne &amp; Pothen 2005; Powell &amp; Toint 1979). Create with
/// <see cref="FiniteDifferenceObjective.FromGradient"/>.
/// </summary>
/// <remarks>
/// Costs in gradient evaluations: HessianVector 2 (forward/backward; 1 plus the gradient at x), 2 (central);
/// Hessian n + 1 (forward/backward), 2n (central), colours + 1 or 2·colours when sparse. If f(x) or ∇f(x) is
/// not finite the results are NaN; a non-finite gradient at a perturbed point gives NaN results and reports the
/// <see cref="NonFiniteValueException"/>'s message on <see cref="Oracles.EvaluationFailure"/>. Not safe for
/// concurrent calls: it keeps work buffers; give each thread its own.
/// </remarks>
public sealed class GradientDifferenceObjective : IHessianObjective
{
    private readonly IGradientObjective inner;
    private readonly DifferenceEngine engine;
    private readonly double[] gradientAtX;
    private readonly ColumnColoring? coloring;
    private readonly int[] transposePosition = [];
    private readonly double[] nonZeros = [];
    private double[] hessianBuffer = [];

    internal GradientDifferenceObjective(IGradientObjective objective, FiniteDifferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options.Validate();
        inner = objective;
        Options = options;
        int n = objective.Dimension;
        gradientAtX = new double[n];
        engine = new DifferenceEngine(n, n, (x, g) => objective.ValueAndGradient(x, g), options);
        if (options.Sparsity is { } pattern)
        {
            if (pattern.Rows != n || pattern.Columns != n || !pattern.IsSymmetric)
                throw new ArgumentException(
                    $"options.Sparsity is a {pattern.Rows}×{pattern.Columns} pattern{(pattern.IsSymmetric ? "" : " that is not symmetric")}; " +
                    $"expected a symmetric {n}×{n} Hessian pattern.", nameof(options));
            coloring = ColumnColoring.Greedy(pattern);
            nonZeros = new double[pattern.NonZeroCount];
            transposePosition = new int[pattern.NonZeroCount];
            for (int j = 0; j < n; j++)
                for (int e = pattern.ColumnStart(j); e < pattern.ColumnStart(j + 1); e++)
                {
                    int i = pattern.RowIndex(e);
                    transposePosition[e] = pattern.ColumnStart(i) + pattern.RowsOf(i).BinarySearch(j);
                }
        }
    }

    /// <summary>The options in force.</summary>
    public FiniteDifferenceOptions Options { get; }

    /// <summary>The column grouping used for sparse Hessians, or null when no sparsity pattern was given.</summary>
    public ColumnColoring? Coloring => coloring;

    /// <summary>The wrapped objective.</summary>
    public IGradientObjective Inner => inner;

    /// <inheritdoc/>
    public int Dimension => inner.Dimension;

    private double DefaultStep => StepSize.DefaultRelativeStep(Options.Method);

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x) => inner.Value(x);

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => inner.ValueAndGradient(x, gradient);

    /// <summary>Writes ∇²f(x)·v from a difference of gradients along v, with δ·‖v‖∞ = c·max(1, ‖x‖∞).</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length n.</param>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(v.Length, Dimension, nameof(v));
        Guard.Length(result.Length, Dimension, nameof(result));
        if (!GradientAtXIfNeeded(x))
        {
            result.Fill(double.NaN);
            return;
        }
        try
        {
            engine.Direction(x, engine.NeedsBaseValue ? gradientAtX : ReadOnlySpan<double>.Empty, v, result, DefaultStep);
        }
        catch (Exception failure) when (failure is NonFiniteValueException or OperationCanceledException)
        {
            FiniteDifferenceObjective.Fail(failure, result);
        }
    }

    /// <summary>Writes the Hessian from gradient differences, symmetrized as ½(Ĥ + Ĥᵀ); sparse when a pattern was given.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="hessian">Destination, an n×n matrix (dense or sparse); entries outside a given pattern are zero.</param>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(hessian, Dimension, Dimension, nameof(hessian));
        int n = Dimension;
        if (!GradientAtXIfNeeded(x))
        {
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++)
                    hessian[i, j] = double.NaN;
            return;
        }
        try
        {
            DifferenceHessian(x, hessian);
        }
        catch (Exception failure) when (failure is NonFiniteValueException or OperationCanceledException)
        {
            EvaluationFailure.Report(failure.Message);
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++)
                    hessian[i, j] = double.NaN;
        }
    }

    private void DifferenceHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        int n = Dimension;
        var known = engine.NeedsBaseValue ? gradientAtX : ReadOnlySpan<double>.Empty;
        if (coloring is not null)
        {
            engine.Groups(x, known, coloring.Pattern, coloring, nonZeros, DefaultStep);
            hessian.Clear();
            var pattern = coloring.Pattern;
            for (int j = 0; j < n; j++)
                for (int e = pattern.ColumnStart(j); e < pattern.ColumnStart(j + 1); e++)
                    hessian[pattern.RowIndex(e), j] = 0.5 * (nonZeros[e] + nonZeros[transposePosition[e]]);
            return;
        }
        if (hessianBuffer.Length < n * n) hessianBuffer = new double[n * n];
        engine.Columns(x, known, hessianBuffer.AsSpan(0, n * n), Span<double>.Empty, DefaultStep);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                hessian[i, j] = 0.5 * (hessianBuffer[j * n + i] + hessianBuffer[i * n + j]);
    }

    /// <summary>For one-sided methods, ∇f(x) into the buffer; false when f(x) or ∇f(x) is not finite.</summary>
    private bool GradientAtXIfNeeded(ReadOnlySpan<double> x)
    {
        if (!engine.NeedsBaseValue) return true;
        if (!double.IsFinite(inner.ValueAndGradient(x, gradientAtX))) return false;
        foreach (double g in gradientAtX)
            if (!double.IsFinite(g)) return false;
        return true;
    }
}
