using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Optimize.AutoDiff;

/// <summary>
/// The reverse-mode tape (Wengert list): the elementary operations of one evaluation recorded in the
/// forward sweep, then swept backwards to accumulate adjoints v̄ᵢ = ∂y/∂vᵢ (Griewank &amp; Walther,
/// <i>Evaluating Derivatives</i>, §3.2, incremental reverse mode, Table 3.5).
/// </summary>
/// <remarks>
/// <para>The tape is one flat array of 64-bit words reused from call to call; no object is allocated per
/// operation, and nothing after the first calls of a given size. Nodes are numbered in evaluation order:
/// node 0 stands for every constant, nodes 1…n are the inputs, then one node per recorded operation.
/// A record is 1–3 words ending in a header (parent indices and kind): additions and subtractions store no
/// partials (their partials are ±1), unary operations one partial, binary operations two. Adding or
/// subtracting a constant records nothing at all (the result shares its operand's node), so a typical
/// sum of squares costs about half the memory of a fixed 24-byte node.</para>
/// <para>Each thread records onto its own tape (<see cref="ForCurrentThread"/>), so independent gradients may
/// run concurrently. A variable carries its tape's id, so recording needs no thread-static lookup per
/// operation; a thread's tape keeps its memory for reuse (<see cref="TrimExcess"/> releases it). Recording cannot be nested on one thread; nest forward mode over reverse mode
/// (<c>Dual&lt;Variable&gt;</c>) for second derivatives. Variables of an earlier recording are invalid once
/// <see cref="Begin"/> is called again.</para>
/// </remarks>
public sealed class Tape
{
    private const int KindAdd = 0, KindSubtract = 1, KindUnary = 2, KindBinary = 3;
    private const int MaxNodes = 1 << 30;

    [ThreadStatic] private static Tape? recording;
    [ThreadStatic] private static Tape? threadTape;
    private static readonly object registryLock = new();
    private static Tape[] registry = new Tape[16];
    private static int registeredCount;

    private ulong[] words = new ulong[1024];
    private double[] adjoints = new double[1024];
    private int wordCount;
    private int nodeCount = 1;
    private int inputCount;
    private int limit;
    private int id;

    private Tape() { }

    /// <summary>The calling thread's reusable tape.</summary>
    public static Tape ForCurrentThread => threadTape ??= Register(new Tape());

    /// <summary>Whether this tape is recording (between <see cref="Begin"/> and <see cref="End"/>).</summary>
    public bool IsRecording => limit != 0;

    /// <summary>The number of nodes of the last recording (the constant node, the inputs and the operations).</summary>
    public int NodeCount => nodeCount;

    /// <summary>The number of inputs of the last recording.</summary>
    public int InputCount => inputCount;

    /// <summary>The bytes of tape the last recording used (records only, not the adjoints).</summary>
    public long RecordBytes => (long)wordCount * sizeof(ulong);

    /// <summary>Starts a recording on the calling thread, discarding the previous one (its memory is reused).</summary>
    /// <exception cref="InvalidOperationException">A tape is already recording on this thread.</exception>
    public void Begin()
    {
        if (recording is not null)
            throw new InvalidOperationException(
                "A tape is already recording on this thread; reverse mode cannot be nested (use Dual<Variable> for second derivatives).");
        wordCount = 0;
        nodeCount = 1;
        inputCount = 0;
        recording = this;
        limit = words.Length;
    }

    /// <summary>Creates the next independent variable. Inputs must be created before any operation is recorded.</summary>
    /// <param name="value">Its value.</param>
    /// <exception cref="InvalidOperationException">The tape is not recording, or operations were already recorded.</exception>
    public Variable Input(double value)
    {
        if (limit == 0) throw new InvalidOperationException("Input requires the tape to be recording: call Begin first.");
        if (nodeCount != inputCount + 1) throw new InvalidOperationException("Inputs must be created before any operation is recorded.");
        inputCount++;
        return new Variable(value, nodeCount++, id);
    }

    /// <summary>Creates one independent variable per entry of <paramref name="values"/>, in order.</summary>
    /// <param name="values">The input values.</param>
    /// <param name="variables">Destination of the same length.</param>
    public void Inputs(ReadOnlySpan<double> values, Span<Variable> variables)
    {
        Guard.Length(variables.Length, values.Length, nameof(variables));
        if (limit == 0) throw new InvalidOperationException("Inputs requires the tape to be recording: call Begin first.");
        if (nodeCount != inputCount + 1) throw new InvalidOperationException("Inputs must be created before any operation is recorded.");
        if (values.Length >= MaxNodes - nodeCount) throw new InvalidOperationException($"The tape exceeds {MaxNodes} operations.");
        int first = nodeCount;
        for (int i = 0; i < values.Length; i++) variables[i] = new Variable(values[i], first + i, id);
        nodeCount += values.Length;
        inputCount += values.Length;
    }

    /// <summary>Stops recording. The recorded operations stay available for any number of backward sweeps.</summary>
    public void End()
    {
        if (ReferenceEquals(recording, this)) recording = null;
        limit = 0;
        if (adjoints.Length < nodeCount) adjoints = new double[Math.Max(nodeCount, 2 * adjoints.Length)];
    }

    /// <summary>Releases the memory kept for reuse (the next recording grows it again).</summary>
    public void TrimExcess()
    {
        if (IsRecording) throw new InvalidOperationException("Cannot trim a tape while it is recording.");
        words = new ulong[1024];
        adjoints = new double[1024];
        wordCount = 0;
        nodeCount = 1;
        inputCount = 0;
    }

    /// <summary>Adds <paramref name="adjoint"/> to the adjoint of <paramref name="output"/> before a sweep (w in wᵀJ).</summary>
    /// <param name="output">A variable of the last recording; constants are ignored.</param>
    /// <param name="adjoint">Its seed ȳ.</param>
    /// <exception cref="InvalidOperationException">The tape is still recording.</exception>
    public void Seed(Variable output, double adjoint)
    {
        if (IsRecording) throw new InvalidOperationException("Call End before seeding adjoints.");
        if (output.Index > 0) adjoints[output.Index] += adjoint;
    }

    /// <summary>
    /// The backward sweep: propagates the seeded adjoints through every recorded operation in reverse order
    /// and writes the adjoints of the inputs (the VJP wᵀJ, or the gradient when one output is seeded with 1).
    /// Leaves every adjoint at zero, ready for another seed and sweep.
    /// </summary>
    /// <param name="inputAdjoints">Destination of length <see cref="InputCount"/>.</param>
    public void Sweep(Span<double> inputAdjoints)
    {
        Guard.Length(inputAdjoints.Length, inputCount, nameof(inputAdjoints));
        if (IsRecording) throw new InvalidOperationException("Call End before sweeping.");
        ref ulong word = ref MemoryMarshal.GetArrayDataReference(words);
        ref double adjoint = ref MemoryMarshal.GetArrayDataReference(adjoints);
        int w = wordCount;
        for (int node = nodeCount - 1; node > inputCount; node--)
        {
            ulong header = Unsafe.Add(ref word, --w);
            ref double own = ref Unsafe.Add(ref adjoint, node);
            double a = own;
            own = 0;
            int p1 = (int)((uint)header >> 2), p2 = (int)(header >> 32);
            switch ((int)header & 3)
            {
                case KindAdd:
                    Unsafe.Add(ref adjoint, p1) += a;
                    Unsafe.Add(ref adjoint, p2) += a;
                    break;
                case KindSubtract:
                    Unsafe.Add(ref adjoint, p1) += a;
                    Unsafe.Add(ref adjoint, p2) -= a;
                    break;
                case KindUnary:
                    Unsafe.Add(ref adjoint, p1) += BitConverter.UInt64BitsToDouble(Unsafe.Add(ref word, --w)) * a;
                    if (p2 != 0) ExternalBackward!(p2, a);
                    break;
                default:
                    double d2 = BitConverter.UInt64BitsToDouble(Unsafe.Add(ref word, --w));
                    double d1 = BitConverter.UInt64BitsToDouble(Unsafe.Add(ref word, --w));
                    Unsafe.Add(ref adjoint, p1) += d1 * a;
                    Unsafe.Add(ref adjoint, p2) += d2 * a;
                    break;
            }
        }
        adjoints.AsSpan(1, inputCount).CopyTo(inputAdjoints);
        adjoints.AsSpan(0, inputCount + 1).Clear();
    }

    // ---- external nodes (results of other tapes, e.g. tensor tapes, continued on this one) -----------

    /// <summary>Called by <see cref="Sweep"/> with the token and the adjoint of each node recorded by <see cref="RecordExternal"/>.</summary>
    internal Action<int, double>? ExternalBackward;

    /// <summary>Records a node whose backward step hands its adjoint to <see cref="ExternalBackward"/> (a unary record on the constant node whose unused second parent holds the token ≥ 1).</summary>
    internal Variable RecordExternal(double value, int token) => Push(value, 0UL, Header(KindUnary, 0, token));

    /// <summary>Adds to the adjoint of node <paramref name="index"/> during a sweep (from an external node's backward step); constants are ignored.</summary>
    internal void AccumulateAdjoint(int index, double value)
    {
        if (index > 0) adjoints[index] += value;
    }

    // ---- recording (called by Variable) ------------------------------------------------------------

    /// <summary>Finds a variable's tape by its id: a plain array load, cheaper than a thread-static access.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Tape Of(int tapeId) => registry[tapeId];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Variable RecordAdd(int tapeId, double value, int p1, int p2) => Of(tapeId).Push(value, Header(KindAdd, p1, p2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Variable RecordSubtract(int tapeId, double value, int p1, int p2) => Of(tapeId).Push(value, Header(KindSubtract, p1, p2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Variable RecordUnary(int tapeId, double value, int parent, double partial) =>
        Of(tapeId).Push(value, BitConverter.DoubleToUInt64Bits(partial), Header(KindUnary, parent, 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Variable RecordBinary(int tapeId, double value, int p1, double d1, int p2, double d2) =>
        Of(tapeId).Push(value, BitConverter.DoubleToUInt64Bits(d1), BitConverter.DoubleToUInt64Bits(d2), Header(KindBinary, p1, p2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Header(int kind, int p1, int p2) => (uint)kind | ((ulong)(uint)p1 << 2) | ((ulong)(uint)p2 << 32);

    // `limit` is the word capacity while recording and 0 otherwise, so one comparison checks both.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Variable Push(double value, ulong header)
    {
        int w = wordCount;
        if (w >= limit) Grow();
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(words), w) = header;
        wordCount = w + 1;
        return new Variable(value, nodeCount++, id);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Variable Push(double value, ulong partial, ulong header)
    {
        int w = wordCount;
        if (w + 2 > limit) Grow();
        ref ulong at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(words), w);
        at = partial;
        Unsafe.Add(ref at, 1) = header;
        wordCount = w + 2;
        return new Variable(value, nodeCount++, id);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Variable Push(double value, ulong partial1, ulong partial2, ulong header)
    {
        int w = wordCount;
        if (w + 3 > limit) Grow();
        ref ulong at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(words), w);
        at = partial1;
        Unsafe.Add(ref at, 1) = partial2;
        Unsafe.Add(ref at, 2) = header;
        wordCount = w + 3;
        return new Variable(value, nodeCount++, id);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        if (!IsRecording)
            throw new InvalidOperationException("An operation on tape variables ran while their tape was not recording.");
        if (nodeCount >= MaxNodes - 4)
            throw new InvalidOperationException($"The tape exceeds {MaxNodes} operations.");
        long capacity = Math.Min(2L * words.Length, Array.MaxLength);
        capacity = Math.Min(capacity, (long)wordCount + 3L * (MaxNodes - nodeCount));
        Array.Resize(ref words, (int)Math.Max(capacity, wordCount + 3));
        limit = words.Length;
    }

    private static Tape Register(Tape tape)
    {
        lock (registryLock)
        {
            if (registeredCount == registry.Length)
            {
                var larger = new Tape[2 * registry.Length];
                registry.CopyTo(larger, 0);
                registry = larger;
            }
            tape.id = registeredCount;
            registry[registeredCount++] = tape;
        }
        return tape;
    }
}
