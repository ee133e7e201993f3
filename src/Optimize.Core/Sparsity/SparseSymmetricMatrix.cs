using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;

namespace Optimize.Sparsity;

/// <summary>
/// A symmetric n×n matrix (a Hessian) stored sparse in compressed-sparse-column form with both triangles: one
/// <see cref="double"/> per structural nonzero of its <see cref="SparsityPattern"/>, in the pattern's order.
/// </summary>
/// <remarks>Mutable and not safe for concurrent writes; concurrent products on an unchanging instance are safe.</remarks>
public sealed class SparseSymmetricMatrix
{
    private readonly SparseJacobian storage; // the same compressed-column storage; a symmetric matrix is a square Jacobian

    /// <summary>A matrix on <paramref name="pattern"/>, all values zero.</summary>
    /// <param name="pattern">A square, symmetric pattern.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    /// <exception cref="ArgumentException">The pattern is not square and symmetric.</exception>
    public SparseSymmetricMatrix(SparsityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!pattern.IsSymmetric)
            throw new ArgumentException($"pattern must be square and symmetric; got {pattern}.", nameof(pattern));
        Pattern = pattern;
        storage = new SparseJacobian(pattern);
    }

    /// <summary>The structure (both triangles).</summary>
    public SparsityPattern Pattern { get; }

    /// <summary>The dimension n.</summary>
    public int Dimension => Pattern.Columns;

    /// <summary>The values of the nonzeros, column by column in the order of the pattern.</summary>
    public Span<double> Values => storage.Values;

    /// <summary>The entry (row, column); zero outside the pattern.</summary>
    /// <param name="row">The row.</param>
    /// <param name="column">The column.</param>
    public double this[int row, int column]
    {
        get
        {
            int position = Pattern.RowsOf(column).BinarySearch(row);
            return position < 0 ? 0 : storage.Values[Pattern.ColumnStart(column) + position];
        }
    }

    /// <summary>Writes A·<paramref name="v"/> into <paramref name="result"/>.</summary>
    /// <param name="v">A vector of length n.</param>
    /// <param name="result">Destination of length n.</param>
    /// <exception cref="ArgumentException">A length is wrong.</exception>
    public void Multiply(ReadOnlySpan<double> v, Span<double> result) => storage.Multiply(v, result);

    /// <summary>The dense matrix (for small n: inspection and tests).</summary>
    public Matrix<double> ToDense()
    {
        var dense = Matrix<double>.Build.Dense(Dimension, Dimension);
        for (int j = 0; j < Dimension; j++)
        {
            int start = Pattern.ColumnStart(j);
            ReadOnlySpan<int> rows = Pattern.RowsOf(j);
            for (int e = 0; e < rows.Length; e++) dense[rows[e], j] = storage.Values[start + e];
        }
        return dense;
    }

    /// <inheritdoc/>
    public override string ToString() => $"symmetric {Dimension}×{Dimension} matrix with {Pattern.NonZeroCount} stored nonzeros";
}
