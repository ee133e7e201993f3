using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Optimize.AutoDiff.Forward;

namespace Optimize.AutoDiff.Reverse;

/// <summary>
/// The reverse-mode tape (Wengert list): the elementary operations of one evaluation recorded in the
/// forward sweep, then swept backwards to accumulate adjoints v̄ᵢ = ∂y/∂vᵢ (Griewank &amp; Walther,
/// <i>Evaluating Derivatives</i>, §3.2, incremental reverse mode, Table 3.5).
/// </summary>
/// <remarks>
/// <para>The tape is a tape of local Jacobians: one flat array of 64-bit words reused from call to call, no object
/// allocated per operation, and nothing after the first calls of a given size. Nodes are numbered in evaluation
/// order: node 0 stands for no node, nodes 1…n are the inputs (implicit: they take no record), then the recorded
/// nodes (at most 2²⁸ − 16 per recording). <see cref="Variable"/> preaccumulates everything that depends on at
/// most two nodes in registers and records a node only where an operation meets three or four, so the tape holds
/// a fraction of the operations (one node per term of extended Rosenbrock instead of eight). A record is its
/// parents' local partials followed by their 28-bit indices packed two to a word: one pair (three words) or two
/// (six words; an unused fourth slot is node 0 with partial 0). The last word carries two flags in its top bits:
/// whether the record has two pairs, and whether the previous node is a further parent with partial exactly 1
/// (the running sum of a loop, <c>sum += term</c>), which then costs neither index nor partial and whose adjoint
/// the backward sweep hands on in a register. Extended Rosenbrock records three words per term. Records of
/// <see cref="HessianVectorVariable"/> store each partial as a dual number d + ḋε (five or ten words). Input
/// <see cref="Variable"/>s beyond 16 MiB (half a million, when a recording no longer fits the last-level cache)
/// are written with non-temporal stores, which spares reading each cache line from memory before
/// overwriting it.</para>
/// <para>Each thread records onto its own tape (<see cref="ForCurrentThread"/>), so independent gradients may
/// run concurrently. The tapes of the first fifteen threads that record carry an id in the top four bits of
/// their node numbers, so a variable leads to its tape without a thread-static lookup; further threads' tapes
/// are found through the thread. A thread's tape keeps its memory for reuse (<see cref="TrimExcess"/>
/// releases it).
/// Recording cannot be nested on one thread; nest forward mode over reverse mode
/// (<c>Dual&lt;Variable&gt;</c>) for second derivatives. Variables of an earlier recording are invalid once
/// <see cref="Begin"/> is called again.</para>
/// </remarks>
public sealed class Tape
{
    private const int IdShift = 28;
    private const uint IndexMask = (1u << IdShift) - 1;
    private const int MaxNodes = (1 << IdShift) - 16;
    private const ulong Accumulates = 1UL << 63;      // the previous node is a parent with partial 1 (not stored)
    private const ulong TwoPairs = 1UL << 62;         // the record has four parent slots (two index words)
    private const ulong IndexPair = ((ulong)IndexMask << 32) | IndexMask; // an index word without flags or id bits
    private const int LargestRecord = 10;             // words of a second-order record with two pairs

    [ThreadStatic] private static Tape? recording;
    [ThreadStatic] private static Tape? threadTape;
    private static readonly Tape?[] registry = new Tape?[1 << (32 - IdShift)];
    private static readonly object registryLock = new();

    private ulong[] words = new ulong[1024];
    private double[] adjoints = new double[1024];
    private double[] dualAdjoints = []; // (ā, ā̇) of node k at 2k, 2k + 1, for second-order sweeps
    private int wordCount;
    private uint nextNode = 1; // the next node's number with this tape's id in the top bits
    private readonly uint idBits;
    private int inputCount;
    private int limit;
    private int[] externalNodes = [];
    private int[] externalTokens = [];
    private Action<int, double>[] externalHandlers = [];
    private int externalCount;
    private bool inputSeeded; // a seed sits on an input node's adjoint (an output that depends on inputs directly)

    private Tape()
    {
        lock (registryLock)
        {
            for (int id = 1; id < registry.Length; id++)
                if (registry[id] is null)
                {
                    registry[id] = this;
                    idBits = (uint)id << IdShift;
                    break;
                }
        }
        nextNode = idBits | 1;
    }

    /// <summary>The calling thread's reusable tape.</summary>
    public static Tape ForCurrentThread => threadTape ??= new Tape();

    /// <summary>Whether this tape is recording (between <see cref="Begin"/> and <see cref="End"/>).</summary>
    public bool IsRecording => limit != 0;

    /// <summary>The number of nodes of the last recording (the empty node 0, the inputs and the recorded nodes).</summary>
    public int NodeCount => (int)(nextNode & IndexMask);

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
        nextNode = idBits | 1;
        inputCount = 0;
        externalCount = 0;
        inputSeeded = false;
        recording = this;
        limit = words.Length;
    }

    /// <summary>Creates the next independent variable. Inputs must be created before any operation is recorded.</summary>
    /// <param name="value">Its value.</param>
    /// <exception cref="InvalidOperationException">The tape is not recording, or operations were already recorded.</exception>
    public Variable Input(double value)
    {
        uint node = StartInputs(1);
        return Variable.OfNode(value, node);
    }

    /// <summary>Creates one independent variable per entry of <paramref name="values"/>, in order.</summary>
    /// <param name="values">The input values.</param>
    /// <param name="variables">Destination of the same length.</param>
    public void Inputs(ReadOnlySpan<double> values, Span<Variable> variables)
    {
        Guard.Length(variables.Length, values.Length, nameof(variables));
        uint first = StartInputs(values.Length);
        int i = 0;
        if ((long)values.Length * Unsafe.SizeOf<Variable>() >= StreamedBytes && Sse2.X64.IsSupported)
        {
            StreamInputs(values, variables, first);
            return;
        }
        if (Vector256.IsHardwareAccelerated)
        {
            // One 32-byte store per input: (xᵢ, partials 1 and 0, node first + i); see the layout of Variable.
            ref double destination = ref Unsafe.As<Variable, double>(ref MemoryMarshal.GetReference(variables));
            ref double source = ref MemoryMarshal.GetReference(values);
            for (; i < values.Length; i++)
                Vector256.Create(Unsafe.Add(ref source, i), 1.0, 0.0, BitConverter.UInt64BitsToDouble(first + (uint)i))
                    .StoreUnsafe(ref destination, (nuint)(4 * i));
        }
        for (; i < values.Length; i++) variables[i] = Variable.OfNode(values[i], first + (uint)i);
    }

    /// <summary>The size of the input variables from which they are written with non-temporal stores.</summary>
    private const long StreamedBytes = 16L << 20;

    /// <summary>
    /// Writes the input variables with non-temporal stores (x86-64): far more than the caches hold, each line
    /// would be read from memory before being overwritten and written back after; streamed, it costs one write.
    /// </summary>
    private static unsafe void StreamInputs(ReadOnlySpan<double> values, Span<Variable> variables, uint first)
    {
        fixed (Variable* start = variables)
        fixed (double* source = values)
        {
            ulong* destination = (ulong*)start;
            for (int i = 0; i < values.Length; i++, destination += 4)
            {
                Sse2.X64.StoreNonTemporal(destination, BitConverter.DoubleToUInt64Bits(source[i]));
                Sse2.X64.StoreNonTemporal(destination + 1, 0x3FF0000000000000UL); // the partial 1.0
                Sse2.X64.StoreNonTemporal(destination + 2, 0UL);
                Sse2.X64.StoreNonTemporal(destination + 3, first + (uint)i);
            }
        }
        Sse.StoreFence();
    }

    private void CheckNotRecording()
    {
        if (IsRecording) throw new InvalidOperationException("Call End before seeding or sweeping.");
    }

    /// <summary>Reserves the nodes of <paramref name="count"/> inputs after checking the recording state; returns the first one's number.</summary>
    private uint StartInputs(int count)
    {
        if (limit == 0) throw new InvalidOperationException("Inputs require the tape to be recording: call Begin first.");
        if (NodeCount != inputCount + 1) throw new InvalidOperationException("Inputs must be created before any operation is recorded.");
        if (count >= MaxNodes - NodeCount) throw new InvalidOperationException($"The tape exceeds {MaxNodes} nodes.");
        uint first = nextNode;
        nextNode += (uint)count;
        inputCount += count;
        return first;
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
        uint first = StartInputs(values.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Three stores per input: (xᵢ, vᵢ, partial 1, tangent 0), (0, 0), node first + i; see the layout of HessianVectorVariable.
            ref ulong destination = ref Unsafe.As<HessianVectorVariable, ulong>(ref MemoryMarshal.GetReference(variables));
            ref double x = ref MemoryMarshal.GetReference(values), v = ref MemoryMarshal.GetReference(direction);
            for (; i < values.Length; i++)
            {
                ref ulong at = ref Unsafe.Add(ref destination, 7 * i);
                Vector256.Create(Unsafe.Add(ref x, i), Unsafe.Add(ref v, i), 1.0, 0.0).AsUInt64().StoreUnsafe(ref at);
                Vector128<ulong>.Zero.StoreUnsafe(ref at, 4);
                Unsafe.Add(ref at, 6) = first + (uint)i;
            }
        }
        for (; i < values.Length; i++) variables[i] = HessianVectorVariable.Input(values[i], direction[i], first + (uint)i);
    }

    /// <summary>Adds the dual adjoint <paramref name="adjoint"/>·∂v to the adjoints before a second-order sweep.</summary>
    /// <param name="output">A second-order variable of the last recording; constants are ignored.</param>
    /// <param name="adjoint">Its seed ȳ.</param>
    public void Seed(HessianVectorVariable output, double adjoint)
    {
        CheckNotRecording();
        if (dualAdjoints.Length < 2 * adjoints.Length) dualAdjoints = new double[2 * adjoints.Length];
        output.AddAdjoint(dualAdjoints, adjoint);
        NoteSeeded(output.Nodes);
    }

    /// <summary>The adjoint index of a node number (its id bits dropped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Index(uint node) => (int)(node & IndexMask);

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
        if (externalCount > 0)
            throw new InvalidOperationException("The recording continues results of another tape (a tensor tape), which is first order: use Sweep.");
        if (dualAdjoints.Length < 2 * adjoints.Length) dualAdjoints = new double[2 * adjoints.Length];
        // Inputs accumulate straight into the destinations; seeds that sit on inputs are moved there first.
        ref double adjoint = ref MemoryMarshal.GetArrayDataReference(dualAdjoints);
        ref double real = ref MemoryMarshal.GetReference(gradient), tangentPart = ref MemoryMarshal.GetReference(hessianVector);
        if (inputSeeded)
        {
            for (int i = 0; i < inputCount; i++)
            {
                ref double seeded = ref Unsafe.Add(ref adjoint, 2 * (i + 1));
                Unsafe.Add(ref real, i) = seeded;
                Unsafe.Add(ref tangentPart, i) = Unsafe.Add(ref seeded, 1);
            }
            dualAdjoints.AsSpan(2, 2 * inputCount).Clear();
        }
        else
        {
            gradient.Clear();
            hessianVector.Clear();
        }
        inputSeeded = false;
        var inputs = new SecondOrderInputs(ref Unsafe.Subtract(ref real, 1), ref Unsafe.Subtract(ref tangentPart, 1), (uint)inputCount);
        ref ulong word = ref MemoryMarshal.GetArrayDataReference(words);
        int w = wordCount;
        int node = NodeCount - 1;
        Vector128<double> carry = default;
        for (; node > inputCount; node--)
        {
            ulong last = Unsafe.Add(ref word, w - 1);
            ref double own = ref Unsafe.Add(ref adjoint, 2 * node);
            Vector128<double> a = Vector128.LoadUnsafe(ref own) + carry;
            Vector128<double>.Zero.StoreUnsafe(ref own);
            carry = (long)last < 0 ? a : default;
            if ((last & TwoPairs) == 0)
            {
                w -= 5;
                SecondOrderPair(ref adjoint, ref inputs, ref Unsafe.Add(ref word, w), last, a);
            }
            else
            {
                w -= 10;
                ref ulong record = ref Unsafe.Add(ref word, w);
                SecondOrderPair(ref adjoint, ref inputs, ref record, Unsafe.Add(ref record, 8), a);
                SecondOrderPair(ref adjoint, ref inputs, ref Unsafe.Add(ref record, 4), last, a);
            }
        }
        if (node > 0)
        {
            Unsafe.Add(ref inputs.Real, node) += carry.ToScalar();
            Unsafe.Add(ref inputs.Tangent, node) += carry.GetElement(1);
        }
        Vector128<double>.Zero.StoreUnsafe(ref adjoint);
    }

    /// <summary>Where the second-order sweep accumulates the inputs' dual adjoints: input k at Real[k], Tangent[k] (1-based).</summary>
    private ref struct SecondOrderInputs(ref double real, ref double tangent, uint count)
    {
        public ref double Real = ref real;
        public ref double Tangent = ref tangent;
        public readonly uint Count = count;
    }

    /// <summary>
    /// (ā_p, ā̇_p) += (d·ā, ḋ·ā + d·ā̇) for the two parents p of <paramref name="indices"/> with the dual partials
    /// (d, ḋ) at <paramref name="partials"/>: in the destinations for inputs, else in the node's pair (node 0, an
    /// unused slot, absorbs a zero contribution).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SecondOrderPair(ref double adjoint, ref SecondOrderInputs inputs, ref ulong partials, ulong indices, Vector128<double> a)
    {
        SecondOrderStep(ref adjoint, ref inputs, (uint)indices, Vector128.LoadUnsafe(ref Unsafe.As<ulong, double>(ref partials)), a);
        SecondOrderStep(ref adjoint, ref inputs, (uint)(indices >> 32) & IndexMask,
            Vector128.LoadUnsafe(ref Unsafe.As<ulong, double>(ref Unsafe.Add(ref partials, 2))), a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SecondOrderStep(ref double adjoint, ref SecondOrderInputs inputs, uint parent, Vector128<double> partial, Vector128<double> a)
    {
        // d·(ā, ā̇) + (0, ḋ·ā)
        double d = partial.ToScalar();
        Vector128<double> contribution = Vector128.Create(d) * a + Vector128.Create(0, partial.GetElement(1) * a.ToScalar());
        if (parent - 1 < inputs.Count)
        {
            Unsafe.Add(ref inputs.Real, parent) += contribution.ToScalar();
            Unsafe.Add(ref inputs.Tangent, parent) += contribution.GetElement(1);
        }
        else
        {
            ref double target = ref Unsafe.Add(ref adjoint, 2 * parent);
            (Vector128.LoadUnsafe(ref target) + contribution).StoreUnsafe(ref target);
        }
    }

    /// <summary>Copies the input adjoints (nodes 1…n) to <paramref name="destination"/> and zeroes them, with node 0, in one pass.</summary>
    private void CopyAndClearInputs(double[] nodeAdjoints, Span<double> destination)
    {
        ref double source = ref MemoryMarshal.GetArrayDataReference(nodeAdjoints);
        source = 0;
        ref double target = ref MemoryMarshal.GetReference(destination);
        for (int i = 0; i < inputCount; i++)
        {
            ref double adjoint = ref Unsafe.Add(ref source, i + 1);
            Unsafe.Add(ref target, i) = adjoint;
            adjoint = 0;
        }
    }

    /// <summary>Stops recording. The recorded operations stay available for any number of backward sweeps.</summary>
    public void End()
    {
        if (ReferenceEquals(recording, this)) recording = null;
        limit = 0;
        if (adjoints.Length < NodeCount) adjoints = new double[Math.Max(NodeCount, 2 * adjoints.Length)];
    }

    /// <summary>Releases the memory kept for reuse (the next recording grows it again).</summary>
    public void TrimExcess()
    {
        if (IsRecording) throw new InvalidOperationException("Cannot trim a tape while it is recording.");
        words = new ulong[1024];
        adjoints = new double[1024];
        dualAdjoints = [];
        wordCount = 0;
        nextNode = idBits | 1;
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
        NoteSeeded(output.Nodes);
    }

    /// <summary>Notes whether a seed went to an input's adjoint (an output that depends on inputs directly).</summary>
    private void NoteSeeded(ulong nodes) => inputSeeded |= IsInput(Index((uint)nodes)) | IsInput(Index((uint)(nodes >> 32)));

    private bool IsInput(int node) => (uint)(node - 1) < (uint)inputCount;

    /// <summary>
    /// The backward sweep: propagates the seeded adjoints through every recorded operation in reverse order
    /// and writes the adjoints of the inputs (the VJP wᵀJ, or the gradient when one output is seeded with 1).
    /// Leaves every adjoint at zero, ready for another seed and sweep.
    /// </summary>
    /// <remarks>
    /// The adjoint of the previous node, when a record accumulates onto it with partial 1 (the running sum of a
    /// loop), is handed on in a register instead of memory, so a chain of such records does not wait on a store
    /// and reload per record and needs no multiplication for it. Each record is a short branch-free step: its
    /// parents' partials times the node's adjoint, added to the inputs' destination or to the node adjoints.
    /// </remarks>
    /// <param name="inputAdjoints">Destination of length <see cref="InputCount"/>.</param>
    public void Sweep(Span<double> inputAdjoints)
    {
        Guard.Length(inputAdjoints.Length, inputCount, nameof(inputAdjoints));
        CheckNotRecording();
        if (externalCount > 0)
        {
            SweepWithExternalNodes(inputAdjoints);
            return;
        }
        // The inputs' adjoints accumulate straight into the destination: no copy out and no clearing behind.
        if (inputSeeded) CopyAndClearInputs(adjoints, inputAdjoints);
        else inputAdjoints.Clear();
        inputSeeded = false;
        ref double adjoint = ref MemoryMarshal.GetArrayDataReference(adjoints);
        // Input node k (1 ≤ k ≤ n) lives at inputAdjoints[k − 1]; this reference sits one element before the first.
        ref double input = ref Unsafe.Subtract(ref MemoryMarshal.GetReference(inputAdjoints), 1);
        int w = wordCount;
        double carry = SweepRange(ref MemoryMarshal.GetArrayDataReference(words), ref w, ref adjoint, ref input, (uint)inputCount,
            NodeCount - 1, inputCount);
        if (inputCount > 0) Unsafe.Add(ref input, inputCount) += carry;
        adjoints[0] = 0;
    }

    /// <summary>
    /// Sweeps the nodes from <paramref name="top"/> down to <paramref name="stop"/> (exclusive), reading records
    /// backwards from word <paramref name="w"/>; input nodes 1…<paramref name="inputs"/> accumulate at
    /// <paramref name="input"/>, the others at <paramref name="adjoint"/>. Returns the contribution to node
    /// <paramref name="stop"/> still held in the register.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SweepRange(ref ulong word, ref int w, ref double adjoint, ref double input, uint inputs, int top, int stop)
    {
        double carry = 0;
        for (int node = top; node > stop; node--)
        {
            ulong last = Unsafe.Add(ref word, w - 1);
            ref double own = ref Unsafe.Add(ref adjoint, node);
            double a = own + carry;
            own = 0;
            carry = (long)last < 0 ? a : 0;
            if ((last & TwoPairs) == 0)
            {
                w -= 3;
                Pair(ref adjoint, ref input, inputs, ref Unsafe.Add(ref word, w), last, a);
            }
            else
            {
                w -= 6;
                ref ulong record = ref Unsafe.Add(ref word, w);
                Pair(ref adjoint, ref input, inputs, ref record, Unsafe.Add(ref record, 4), a);
                Pair(ref adjoint, ref input, inputs, ref Unsafe.Add(ref record, 2), last, a);
            }
        }
        return carry;
    }

    /// <summary>
    /// Adds dᵢ·ā to the adjoints of the two parents packed in <paramref name="indices"/>, with the partials dᵢ at
    /// <paramref name="partials"/>: in the destination for inputs, else in the node adjoints (node 0, an unused
    /// slot, absorbs a zero contribution).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair(ref double adjoint, ref double input, uint inputs, ref ulong partials, ulong indices, double a)
    {
        uint first = (uint)indices, second = (uint)(indices >> 32) & IndexMask;
        Unsafe.Add(ref first - 1 < inputs ? ref input : ref adjoint, first) += BitConverter.UInt64BitsToDouble(partials) * a;
        Unsafe.Add(ref second - 1 < inputs ? ref input : ref adjoint, second) += BitConverter.UInt64BitsToDouble(Unsafe.Add(ref partials, 1)) * a;
    }

    /// <summary>The sweep of a recording that continues results of other tapes: their handlers add to the node adjoints, inputs included.</summary>
    private void SweepWithExternalNodes(Span<double> inputAdjoints)
    {
        ref ulong word = ref MemoryMarshal.GetArrayDataReference(words);
        ref double adjoint = ref MemoryMarshal.GetArrayDataReference(adjoints);
        int w = wordCount;
        int node = NodeCount - 1;
        // External nodes split the sweep into segments, so the loop over ordinary nodes has no external case.
        for (int e = externalCount - 1; ; e--)
        {
            int stop = e >= 0 ? externalNodes[e] : inputCount;
            // The sweep first: it may add to node stop's adjoint in memory as well as return a carry for it.
            double carry = SweepRange(ref word, ref w, ref adjoint, ref adjoint, 0, node, stop);
            Unsafe.Add(ref adjoint, stop) += carry;
            node = stop;
            if (e < 0) break;
            w -= 1; // the external node's record: one word
            double external = adjoints[node];
            adjoints[node--] = 0;
            externalHandlers[e](externalTokens[e], external);
        }
        inputSeeded = false;
        CopyAndClearInputs(adjoints, inputAdjoints);
    }

    // ---- external nodes (results of other tapes, e.g. tensor tapes, continued on this one) -----------

    /// <summary>
    /// Records a node that depends on no other node of this tape: in the sweep its adjoint is handed to
    /// <paramref name="backward"/> with <paramref name="token"/>, whose code may add to the adjoints of earlier
    /// nodes through <see cref="AccumulateAdjoint"/>.
    /// </summary>
    internal Variable RecordExternal(double value, Action<int, double> backward, int token)
    {
        Reserve(1) = 0;
        uint node = nextNode++;
        if (externalCount == externalNodes.Length)
        {
            Array.Resize(ref externalNodes, Math.Max(4, 2 * externalCount));
            Array.Resize(ref externalTokens, externalNodes.Length);
            Array.Resize(ref externalHandlers, externalNodes.Length);
        }
        externalNodes[externalCount] = Index(node);
        externalTokens[externalCount] = token;
        externalHandlers[externalCount++] = backward;
        return Variable.OfNode(value, node);
    }

    /// <summary>Adds w·∂v to the adjoint of the node <paramref name="variable"/> depends on, during a sweep (from an external node's backward step).</summary>
    internal void AccumulateAdjoint(Variable variable, double w) => variable.AddAdjoint(adjoints, w);

    // ---- recording (called by Variable and HessianVectorVariable) ----------------------------------

    /// <summary>The tape a variable's node number belongs to: by its id bits, or through the thread for tapes without an id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Tape Of(uint node) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(registry), (int)(node >> IdShift)) ?? RecordingOnThisThread();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Tape RecordingOnThisThread() => recording ??
        throw new InvalidOperationException("An operation on tape variables ran while no tape was recording on this thread.");

    /// <summary>
    /// Writes a node n with ṅ = a₁·ṅ₁ + a₂·ṅ₂ + b₁·ṁ₁ + b₂·ṁ₂ on the tape of its parents and returns its number;
    /// <paramref name="xNodes"/> packs n₁ (low half, nonzero) and n₂, <paramref name="yNodes"/> m₁ and m₂ (0 for
    /// none), and together they name at least three different nodes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Record(double a1, double a2, double b1, double b2, ulong xNodes, ulong yNodes) =>
        Of((uint)xNodes).Write(a1, a2, b1, b2, xNodes, yNodes);

    /// <summary>
    /// Writes the record of <see cref="Record"/>: one pair when one operand is the previous node with partial 1
    /// (the accumulation flag stands for it), else two pairs with the operands' slots in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Write(double a1, double a2, double b1, double b2, ulong xNodes, ulong yNodes)
    {
        uint node = nextNode;
        ulong previous = node - 1;
        if (xNodes == previous && a1 == 1) WritePair(b1, b2, (yNodes & IndexPair) | Accumulates);
        else if (yNodes == previous && b1 == 1) WritePair(a1, a2, (xNodes & IndexPair) | Accumulates);
        else
        {
            ref ulong at = ref Reserve(6);
            // The slots in order, an operand on one node taking one slot; the unused last slot is node 0 with partial 0.
            ulong x2 = xNodes >> 32, y2 = yNodes >> 32;
            if (x2 == 0)
            {
                Store(ref at, a1, b1, b2, 0);
                Unsafe.Add(ref at, 4) = ((ulong)(uint)xNodes & IndexMask) | ((yNodes & IndexMask) << 32);
                Unsafe.Add(ref at, 5) = (y2 & IndexMask) | TwoPairs;
            }
            else
            {
                Store(ref at, a1, a2, b1, y2 == 0 ? 0 : b2);
                Unsafe.Add(ref at, 4) = xNodes & IndexPair;
                Unsafe.Add(ref at, 5) = (yNodes & IndexPair) | TwoPairs;
            }
        }
        nextNode = node + 1;
        return node;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WritePair(double d1, double d2, ulong indices)
    {
        ref ulong at = ref Reserve(3);
        at = BitConverter.DoubleToUInt64Bits(d1);
        Unsafe.Add(ref at, 1) = BitConverter.DoubleToUInt64Bits(d2);
        Unsafe.Add(ref at, 2) = indices;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref ulong at, double d1, double d2, double d3, double d4)
    {
        at = BitConverter.DoubleToUInt64Bits(d1);
        Unsafe.Add(ref at, 1) = BitConverter.DoubleToUInt64Bits(d2);
        Unsafe.Add(ref at, 2) = BitConverter.DoubleToUInt64Bits(d3);
        Unsafe.Add(ref at, 3) = BitConverter.DoubleToUInt64Bits(d4);
    }

    /// <summary>
    /// Writes a node with dual partials aᵢ + ȧᵢε, bᵢ + ḃᵢε (second-order adjoints) on the tape of its parents and
    /// returns its number; the records are those of <see cref="Write"/> with each partial a pair of words.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint RecordSecondOrder(double a1, double a1t, double a2, double a2t, double b1, double b1t, double b2, double b2t,
        ulong xNodes, ulong yNodes)
    {
        Tape tape = Of((uint)xNodes);
        uint node = tape.nextNode;
        ulong previous = node - 1;
        if (xNodes == previous && a1 == 1 && a1t == 0)
        {
            ref ulong at = ref tape.Reserve(5);
            Store(ref at, b1, b1t, b2, b2t);
            Unsafe.Add(ref at, 4) = (yNodes & IndexPair) | Accumulates;
        }
        else if (yNodes == previous && b1 == 1 && b1t == 0)
        {
            ref ulong at = ref tape.Reserve(5);
            Store(ref at, a1, a1t, a2, a2t);
            Unsafe.Add(ref at, 4) = (xNodes & IndexPair) | Accumulates;
        }
        else
        {
            ref ulong at = ref tape.Reserve(10);
            ulong x2 = xNodes >> 32, y2 = yNodes >> 32;
            if (x2 == 0)
            {
                Store(ref at, a1, a1t, b1, b1t);
                Store(ref Unsafe.Add(ref at, 4), b2, b2t, 0, 0);
                Unsafe.Add(ref at, 8) = ((ulong)(uint)xNodes & IndexMask) | ((yNodes & IndexMask) << 32);
                Unsafe.Add(ref at, 9) = (y2 & IndexMask) | TwoPairs;
            }
            else
            {
                Store(ref at, a1, a1t, a2, a2t);
                if (y2 == 0) Store(ref Unsafe.Add(ref at, 4), b1, b1t, 0, 0);
                else Store(ref Unsafe.Add(ref at, 4), b1, b1t, b2, b2t);
                Unsafe.Add(ref at, 8) = xNodes & IndexPair;
                Unsafe.Add(ref at, 9) = (yNodes & IndexPair) | TwoPairs;
            }
        }
        tape.nextNode = node + 1;
        return node;
    }

    /// <summary>
    /// The next <paramref name="count"/> words of the tape, growing it when needed. `limit` is the word capacity
    /// while recording and 0 otherwise, so one comparison checks both.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ulong Reserve(int count)
    {
        int w = wordCount;
        if (w > limit - count) Grow();
        wordCount = w + count;
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(words), w);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        if (!IsRecording)
            throw new InvalidOperationException("An operation on tape variables ran while their tape was not recording.");
        if (NodeCount >= MaxNodes - 4)
            throw new InvalidOperationException($"The tape exceeds {MaxNodes} nodes.");
        // Room for at most as many of the smallest records (one word) as node numbers remain, so the next node number never
        // reaches the id bits before this check runs again.
        long capacity = Math.Min(2L * words.Length, Array.MaxLength);
        capacity = Math.Min(capacity, (long)wordCount + (long)(MaxNodes - NodeCount));
        Array.Resize(ref words, (int)Math.Max(capacity, wordCount + LargestRecord));
        limit = words.Length;
    }
}
