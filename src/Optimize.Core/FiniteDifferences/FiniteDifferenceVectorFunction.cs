using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;
using Optimize.Oracles;

namespace Optimize.FiniteDifferences;

/// <summary>
/// A vector function F: ℝⁿ → ℝᵐ given by values only, with its Jacobian, JVPs and VJPs from finite
/// differences. With <see cref="FiniteDifferenceOptions.Sparsity"/> set, the Jacobian is recovered from one
/// perturbation per colour of a Curtis–Powell–Reid column grouping (<see cref="ColumnColoring"/>).
/// </summary>
/// <remarks>
/// Costs in evaluations of F (forward/backward differences; central doubles the perturbed ones):
/// Jacobian n + 1 dense or colours + 1 sparse; one column 2; one element 2 (it is a column's entry);
/// JVP J·p 1 with F(x) given, 2 otherwise; VJP wᵀJ builds J (n + 1) and multiplies.
/// The object reuses its buffers and is not safe for concurrent calls; with
/// <see cref="FiniteDifferenceOptions.ThreadSafe"/> it evaluates F from several threads within a call.
/// </remarks>
public sealed class FiniteDifferenceVectorFunction : IVectorFunction
{
    private readonly DifferenceEngine engine;
    private readonly double[] value;
    private readonly double[] nonZeros;
    private double[] buffer = [];

    /// <summary>Creates the provider for <paramref name="function"/>.</summary>
    /// <param name="dimension">The number of inputs n.</param>
    /// <param name="outputDimension">The number of outputs m.</param>
    /// <param name="function">F, values only.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public FiniteDifferenceVectorFunction(int dimension, int outputDimension, VectorValueFunction function,
        FiniteDifferenceOptions? options = null)
    {
        Options = options ?? FiniteDifferenceOptions.Default;
        engine = new DifferenceEngine(dimension, outputDimension, function, Options);
        value = new double[outputDimension];
        if (Options.Sparsity is { } pattern)
        {
            if (pattern.Rows != outputDimension || pattern.Columns != dimension)
                throw new ArgumentException(
                    $"options.Sparsity is {pattern.Rows}×{pattern.Columns}; expected the Jacobian's shape {outputDimension}×{dimension}.",
                    nameof(options));
            Coloring = ColumnColoring.Greedy(pattern);
            nonZeros = new double[pattern.NonZeroCount];
        }
        else
        {
            nonZeros = [];
        }
    }

    /// <summary>The options in force.</summary>
    public FiniteDifferenceOptions Options { get; }

    /// <summary>The column grouping used for sparse Jacobians, or null when no sparsity pattern was given.</summary>
    public ColumnColoring? Coloring { get; }

    /// <inheritdoc/>
    public int Dimension => engine.Dimension;

    /// <inheritdoc/>
    public int OutputDimension => engine.OutputDimension;

    private double DefaultStep => StepSize.DefaultRelativeStep(Options.Method);

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> value)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(value.Length, OutputDimension, nameof(value));
        engine.Evaluate(x, value);
    }

    /// <summary>
    /// Writes the m×n Jacobian J(x) into <paramref name="jacobian"/>: n column differences, or one per colour
    /// when a sparsity pattern was given (entries outside the pattern are set to zero). Entries are NaN when
    /// F(x) is not finite.
    /// </summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="jacobian">Destination, an m×n matrix (dense or sparse).</param>
    /// <exception cref="NonFiniteValueException">F is finite at x but not at a perturbed point.</exception>
    public void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian) => Jacobian(x, ReadOnlySpan<double>.Empty, jacobian);

    /// <summary>As <see cref="Jacobian(ReadOnlySpan{double}, Matrix{double})"/>, with F(x) already known (saves one evaluation for one-sided differences).</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="valueAtX">F(x), of length m.</param>
    /// <param name="jacobian">Destination, an m×n matrix.</param>
    public void Jacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> valueAtX, Matrix<double> jacobian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(jacobian, OutputDimension, Dimension, nameof(jacobian));
        if (Coloring is { } coloring)
        {
            engine.Groups(x, valueAtX, coloring.Pattern, coloring, nonZeros, DefaultStep);
            Scatter(coloring.Pattern, nonZeros, jacobian);
            return;
        }
        if (jacobian.Storage is DenseColumnMajorMatrixStorage<double> dense)
        {
            engine.Columns(x, valueAtX, dense.Data, Span<double>.Empty, DefaultStep);
            return;
        }
        Columns(x, valueAtX, Span<double>.Empty);
        CopyColumnMajor(buffer, jacobian);
    }

    /// <summary>
    /// Writes J(x) and a per-entry error estimate (Ridders' tableau estimate, or for the other methods the
    /// change when the step is doubled plus the round-off bound). Always dense (n column differences).
    /// </summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="jacobian">Destination, an m×n matrix.</param>
    /// <param name="errorEstimates">Destination for the error estimates, an m×n matrix.</param>
    public void JacobianWithErrors(ReadOnlySpan<double> x, Matrix<double> jacobian, Matrix<double> errorEstimates)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(jacobian, OutputDimension, Dimension, nameof(jacobian));
        Guard.Shape(errorEstimates, OutputDimension, Dimension, nameof(errorEstimates));
        int size = OutputDimension * Dimension;
        var errors = new double[size];
        Columns(x, ReadOnlySpan<double>.Empty, errors);
        CopyColumnMajor(buffer, jacobian);
        CopyColumnMajor(errors, errorEstimates);
    }

    /// <summary>Writes column <paramref name="column"/> of J(x), ∂F/∂x_column, into <paramref name="result"/> (length m).</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="column">The column j.</param>
    /// <param name="result">Destination of length m.</param>
    public void JacobianColumn(ReadOnlySpan<double> x, int column, Span<double> result)
        => engine.Column(x, ReadOnlySpan<double>.Empty, column, result, DefaultStep);

    /// <summary>The element ∂Fᵢ/∂xⱼ of J(x), taken from one column difference.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="row">The output component i.</param>
    /// <param name="column">The input coordinate j.</param>
    public double JacobianElement(ReadOnlySpan<double> x, int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, OutputDimension);
        engine.Column(x, ReadOnlySpan<double>.Empty, column, value, DefaultStep);
        return value[row];
    }

    /// <summary>
    /// Writes the JVP J(x)·p ≈ (F(x + δp) − F(x))/δ (central: (F(x + δp) − F(x − δp))/(2δ)) into
    /// <paramref name="result"/>, with δ·‖p‖∞ = c·max(1, ‖x‖∞).
    /// </summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="p">The direction, of length n.</param>
    /// <param name="result">Destination of length m.</param>
    public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result)
        => engine.Direction(x, ReadOnlySpan<double>.Empty, p, result, DefaultStep);

    /// <summary>The JVP with F(x) already known: one extra evaluation of F for forward or backward differences.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="valueAtX">F(x), of length m.</param>
    /// <param name="p">The direction, of length n.</param>
    /// <param name="result">Destination of length m.</param>
    public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> valueAtX, ReadOnlySpan<double> p, Span<double> result)
        => engine.Direction(x, valueAtX, p, result, DefaultStep);

    /// <summary>
    /// Writes the VJP wᵀJ(x) into <paramref name="result"/> by building J (n column differences, or one per colour
    /// when sparse) into a reused buffer and multiplying: finite differences have no reverse mode, so a VJP costs
    /// a whole Jacobian.
    /// </summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="w">The output cotangent, of length m.</param>
    /// <param name="result">Destination of length n.</param>
    public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(w.Length, OutputDimension, nameof(w));
        Guard.Length(result.Length, Dimension, nameof(result));
        int m = OutputDimension;
        if (Coloring is { } coloring)
        {
            engine.Groups(x, ReadOnlySpan<double>.Empty, coloring.Pattern, coloring, nonZeros, DefaultStep);
            for (int j = 0; j < Dimension; j++)
            {
                double sum = 0;
                for (int e = coloring.Pattern.ColumnStart(j); e < coloring.Pattern.ColumnStart(j + 1); e++)
                    sum += w[coloring.Pattern.RowIndex(e)] * nonZeros[e];
                result[j] = sum;
            }
            return;
        }
        Columns(x, ReadOnlySpan<double>.Empty, Span<double>.Empty);
        for (int j = 0; j < Dimension; j++)
        {
            double sum = 0;
            var column = buffer.AsSpan(j * m, m);
            for (int i = 0; i < m; i++) sum += w[i] * column[i];
            result[j] = sum;
        }
    }

    private void Columns(ReadOnlySpan<double> x, ReadOnlySpan<double> valueAtX, Span<double> errors)
    {
        int size = OutputDimension * Dimension;
        if (buffer.Length < size) buffer = new double[size];
        engine.Columns(x, valueAtX, buffer.AsSpan(0, size), errors, DefaultStep);
    }

    private static void CopyColumnMajor(double[] source, Matrix<double> destination)
    {
        int m = destination.RowCount;
        for (int j = 0; j < destination.ColumnCount; j++)
            for (int i = 0; i < m; i++)
                destination[i, j] = source[j * m + i];
    }

    /// <summary>Writes pattern-ordered nonzeros into <paramref name="matrix"/>, zeroing everything else.</summary>
    internal static void Scatter(SparsityPattern pattern, ReadOnlySpan<double> nonZeros, Matrix<double> matrix)
    {
        matrix.Clear();
        for (int j = 0; j < pattern.Columns; j++)
            for (int e = pattern.ColumnStart(j); e < pattern.ColumnStart(j + 1); e++)
                matrix[pattern.RowIndex(e), j] = nonZeros[e];
    }
}
