using Optimize.Oracles;

namespace Optimize.AutoDiff.Tensors;

/// <summary>A scalar loss written over tensors: records its operations on <paramref name="tape"/> and returns a 1×1 tensor.</summary>
/// <param name="tape">The tape, already recording, on which the parameters are recorded.</param>
/// <param name="parameters">The parameter tensors, in the order of the <see cref="TensorParameterLayout"/>.</param>
public delegate Tensor TensorLoss(TensorTape tape, ReadOnlySpan<Tensor> parameters);

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

/// <summary>
/// An oracle for the solvers from a tensor loss: the flat parameter vector is cut into the layout's tensors, the loss is
/// recorded on a reusable <see cref="TensorTape"/>, gradients come from one backward sweep and Hessian-vector products
/// from one tangent recording and its backward sweep (forward over reverse, Pearlmutter 1994). After the first calls
/// of a shape no evaluation allocates. Not thread-safe: one instance per thread.
/// </summary>
public sealed class TensorObjective : IHessianVectorObjective
{
    private readonly TensorLoss loss;
    private readonly Tensor[] parameters;

    /// <summary>Creates the oracle.</summary>
    /// <param name="layout">The parameter shapes.</param>
    /// <param name="loss">The loss; it must return a 1×1 tensor.</param>
    /// <param name="tape">The tape to record on (a new one when null).</param>
    public TensorObjective(TensorParameterLayout layout, TensorLoss loss, TensorTape? tape = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(loss);
        Layout = layout;
        this.loss = loss;
        Tape = tape ?? new TensorTape();
        parameters = new Tensor[layout.Count];
    }

    /// <summary>The parameter layout.</summary>
    public TensorParameterLayout Layout { get; }

    /// <summary>The tape the loss is recorded on.</summary>
    public TensorTape Tape { get; }

    /// <inheritdoc/>
    public int Dimension => Layout.Dimension;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x) => Record(x, default, tangents: false).Scalar;

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        var output = Record(x, default, tangents: false);
        Tape.Backward(output);
        for (int k = 0; k < parameters.Length; k++) Tape.Adjoint(parameters[k]).CopyTo(Layout.View(gradient, k));
        return output.Scalar;
    }

    /// <inheritdoc/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(v.Length, Dimension, nameof(v));
        Guard.Length(result.Length, Dimension, nameof(result));
        var output = Record(x, v, tangents: true);
        Tape.Backward(output);
        for (int k = 0; k < parameters.Length; k++) Tape.AdjointTangent(parameters[k]).CopyTo(Layout.View(result, k));
    }

    private Tensor Record(ReadOnlySpan<double> x, ReadOnlySpan<double> v, bool tangents)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Tape.Begin(tangents);
        Layout.Record(Tape, x, v, parameters);
        var output = loss(Tape, parameters);
        if (!ReferenceEquals(output.Tape, Tape) || output.Rows != 1 || output.Columns != 1)
            throw new InvalidOperationException("The loss must return a 1×1 tensor recorded on the tape it was given.");
        return output;
    }
}
