using MathNet.Numerics.LinearAlgebra;

namespace Optimize.FiniteDifferences;

/// <summary>
/// The structural nonzeros of an m×n matrix (a Jacobian, or a Hessian with m = n), stored by columns
/// (compressed sparse column, rows sorted within each column). Immutable.
/// </summary>
public sealed class SparsityPattern
{
    private readonly int[] columnStarts;
    private readonly int[] rowIndices;

    private SparsityPattern(int rows, int columns, int[] columnStarts, int[] rowIndices)
    {
        Rows = rows;
        Columns = columns;
        this.columnStarts = columnStarts;
        this.rowIndices = rowIndices;
    }

    /// <summary>The number of rows m.</summary>
    public int Rows { get; }

    /// <summary>The number of columns n.</summary>
    public int Columns { get; }

    /// <summary>The number of structural nonzeros.</summary>
    public int NonZeroCount => rowIndices.Length;

    /// <summary>The rows of the nonzeros of column <paramref name="column"/>, ascending.</summary>
    /// <param name="column">The column index.</param>
    public ReadOnlySpan<int> RowsOf(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
        return rowIndices.AsSpan(columnStarts[column], columnStarts[column + 1] - columnStarts[column]);
    }

    /// <summary>The position of column <paramref name="column"/>'s first nonzero in column-major order (n + 1 entries; the last is the count).</summary>
    /// <param name="column">The column index, 0 … n.</param>
    public int ColumnStart(int column) => columnStarts[column];

    /// <summary>The row of the nonzero at position <paramref name="position"/> in column-major order.</summary>
    /// <param name="position">The position, 0 … <see cref="NonZeroCount"/> − 1.</param>
    public int RowIndex(int position) => rowIndices[position];

    /// <summary>Whether (row, column) is a structural nonzero.</summary>
    /// <param name="row">The row.</param>
    /// <param name="column">The column.</param>
    public bool Contains(int row, int column) => RowsOf(column).BinarySearch(row) >= 0;

    /// <summary>Whether the pattern is square and contains (j, i) whenever it contains (i, j), as a Hessian's must.</summary>
    public bool IsSymmetric
    {
        get
        {
            if (Rows != Columns) return false;
            for (int j = 0; j < Columns; j++)
                foreach (int i in RowsOf(j))
                    if (!Contains(j, i)) return false;
            return true;
        }
    }

    /// <summary>A pattern from a list of (row, column) entries; duplicates are merged.</summary>
    /// <param name="rows">The number of rows m.</param>
    /// <param name="columns">The number of columns n.</param>
    /// <param name="entries">The nonzero positions.</param>
    public static SparsityPattern FromEntries(int rows, int columns, IEnumerable<(int Row, int Column)> entries)
    {
        Guard.Positive(rows, nameof(rows));
        Guard.Positive(columns, nameof(columns));
        ArgumentNullException.ThrowIfNull(entries);
        var perColumn = new SortedSet<int>[columns];
        foreach (var (row, column) in entries)
        {
            if ((uint)row >= (uint)rows || (uint)column >= (uint)columns)
                throw new ArgumentException(
                    $"entries contains ({row}, {column}); expected 0 ≤ row < {rows} and 0 ≤ column < {columns}.", nameof(entries));
            (perColumn[column] ??= new SortedSet<int>()).Add(row);
        }
        var starts = new int[columns + 1];
        var indices = new List<int>();
        for (int j = 0; j < columns; j++)
        {
            starts[j] = indices.Count;
            if (perColumn[j] is { } set) indices.AddRange(set);
        }
        starts[columns] = indices.Count;
        return new SparsityPattern(rows, columns, starts, indices.ToArray());
    }

    /// <summary>The pattern of the nonzero entries of <paramref name="matrix"/>.</summary>
    /// <param name="matrix">A matrix whose nonzeros mark the structure.</param>
    public static SparsityPattern FromMatrix(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return FromEntries(matrix.RowCount, matrix.ColumnCount,
            matrix.EnumerateIndexed(Zeros.AllowSkip).Where(e => e.Item3 != 0).Select(e => (e.Item1, e.Item2)));
    }

    /// <summary>
    /// The m×n band with <paramref name="lower"/> subdiagonals and <paramref name="upper"/> superdiagonals:
    /// (i, j) is a nonzero when −lower ≤ j − i ≤ upper.
    /// </summary>
    /// <param name="rows">The number of rows m.</param>
    /// <param name="columns">The number of columns n.</param>
    /// <param name="lower">Subdiagonals below the main one, ≥ 0.</param>
    /// <param name="upper">Superdiagonals above the main one, ≥ 0.</param>
    public static SparsityPattern Banded(int rows, int columns, int lower, int upper)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lower);
        ArgumentOutOfRangeException.ThrowIfNegative(upper);
        Guard.Positive(rows, nameof(rows));
        Guard.Positive(columns, nameof(columns));
        var starts = new int[columns + 1];
        var indices = new List<int>();
        for (int j = 0; j < columns; j++)
        {
            starts[j] = indices.Count;
            for (int i = Math.Max(0, j - upper); i <= Math.Min(rows - 1, j + lower); i++) indices.Add(i);
        }
        starts[columns] = indices.Count;
        return new SparsityPattern(rows, columns, starts, indices.ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Rows}×{Columns} pattern with {NonZeroCount} nonzeros";
}
