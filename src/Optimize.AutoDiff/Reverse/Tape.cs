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
/// node 0 stands for no node, nodes 1…n are the inputs, then the recorded nodes. A record is three words:
/// two local partials and the two parent indices. <see cref="Variable"/> preaccumulates chains of elementary
/// operations in registers and records a node only where a binary operation meets two different nodes, so the
/// tape holds a fraction of the operations (three nodes per term of extended Rosenbrock instead of eight).</para>
/// <para>Each thread records onto its own tape (<see cref="ForCurrentThread"/>), so independent gradients may
/// run concurrently. A variable carries its tape's id, so recording needs no thread-static lookup per
/// operation; a thread's tape keeps its memory for reuse (<see cref="TrimExcess"/> releases it).
/// Recording cannot be nested on one thread; nest forward mode over reverse mode
/// (<c>Dual&lt;Variable&gt;</c>) for second derivatives. Variables of an earlier recording are invalid once
/// <see cref="Begin"/> is called again.</para>
/// </remarks>
public sealed class Tape
{
    private const int WordsPerNode = 3;
    private const int WordsPerSecondOrderNode = 5;
    private const int MaxNodes = int.MaxValue - 16;

    [ThreadStatic] private static Tape? recording;
    [ThreadStatic] private static Tape? threadTape;
    private static readonly object registryLock = new();
    private static Tape[] registry = new Tape[16];
    private static int registeredCount;

    private ulong[] words = new ulong[1024];
    private double[] adjoints = new double[1024];
    private double[] tangentAdjoints = [];
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

    /// <summary>The number of nodes of the last recording (the empty node 0, the inputs and the recorded nodes).</summary>
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
        return Variable.Input(value, nodeCount++, id);
    }

    /// <summary>Creates one independent variable per entry of <paramref name="values"/>, in order.</summary>
    /// <param name="values">The input values.</param>
    /// <param name="variables">Destination of the same length.</param>
    public void Inputs(ReadOnlySpan<double> values, Span<Variable> variables)
    {
        Guard.Length(variables.Length, values.Length, nameof(variables));
        int first = nodeCount;
        StartInputs(values.Length);
        for (int i = 0; i < values.Length; i++) variables[i] = Variable.Input(values[i], first + i, id);
    }

    private void CheckNotRecording()
    {
        if (IsRecording) throw new InvalidOperationException("Call End before seeding or sweeping.");
    }

    /// <summary>Reserves the nodes of <paramref name="count"/> inputs after checking the recording state.</summary>
    private void StartInputs(int count)
    {
        if (limit == 0) throw new InvalidOperationException("Inputs requires the tape to be recording: call Begin first.");
        if (nodeCount != inputCount + 1) throw new InvalidOperationException("Inputs must be created before any operation is recorded.");
        if (count >= MaxNodes - nodeCount) throw new InvalidOperationException($"The tape exceeds {MaxNodes} operations.");
        nodeCount += count;
        inputCount += count;
    }

    /// <summary>
    /// Creates one second-order input per entry of <paramref name="values"/>, its primal carrying the matching
    /// entry of <paramref name="direction"/> (for ∇²f·v by <see cref="SweepSecondOrder"/>).
    /// </summary>
    /// <param name="values">The input values x.</param>
    /// <param name="direction">The direction v, of the same length.</param>
    /// <param name="variables">Destination of the same length.</param>
    public void Inputs(ReadOnlySpan<double> values, ReadOnlySpan<double> direction, Span<HessianVectorVariable> variables)
    {
        Guard.Length(direction.Length, values.Length, nameof(direction));
        Guard.Length(variables.Length, values.Length, nameof(variables));
        int first = nodeCount;
        StartInputs(values.Length);
        for (int i = 0; i < values.Length; i++) variables[i] = HessianVectorVariable.Input(values[i], direction[i], first + i, id);
    }

    /// <summary>Adds the dual adjoint <paramref name="adjoint"/>·∂v to the adjoints before a second-order sweep.</summary>
    /// <param name="output">A second-order variable of the last recording; constants are ignored.</param>
    /// <param name="adjoint">Its seed ȳ.</param>
    public void Seed(HessianVectorVariable output, double adjoint)
    {
        CheckNotRecording();
        if (tangentAdjoints.Length < adjoints.Length) tangentAdjoints = new double[adjoints.Length];
        output.AddAdjoint(adjoints, tangentAdjoints, adjoint);
    }

    /// <summary>
    /// The second-order backward sweep over a recording of <see cref="HessianVectorVariable"/>: propagates the
    /// dual adjoints (ā, ā̇) with ā_p += d·ā and ā̇_p += ḋ·ā + d·ā̇ for every recorded partial d + ḋε, and writes
    /// the input adjoints: ∇f (times the seed) and ∇²f·v.
    /// </summary>
    /// <param name="gradient">Destination of length <see cref="InputCount"/> for ∇f.</param>
    /// <param name="hessianVector">Destination of length <see cref="InputCount"/> for ∇²f·v.</param>
    public void SweepSecondOrder(Span<double> gradient, Span<double> hessianVector)
    {
        Guard.Length(gradient.Length, inputCount, nameof(gradient));
        Guard.Length(hessianVector.Length, inputCount, nameof(hessianVector));
        CheckNotRecording();
        if (tangentAdjoints.Length < adjoints.Length) tangentAdjoints = new double[adjoints.Length];
        ref ulong word = ref MemoryMarshal.GetArrayDataReference(words);
        ref double adjoint = ref MemoryMarshal.GetArrayDataReference(adjoints);
        ref double tangent = ref MemoryMarshal.GetArrayDataReference(tangentAdjoints);
        int w = wordCount;
        for (int node = nodeCount - 1; node > inputCount; node--)
        {
            w -= WordsPerSecondOrderNode;
            ref ulong record = ref Unsafe.Add(ref word, w);
            ref double own = ref Unsafe.Add(ref adjoint, node);
            ref double ownTangent = ref Unsafe.Add(ref tangent, node);
            double a = own, at = ownTangent;
            own = 0;
            ownTangent = 0;
            double d1 = BitConverter.UInt64BitsToDouble(record), d1t = BitConverter.UInt64BitsToDouble(Unsafe.Add(ref record, 1));
            double d2 = BitConverter.UInt64BitsToDouble(Unsafe.Add(ref record, 2)), d2t = BitConverter.UInt64BitsToDouble(Unsafe.Add(ref record, 3));
            ulong parents = Unsafe.Add(ref record, 4);
            int p1 = (int)(uint)parents, p2 = (int)(parents >> 32);
            Unsafe.Add(ref adjoint, p1) += d1 * a;
            Unsafe.Add(ref tangent, p1) += d1t * a + d1 * at;
            Unsafe.Add(ref adjoint, p2) += d2 * a;
            Unsafe.Add(ref tangent, p2) += d2t * a + d2 * at;
        }
        adjoints.AsSpan(1, inputCount).CopyTo(gradient);
        tangentAdjoints.AsSpan(1, inputCount).CopyTo(hessianVector);
        adjoints.AsSpan(0, inputCount + 1).Clear();
        tangentAdjoints.AsSpan(0, inputCount + 1).Clear();
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
        tangentAdjoints = [];
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
        CheckNotRecording();
        output.AddAdjoint(adjoints, adjoint);
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
        CheckNotRecording();
        ref ulong word = ref MemoryMarshal.GetArrayDataReference(words);
        ref double adjoint = ref MemoryMarshal.GetArrayDataReference(adjoints);
        int w = wordCount;
        for (int node = nodeCount - 1; node > inputCount; node--)
        {
            w -= WordsPerNode;
            ref ulong record = ref Unsafe.Add(ref word, w);
            ref double own = ref Unsafe.Add(ref adjoint, node);
            double a = own;
            own = 0;
            ulong parents = Unsafe.Add(ref record, 2);
            Unsafe.Add(ref adjoint, (int)(uint)parents) += BitConverter.UInt64BitsToDouble(record) * a;
            Unsafe.Add(ref adjoint, (int)(parents >> 32)) += BitConverter.UInt64BitsToDouble(Unsafe.Add(ref record, 1)) * a;
        }
        adjoints.AsSpan(1, inputCount).CopyTo(inputAdjoints);
        adjoints.AsSpan(0, inputCount + 1).Clear();
    }

    // ---- recording (called by Variable) ------------------------------------------------------------

    /// <summary>
    /// Writes a node n with ṅ = d₁·ṅ₁ + d₂·ṅ₂ and returns its index. `limit` is the word capacity while
    /// recording and 0 otherwise, so one comparison checks both.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Record(int tapeId, int first, double firstPartial, int second, double secondPartial)
    {
        Tape tape = registry[tapeId];
        int w = tape.wordCount;
        if (w + WordsPerNode > tape.limit) tape.Grow();
        ref ulong at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(tape.words), w);
        at = BitConverter.DoubleToUInt64Bits(firstPartial);
        Unsafe.Add(ref at, 1) = BitConverter.DoubleToUInt64Bits(secondPartial);
        Unsafe.Add(ref at, 2) = (uint)first | ((ulong)(uint)second << 32);
        tape.wordCount = w + WordsPerNode;
        return tape.nodeCount++;
    }

    /// <summary>Writes a node with dual partials (second-order adjoints) and returns its index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int RecordSecondOrder(int tapeId, int first, Dual<double> firstPartial, int second, Dual<double> secondPartial)
    {
        Tape tape = registry[tapeId];
        int w = tape.wordCount;
        if (w + WordsPerSecondOrderNode > tape.limit) tape.Grow();
        ref ulong at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(tape.words), w);
        at = BitConverter.DoubleToUInt64Bits(firstPartial.Value);
        Unsafe.Add(ref at, 1) = BitConverter.DoubleToUInt64Bits(firstPartial.Tangent);
        Unsafe.Add(ref at, 2) = BitConverter.DoubleToUInt64Bits(secondPartial.Value);
        Unsafe.Add(ref at, 3) = BitConverter.DoubleToUInt64Bits(secondPartial.Tangent);
        Unsafe.Add(ref at, 4) = (uint)first | ((ulong)(uint)second << 32);
        tape.wordCount = w + WordsPerSecondOrderNode;
        return tape.nodeCount++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        if (!IsRecording)
            throw new InvalidOperationException("An operation on tape variables ran while their tape was not recording.");
        if (nodeCount >= MaxNodes - 4)
            throw new InvalidOperationException($"The tape exceeds {MaxNodes} operations.");
        long capacity = Math.Min(2L * words.Length, Array.MaxLength);
        capacity = Math.Min(capacity, (long)wordCount + WordsPerNode * (long)(MaxNodes - nodeCount));
        Array.Resize(ref words, (int)Math.Max(capacity, wordCount + WordsPerNode));
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
