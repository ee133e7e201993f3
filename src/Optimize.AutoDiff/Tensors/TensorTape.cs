using System.Runtime.CompilerServices;
using Optimize.LinearAlgebra;

namespace Optimize.AutoDiff.Tensors;

/// <summary>
/// A reverse-mode tape whose nodes are whole row-major matrices (Griewank &amp; Walther, <i>Evaluating
/// Derivatives</i>, §3.2, with matrix-valued elementals; matrix rules after Giles 2008). Each operation is evaluated
/// when it is recorded and stored as one record (kind, operand indices, shape, a few integer and real parameters)
/// in parallel arrays; its value, adjoint, tangent and adjoint-tangent buffers are kept per record position and
/// reused by the next recording of the same shapes, so a steady-state evaluation or gradient allocates nothing.
/// </summary>
/// <remarks>
/// <para>Three evaluations share the recording: values only; values with tangents (forward mode, the JVP
/// J·v, when <see cref="Begin(bool)"/> is given <c>tangents: true</c> and parameters carry tangents); and after
/// <see cref="Backward(Tensor, double)"/> the adjoints (the VJP, or the gradient of a scalar loss). In a tangent
/// recording the backward sweep also carries the tangents of the adjoints, the forward-over-reverse product
/// that gives Hessian-vector products (Pearlmutter 1994, "Fast exact multiplication by the Hessian").</para>
/// <para>Matrix products run through the native BLAS provider (<see cref="LinearAlgebraBackend.Default"/>);
/// elementwise work through System.Numerics.Tensors.TensorPrimitives. A tape is not thread-safe; use one per thread.</para>
/// </remarks>
public sealed partial class TensorTape
{
    private readonly NativeLinearAlgebraProvider blas;

    private OperationKind[] kinds = new OperationKind[64];
    private int[] left = new int[64], right = new int[64];
    private int[] rows = new int[64], columns = new int[64];
    private int[] integer0 = new int[64], integer1 = new int[64];
    private double[] real0 = new double[64], real1 = new double[64];
    private bool[] needsAdjoint = new bool[64];
    private bool[] zeroTangent = new bool[64];     // the record's tangent is identically zero (constants), so products skip it
    private bool[] ownedTangentCleared = new bool[64];  // the owned tangent buffer at this position holds zeros
    // During a backward sweep the adjoint buffers are not cleared beforehand: an adjoint still "pending" stands for
    // zero (its buffer holds stale numbers), the first rule that reaches it overwrites it (BLAS β = 0, a copy, a
    // masked store) and later ones accumulate. A reshape shares the flag of the record that owns its buffer.
    private bool[] adjointPending = new bool[64];
    private int[] adjointHome = new int[64];

    // Buffers by record position, reused across recordings; `values` etc. are what a node reads (a constant's
    // values are the caller's array, a reshape aliases its operand), `owned*` what the tape allocated.
    private double[][] values = new double[64][], tangents = new double[64][], adjoints = new double[64][], adjointTangents = new double[64][];
    private double[]?[] ownedValues = new double[64][], ownedTangents = new double[64][], ownedAdjoints = new double[64][], ownedAdjointTangents = new double[64][];

    private int count;
    private bool recording;
    private bool withTangents;
    private bool adjointsReady;

    /// <summary>Creates a tape that multiplies matrices with <see cref="LinearAlgebraBackend.Default"/>.</summary>
    public TensorTape() : this(LinearAlgebraBackend.Default) { }

    /// <summary>Creates a tape that multiplies matrices with the given provider.</summary>
    /// <param name="provider">The BLAS provider for matrix products.</param>
    public TensorTape(NativeLinearAlgebraProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        blas = provider;
        exportBackward = ExportBackward;
        ReadsLargeMatricesFromEnd = provider.Backend == LinearAlgebraBackendKind.OpenBlas;
    }

    /// <summary>
    /// Whether a matrix–vector product of the backward sweep whose matrix has at least 2²⁰ entries (8 MiB) reads the
    /// matrix in blocks of rows from its end, where the forward product, which streamed it from the start, left it in
    /// the last-level cache. On by default with OpenBLAS, off with MKL and the managed provider: on this project's
    /// 2-core AMD EPYC the forward and backward products of a 5000×1000 least squares took 3.13 ms instead of 3.42 ms
    /// with OpenBLAS 0.3.21 (fastest of 500), and 4.5–5.0 ms instead of 4.47 ms with MKL 2020.4. The gradient is the
    /// same either way up to the order of the sums.
    /// </summary>
    public bool ReadsLargeMatricesFromEnd { get; set; }

    /// <summary>The number of records of the current or last recording.</summary>
    public int NodeCount => count;

    /// <summary>Whether the tape is recording (between <see cref="Begin(bool)"/> and the next <see cref="Begin(bool)"/>).</summary>
    public bool IsRecording => recording;

    /// <summary>Whether the recording carries tangents (forward mode and, after a backward sweep, Hessian-vector products).</summary>
    public bool HasTangents => withTangents;

    /// <summary>
    /// Starts a recording, discarding the previous one (its buffers are reused by records of the same shapes).
    /// Tensors of the previous recording are invalid afterwards.
    /// </summary>
    /// <param name="tangents">Whether to carry tangents: each parameter then takes a tangent (zero unless given),
    /// every operation computes its directional derivative, and the backward sweep computes adjoint tangents.</param>
    public void Begin(bool tangents = false)
    {
        count = 0;
        exportCount = 0;
        importCount = 0;
        recording = true;
        withTangents = tangents;
        adjointsReady = false;
    }

    /// <summary>Records a parameter (an independent variable): its values are copied into the tape.</summary>
    /// <param name="value">The rows × columns values, row-major.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of columns.</param>
    public Tensor Parameter(ReadOnlySpan<double> value, int rows, int columns) => Parameter(value, default, rows, columns);

    /// <summary>Records a parameter with a tangent (the direction of a JVP or Hessian-vector product).</summary>
    /// <param name="value">The rows × columns values, row-major.</param>
    /// <param name="tangent">Its tangent, of the same length, or empty for zero; used only when the recording carries tangents.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of columns.</param>
    public Tensor Parameter(ReadOnlySpan<double> value, ReadOnlySpan<double> tangent, int rows, int columns)
    {
        CheckShape(rows, columns);
        Guard.Length(value.Length, rows * columns, nameof(value));
        if (!tangent.IsEmpty) Guard.Length(tangent.Length, rows * columns, nameof(tangent));
        int node = Push(OperationKind.Parameter, -1, -1, rows, columns, needs: true);
        value.CopyTo(values[node]);
        if (withTangents)
        {
            if (tangent.IsEmpty) tangents[node].AsSpan().Clear();
            else tangent.CopyTo(tangents[node]);
        }
        return new Tensor(this, node);
    }

    /// <summary>Records a constant that refers to the caller's array without copying it (it must not change while the recording is used).</summary>
    /// <param name="value">Exactly rows × columns values, row-major.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of columns.</param>
    public Tensor Constant(double[] value, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckShape(rows, columns);
        Guard.Length(value.Length, rows * columns, nameof(value));
        int node = PushRecord(OperationKind.Constant, -1, -1, rows, columns, needs: false);
        values[node] = value;
        if (withTangents) ClearedTangent(node);
        zeroTangent[node] = true;
        return new Tensor(this, node);
    }

    /// <summary>Records a 1×1 constant.</summary>
    /// <param name="value">The value.</param>
    public Tensor Constant(double value)
    {
        int node = Push(OperationKind.Constant, -1, -1, 1, 1, needs: false);
        values[node][0] = value;
        if (withTangents) tangents[node][0] = 0;
        zeroTangent[node] = true;
        return new Tensor(this, node);
    }

    /// <summary>The adjoint of a tensor after a backward sweep (∂loss/∂t, or the VJP for a seeded output).</summary>
    /// <param name="tensor">A tensor of the last recording.</param>
    /// <exception cref="InvalidOperationException">No backward sweep has run, or the tensor does not depend on a parameter.</exception>
    public ReadOnlySpan<double> Adjoint(Tensor tensor)
    {
        Check(tensor);
        if (!adjointsReady) throw new InvalidOperationException("Adjoints are available after a backward sweep: call Backward first.");
        if (!needsAdjoint[tensor.Node]) throw new InvalidOperationException("The tensor is constant (it depends on no parameter or scalar variable): it has no adjoint.");
        return Accumulator(tensor.Node);
    }

    /// <summary>The tangent of a tensor (its directional derivative along the parameters' tangents).</summary>
    /// <param name="tensor">A tensor of the last recording.</param>
    /// <exception cref="InvalidOperationException">The recording carries no tangents.</exception>
    public ReadOnlySpan<double> Tangent(Tensor tensor)
    {
        Check(tensor);
        if (!withTangents) throw new InvalidOperationException("The recording carries no tangents: call Begin(tangents: true).");
        return tangents[tensor.Node];
    }

    /// <summary>
    /// The tangent of a tensor's adjoint after a backward sweep of a tangent recording: for a parameter and a scalar loss,
    /// the Hessian-vector product H·v with v the parameters' tangents.
    /// </summary>
    /// <param name="tensor">A tensor of the last recording.</param>
    /// <exception cref="InvalidOperationException">No backward sweep of a tangent recording has run, or the tensor is constant.</exception>
    public ReadOnlySpan<double> AdjointTangent(Tensor tensor)
    {
        Adjoint(tensor);
        if (!withTangents) throw new InvalidOperationException("The recording carries no tangents: call Begin(tangents: true).");
        return adjointTangents[tensor.Node];
    }

    internal int RowsOf(int node) => rows[node];

    internal int ColumnsOf(int node) => columns[node];

    internal ReadOnlySpan<double> ValuesOf(int node) => values[node];

    internal double ScalarOf(int node)
    {
        if (rows[node] != 1 || columns[node] != 1)
            throw new InvalidOperationException($"The tensor is {rows[node]}×{columns[node]}; a scalar must be 1×1.");
        return values[node][0];
    }

    private void Check(Tensor tensor)
    {
        if (!ReferenceEquals(tensor.Tape, this) || (uint)tensor.Node >= (uint)count)
            throw new ArgumentException("The tensor does not belong to the current recording of this tape.", nameof(tensor));
    }

    private static void CheckShape(int rows, int columns)
    {
        Guard.Positive(rows, nameof(rows));
        Guard.Positive(columns, nameof(columns));
    }

    /// <summary>Appends a record whose values go into a tape-owned buffer (and a tangent buffer in a tangent recording).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Push(OperationKind kind, int a, int b, int rowCount, int columnCount, bool needs)
    {
        int node = PushRecord(kind, a, b, rowCount, columnCount, needs);
        values[node] = Owned(ownedValues, node, rowCount * columnCount);
        if (withTangents)
        {
            tangents[node] = Owned(ownedTangents, node, rowCount * columnCount);
            ownedTangentCleared[node] = false;
        }
        return node;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PushRecord(OperationKind kind, int a, int b, int rowCount, int columnCount, bool needs)
    {
        if (!recording) throw new InvalidOperationException("The tape is not recording: call Begin first.");
        int node = count;
        if (node == kinds.Length) Grow();
        kinds[node] = kind;
        left[node] = a;
        right[node] = b;
        rows[node] = rowCount;
        columns[node] = columnCount;
        needsAdjoint[node] = needs;
        zeroTangent[node] = false;
        count = node + 1;
        return node;
    }

    /// <summary>A zero tangent for a constant, cleared only when its buffer last held something else (large data is not cleared per call).</summary>
    private void ClearedTangent(int node)
    {
        int length = rows[node] * columns[node];
        var tangent = ownedTangents[node];
        if (tangent is null || tangent.Length != length) ownedTangents[node] = tangent = new double[length];
        else if (!ownedTangentCleared[node]) Array.Clear(tangent);
        ownedTangentCleared[node] = true;
        tangents[node] = tangent;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double[] Owned(double[]?[] pool, int node, int length)
    {
        var buffer = pool[node];
        if (buffer is null || buffer.Length != length) pool[node] = buffer = new double[length];
        return buffer;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        int size = 2 * kinds.Length;
        Array.Resize(ref kinds, size);
        Array.Resize(ref left, size);
        Array.Resize(ref right, size);
        Array.Resize(ref rows, size);
        Array.Resize(ref columns, size);
        Array.Resize(ref integer0, size);
        Array.Resize(ref integer1, size);
        Array.Resize(ref real0, size);
        Array.Resize(ref real1, size);
        Array.Resize(ref needsAdjoint, size);
        Array.Resize(ref zeroTangent, size);
        Array.Resize(ref ownedTangentCleared, size);
        Array.Resize(ref adjointPending, size);
        Array.Resize(ref adjointHome, size);
        Array.Resize(ref values, size);
        Array.Resize(ref tangents, size);
        Array.Resize(ref adjoints, size);
        Array.Resize(ref adjointTangents, size);
        Array.Resize(ref ownedValues, size);
        Array.Resize(ref ownedTangents, size);
        Array.Resize(ref ownedAdjoints, size);
        Array.Resize(ref ownedAdjointTangents, size);
    }
}
