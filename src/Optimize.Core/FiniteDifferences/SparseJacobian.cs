using MathNet.Numerics.LinearAlgebra;

namespace Optimize.FiniteDifferences;

/// <summary>
/// An m×n Jacobian stored sparse: the values of the structural nonzeros of a <see cref="SparsityPattern"/>, in the
/// pattern's compressed-sparse-column order. Memory is one <see cref="double"/> per nonzero (plus the shared
/// pattern), so a 10⁵×10⁴ Jacobian with a few nonzeros per row takes a few megabytes where the dense matrix would
/// take 8 GB. Products J·v and Jᵀ·w are what iterative least-squares solvers (LSQR) need.
/// </summary>
/// <remarks>Mutable and not safe for concurrent writes; concurrent products on an unchanging instance are safe.</remarks>
public sealed class SparseJacobian
{
    private readonly double[] values;

    /// <summary>A Jacobian of the shape and structure of <paramref name="pattern"/>, all values zero.</summary>
    /// <param name="pattern">The structural nonzeros.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    public SparseJacobian(SparsityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        values = new double[pattern.NonZeroCount];
    }

    /// <summary>The structure.</summary>
    public SparsityPattern Pattern { get; }

    /// <summary>The number of rows m.</summary>
    public int Rows => Pattern.Rows;

    /// <summary>The number of columns n.</summary>
    public int Columns => Pattern.Columns;

    /// <summary>The values of the nonzeros, in the order of <see cref="SparsityPattern.RowIndex"/> (column by column).</summary>
    public Span<double> Values => values;

    /// <summary>Writes J·<paramref name="v"/> into <paramref name="result"/>.</summary>
    /// <param name="v">A vector of length n.</param>
    /// <param name="result">Destination of length m.</param>
    /// <exception cref="ArgumentException">A length is wrong.</exception>
    public void Multiply(ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(v.Length, Columns, nameof(v));
        Guard.Length(result.Length, Rows, nameof(result));
        result.Clear();
        for (int j = 0; j < Columns; j++)
        {
            double vj = v[j];
            if (vj == 0) continue;
            for (int e = Pattern.ColumnStart(j); e < Pattern.ColumnStart(j + 1); e++)
                result[Pattern.RowIndex(e)] += values[e] * vj;
        }
    }

    /// <summary>Writes Jᵀ·<paramref name="w"/> into <paramref name="result"/>.</summary>
    /// <param name="w">A vector of length m.</param>
    /// <param name="result">Destination of length n.</param>
    /// <exception cref="ArgumentException">A length is wrong.</exception>
    public void TransposeMultiply(ReadOnlySpan<double> w, Span<double> result)
    {
        Guard.Length(w.Length, Rows, nameof(w));
        Guard.Length(result.Length, Columns, nameof(result));
        for (int j = 0; j < Columns; j++)
        {
            double sum = 0;
            for (int e = Pattern.ColumnStart(j); e < Pattern.ColumnStart(j + 1); e++)
                sum += values[e] * w[Pattern.RowIndex(e)];
            result[j] = sum;
        }
    }

    /// <summary>Multiplies row i by <paramref name="scale"/>[i] in place: J ← diag(scale)·J.</summary>
    /// <param name="scale">One factor per row (length m).</param>
    /// <exception cref="ArgumentException">The length is wrong.</exception>
    public void ScaleRows(ReadOnlySpan<double> scale)
    {
        Guard.Length(scale.Length, Rows, nameof(scale));
        for (int e = 0; e < values.Length; e++) values[e] *= scale[Pattern.RowIndex(e)];
    }

    /// <summary>Writes the Euclidean norm of every column into <paramref name="result"/>.</summary>
    /// <param name="result">Destination of length n.</param>
    /// <exception cref="ArgumentException">The length is wrong.</exception>
    public void ColumnNorms(Span<double> result)
    {
        Guard.Length(result.Length, Columns, nameof(result));
        for (int j = 0; j < Columns; j++)
        {
            double sum = 0;
            for (int e = Pattern.ColumnStart(j); e < Pattern.ColumnStart(j + 1); e++) sum += values[e] * values[e];
            result[j] = Math.Sqrt(sum);
        }
    }

    /// <summary>The matrix as a dense m×n matrix (for small problems and tests).</summary>
    public Matrix<double> ToDense()
    {
        var dense = Matrix<double>.Build.Dense(Rows, Columns);
        for (int j = 0; j < Columns; j++)
            for (int e = Pattern.ColumnStart(j); e < Pattern.ColumnStart(j + 1); e++)
                dense[Pattern.RowIndex(e), j] = values[e];
        return dense;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Rows}×{Columns} sparse Jacobian with {values.Length} stored entries";
}
