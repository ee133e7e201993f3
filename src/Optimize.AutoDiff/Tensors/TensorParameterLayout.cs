using Optimize.Oracles;

namespace Optimize.AutoDiff.Tensors;

/// <summary>
/// The shapes of tensor-valued parameters laid out one after another, row-major, in the solvers' flat vector:
/// parameter k occupies entries [Offset(k), Offset(k) + Rows(k)·Columns(k)).
/// </summary>
public sealed class TensorParameterLayout
{
    private readonly int[] rows, columns, offsets;

    /// <summary>Creates the layout from (rows, columns) pairs.</summary>
    /// <param name="shapes">The parameter shapes, at least one, each positive.</param>
    public TensorParameterLayout(params (int Rows, int Columns)[] shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        if (shapes.Length == 0) throw new ArgumentException("shapes must list at least one parameter.", nameof(shapes));
        rows = new int[shapes.Length];
        columns = new int[shapes.Length];
        offsets = new int[shapes.Length];
        int offset = 0;
        for (int k = 0; k < shapes.Length; k++)
        {
            Guard.Positive(shapes[k].Rows, $"{nameof(shapes)}[{k}].Rows");
            Guard.Positive(shapes[k].Columns, $"{nameof(shapes)}[{k}].Columns");
            rows[k] = shapes[k].Rows;
            columns[k] = shapes[k].Columns;
            offsets[k] = offset;
            offset = checked(offset + rows[k] * columns[k]);
        }
        Dimension = offset;
    }

    /// <summary>The number of parameters (tensors).</summary>
    public int Count => rows.Length;

    /// <summary>The total number of entries, the length of the flat vector.</summary>
    public int Dimension { get; }

    /// <summary>Rows of parameter <paramref name="k"/>.</summary>
    /// <param name="k">The parameter index.</param>
    public int Rows(int k) => rows[k];

    /// <summary>Columns of parameter <paramref name="k"/>.</summary>
    /// <param name="k">The parameter index.</param>
    public int Columns(int k) => columns[k];

    /// <summary>The offset of parameter <paramref name="k"/> in the flat vector.</summary>
    /// <param name="k">The parameter index.</param>
    public int Offset(int k) => offsets[k];

    /// <summary>Parameter <paramref name="k"/>'s entries within a flat vector (a view, no copy).</summary>
    /// <param name="flat">A vector of length <see cref="Dimension"/>.</param>
    /// <param name="k">The parameter index.</param>
    public Span<double> View(Span<double> flat, int k) => flat.Slice(offsets[k], rows[k] * columns[k]);

    /// <summary>Records every parameter on <paramref name="tape"/> from the flat vector (and flat tangent, if any).</summary>
    internal void Record(TensorTape tape, ReadOnlySpan<double> flat, ReadOnlySpan<double> tangent, Span<Tensor> parameters)
    {
        for (int k = 0; k < rows.Length; k++)
        {
            int length = rows[k] * columns[k];
            parameters[k] = tape.Parameter(flat.Slice(offsets[k], length), tangent.IsEmpty ? default : tangent.Slice(offsets[k], length), rows[k], columns[k]);
        }
    }
}
