using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.AutoDiff;

/// <summary>
/// A residual function r: ℝⁿ → ℝᵐ whose Jacobian some code writes in compressed rows (CSR: row starts, column
/// indices, values; Saad, <i>Iterative Methods for Sparse Linear Systems</i>, 2nd ed., SIAM 2003, §3.4), as an
/// <see cref="IVectorFunction"/> for the least-squares solvers. This is how residuals with generated derivative code
/// reach them: each residual is a scalar function of the few variables it reads, marked
/// <see cref="GenerateDerivativesAttribute"/>, and its generated adjoint code (<see cref="IGeneratedDerivatives.EvaluateGradient(ReadOnlySpan{double}, Span{double})"/>)
/// writes one row's values in one backward pass, as ADBench's bundle adjustment stores its Jacobian (Srajer,
/// Kukelova &amp; Fitzgibbon 2018, §4.2). Hand-written sparse derivative code fits the same way.
/// </summary>
/// <remarks>
/// <see cref="Sparsity"/> is the structure to pass to the trust-region reflective method's sparse path, which then
/// asks for one JVP per colour of its column grouping: the first JVP at a point evaluates the compressed rows once,
/// and the others at the same point reuse them (a sparse product each), so a Jacobian costs one run of the
/// derivative code whatever the number of colours. The dense <see cref="Jacobian"/> scatters the rows into a matrix.
/// Entries repeated within a row are summed. The cache makes an instance unsafe for concurrent calls; create one per
/// thread (the delegates themselves must be safe to call from that thread).
/// </remarks>
public sealed class CompressedRowResiduals : IVectorFunction
{
    private readonly int[] rowStarts, columns;
    private readonly Action<ReadOnlySpan<double>, Span<double>> residuals;
    private readonly Action<ReadOnlySpan<double>, Span<double>, Span<double>> residualsAndJacobian;
    private readonly double[] values, point, scratch;
    private bool cached;

    /// <summary>Wraps the residual code and the Jacobian code of a compressed-row layout.</summary>
    /// <param name="dimension">n ≥ 1, the number of variables.</param>
    /// <param name="rowStarts">m + 1 nondecreasing offsets into <paramref name="columns"/>, from 0 to its length (m ≥ 1).</param>
    /// <param name="columns">The column of each stored entry, row by row, each in [0, n).</param>
    /// <param name="residuals">(x, r) ↦ writes the m residuals into r.</param>
    /// <param name="residualsAndJacobian">(x, r, values) ↦ writes the residuals and the stored entries, in the order of <paramref name="columns"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The layout is inconsistent; the message names the offending entry.</exception>
    public CompressedRowResiduals(int dimension, int[] rowStarts, int[] columns,
        Action<ReadOnlySpan<double>, Span<double>> residuals, Action<ReadOnlySpan<double>, Span<double>, Span<double>> residualsAndJacobian)
    {
        Guard.Positive(dimension, nameof(dimension));
        ArgumentNullException.ThrowIfNull(rowStarts);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentNullException.ThrowIfNull(residualsAndJacobian);
        if (rowStarts.Length < 2 || rowStarts[0] != 0 || rowStarts[^1] != columns.Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"rowStarts has {rowStarts.Length} entries from {(rowStarts.Length > 0 ? rowStarts[0] : 0)} to {(rowStarts.Length > 0 ? rowStarts[^1] : 0)}; expected m + 1 ≥ 2 entries from 0 to columns.Length = {columns.Length}."),
                nameof(rowStarts));
        for (int i = 0; i + 1 < rowStarts.Length; i++)
            if (rowStarts[i + 1] < rowStarts[i])
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"rowStarts decreases at row {i} ({rowStarts[i]} then {rowStarts[i + 1]}); expected nondecreasing offsets."), nameof(rowStarts));
        for (int e = 0; e < columns.Length; e++)
            if ((uint)columns[e] >= (uint)dimension)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"columns[{e}] is {columns[e]}; expected a column in [0, {dimension})."), nameof(columns));
        Dimension = dimension;
        OutputDimension = rowStarts.Length - 1;
        this.rowStarts = (int[])rowStarts.Clone();
        this.columns = (int[])columns.Clone();
        this.residuals = residuals;
        this.residualsAndJacobian = residualsAndJacobian;
        values = new double[columns.Length];
        point = new double[dimension];
        scratch = new double[OutputDimension];
        Sparsity = SparsityPattern.FromEntries(OutputDimension, dimension, Entries());
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public int OutputDimension { get; }

    /// <summary>The Jacobian's structure, for <c>TrustRegionReflectiveOptions.Sparsity</c>.</summary>
    public SparsityPattern Sparsity { get; }

    /// <summary>The number of times the Jacobian code has run.</summary>
    public long JacobianCodeRuns { get; private set; }

    private IEnumerable<(int Row, int Column)> Entries()
    {
        for (int i = 0; i < OutputDimension; i++)
            for (int e = rowStarts[i]; e < rowStarts[i + 1]; e++) yield return (i, columns[e]);
    }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> value)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(value.Length, OutputDimension, nameof(value));
        residuals(x, value);
    }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(jacobian, OutputDimension, Dimension, nameof(jacobian));
        Rows(x);
        jacobian.Clear();
        for (int i = 0; i < OutputDimension; i++)
            for (int e = rowStarts[i]; e < rowStarts[i + 1]; e++) jacobian[i, columns[e]] += values[e];
    }

    /// <inheritdoc/>
    public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(p.Length, Dimension, nameof(p));
        Guard.Length(result.Length, OutputDimension, nameof(result));
        Rows(x);
        for (int i = 0; i < OutputDimension; i++)
        {
            double sum = 0;
            for (int e = rowStarts[i]; e < rowStarts[i + 1]; e++) sum += values[e] * p[columns[e]];
            result[i] = sum;
        }
    }

    /// <inheritdoc/>
    public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(w.Length, OutputDimension, nameof(w));
        Guard.Length(result.Length, Dimension, nameof(result));
        Rows(x);
        result.Clear();
        for (int i = 0; i < OutputDimension; i++)
            for (int e = rowStarts[i]; e < rowStarts[i + 1]; e++) result[columns[e]] += w[i] * values[e];
    }

    /// <summary>The stored entries at x, run again only when x differs from the last point (bitwise).</summary>
    private void Rows(ReadOnlySpan<double> x)
    {
        if (cached && x.SequenceEqual(point)) return;
        cached = false;
        residualsAndJacobian(x, scratch, values);
        x.CopyTo(point);
        cached = true;
        JacobianCodeRuns++;
    }
}
