using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;
using Optimize.Oracles;

namespace Optimize.FiniteDifferences;

/// <summary>
/// Turns a value-only objective into the full oracle contract: gradients by finite differences of values,
/// Hessians by central second differences of values, Hessian-vector products by central differences of
/// (central-difference) gradients along v. Every solver can run on the result.
/// </summary>
/// <remarks>
/// Costs in evaluations of f, for n variables: ValueAndGradient n + 1 (forward/backward), 2n + 1 (central),
/// up to 2n·tableau + 1 (Ridders); HessianVector 4n + 1; Hessian 2n² + 1. Step sizes: the method's default for
/// gradients; ε^¼·max(1, |xⱼ|) for the second differences of the Hessian and of Hessian-vector products
/// (see <see cref="StepSize"/>). If f(x) itself is not finite, the gradient, Hv and Hessian are NaN (a solver
/// then reports the non-finite value); if f is finite at x but not at a perturbed point, the derivative is NaN,
/// f(x) is still returned, and the message of the <see cref="NonFiniteValueException"/> that names the
/// coordinate and step is reported on <see cref="Oracles.EvaluationFailure"/> (nothing is thrown). Not safe for
/// concurrent calls: it keeps work buffers; give each thread its own.
/// </remarks>
public sealed class FiniteDifferenceObjective : IHessianObjective
{
    private readonly IObjective inner;
    private readonly DifferenceEngine gradientEngine;
    private readonly DifferenceEngine secondDifferenceEngine;
    private readonly DifferenceEngine hessianVectorEngine;
    private readonly double[] valueAtX = new double[1];
    private double[] hessianBuffer = [];

    private FiniteDifferenceObjective(IObjective objective, FiniteDifferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options.Validate();
        if (options.Sparsity is not null)
            throw new ArgumentException(
                "options.Sparsity is set; a value-only objective takes no sparsity pattern (use FromGradient for sparse Hessians).",
                nameof(options));
        inner = objective;
        Options = options;
        int n = objective.Dimension;
        VectorValueFunction value = (x, v) => v[0] = objective.Value(x);
        gradientEngine = new DifferenceEngine(n, 1, value, options);
        var central = options with { Method = FiniteDifferenceMethod.Central };
        secondDifferenceEngine = new DifferenceEngine(n, 1, value, central);
        // Hv = d/dt ĝ(x + t·v) with ĝ the central-difference gradient at ε^¼ steps: the mixed second difference.
        var innerGradient = new DifferenceEngine(n, 1, value, central);
        hessianVectorEngine = new DifferenceEngine(n, n,
            (x, g) => innerGradient.Columns(x, ReadOnlySpan<double>.Empty, g, Span<double>.Empty, StepSize.SecondDifferenceRelativeStep),
            central with { ThreadSafe = false });
    }

    /// <summary>Wraps a value-only objective.</summary>
    /// <param name="objective">The objective; only <see cref="IObjective.Value"/> is called.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static FiniteDifferenceObjective Create(IObjective objective, FiniteDifferenceOptions? options = null)
        => new(objective, options ?? FiniteDifferenceOptions.Default);

    /// <summary>Wraps a value delegate.</summary>
    /// <param name="dimension">The number of variables n.</param>
    /// <param name="value">f(x).</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static FiniteDifferenceObjective Create(int dimension, ValueFunction value, FiniteDifferenceOptions? options = null)
        => new(Analytic.AnalyticObjective.Create(dimension, value), options ?? FiniteDifferenceOptions.Default);

    /// <summary>
    /// Wraps an objective with gradients: Hessian-vector products and Hessians come from gradient differences
    /// (sparse Hessians when <see cref="FiniteDifferenceOptions.Sparsity"/> is set).
    /// </summary>
    /// <param name="objective">The objective with gradients.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static GradientDifferenceObjective FromGradient(IGradientObjective objective, FiniteDifferenceOptions? options = null)
        => new(objective, options ?? FiniteDifferenceOptions.Default);

    /// <summary>The options in force.</summary>
    public FiniteDifferenceOptions Options { get; }

    /// <summary>The wrapped objective.</summary>
    public IObjective Inner => inner;

    /// <inheritdoc/>
    public int Dimension => inner.Dimension;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        return inner.Value(x);
    }

    /// <summary>Evaluates f(x) and writes the finite-difference gradient (NaN when f(x) is not finite).</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n.</param>
    /// <returns>f(x).</returns>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        valueAtX[0] = inner.Value(x);
        try
        {
            gradientEngine.Columns(x, valueAtX, gradient, Span<double>.Empty, StepSize.DefaultRelativeStep(Options.Method));
        }
        catch (Exception failure) when (failure is NonFiniteValueException or OperationCanceledException)
        {
            Fail(failure, gradient);
        }
        return valueAtX[0];
    }

    /// <summary>Evaluates f(x), the gradient and a per-component error estimate of the gradient.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n.</param>
    /// <param name="errorEstimates">Destination of length n.</param>
    /// <returns>f(x).</returns>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient, Span<double> errorEstimates)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        Guard.Length(errorEstimates.Length, Dimension, nameof(errorEstimates));
        valueAtX[0] = inner.Value(x);
        try
        {
            gradientEngine.Columns(x, valueAtX, gradient, errorEstimates, StepSize.DefaultRelativeStep(Options.Method));
        }
        catch (Exception failure) when (failure is NonFiniteValueException or OperationCanceledException)
        {
            Fail(failure, gradient);
            errorEstimates.Fill(double.NaN);
        }
        return valueAtX[0];
    }

    /// <summary>
    /// Writes ∇²f(x)·v ≈ (ĝ(x + δv) − ĝ(x − δv))/(2δ), where ĝ is the central-difference gradient with steps
    /// ε^¼·max(1, |xⱼ|) and δ·‖v‖∞ = ε^¼·max(1, ‖x‖∞): 4n evaluations plus f(x), error O(h²) like second differences.
    /// </summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length n.</param>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(v.Length, Dimension, nameof(v));
        Guard.Length(result.Length, Dimension, nameof(result));
        if (!double.IsFinite(inner.Value(x)))
        {
            result.Fill(double.NaN);
            return;
        }
        try
        {
            hessianVectorEngine.Direction(x, ReadOnlySpan<double>.Empty, v, result, StepSize.SecondDifferenceRelativeStep);
        }
        catch (Exception failure) when (failure is NonFiniteValueException or OperationCanceledException)
        {
            Fail(failure, result);
        }
    }

    /// <summary>
    /// Reports <paramref name="failure"/> (a non-finite value at a perturbed point, or the caller's cancellation
    /// through <see cref="EvaluationCancellation"/>) on the <see cref="EvaluationFailure"/> channel and fills the
    /// output with NaN.
    /// </summary>
    internal static void Fail(Exception failure, Span<double> output)
    {
        EvaluationFailure.Report(failure.Message);
        output.Fill(double.NaN);
    }

    /// <summary>Writes the Hessian by central second differences of values (2n² + 1 evaluations), symmetric by construction.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="hessian">Destination, an n×n matrix.</param>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(hessian, Dimension, Dimension, nameof(hessian));
        int n = Dimension;
        if (hessian.Storage is DenseColumnMajorMatrixStorage<double> dense)
        {
            try
            {
                secondDifferenceEngine.SecondDifferences(x, ReadOnlySpan<double>.Empty, dense.Data);
            }
            catch (Exception failure) when (failure is NonFiniteValueException or OperationCanceledException)
            {
                Fail(failure, dense.Data);
            }
            return;
        }
        if (hessianBuffer.Length < n * n) hessianBuffer = new double[n * n];
        try
        {
            secondDifferenceEngine.SecondDifferences(x, ReadOnlySpan<double>.Empty, hessianBuffer.AsSpan(0, n * n));
        }
        catch (Exception failure) when (failure is NonFiniteValueException or OperationCanceledException)
        {
            Fail(failure, hessianBuffer.AsSpan(0, n * n));
        }
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                hessian[i, j] = hessianBuffer[j * n + i];
    }
}
