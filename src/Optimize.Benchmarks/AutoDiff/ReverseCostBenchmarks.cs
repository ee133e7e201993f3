using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Optimize.AutoDiff;
using Optimize.Problems;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Benchmarks.AutoDiff;

/// <summary>
/// Where the time of a reverse-mode gradient and of a forward-over-reverse Hessian-vector product goes, as ratios
/// to the plain value f(x) in one run: writing the input variables alone (32 bytes per input for
/// <see cref="Variable"/>, 56 for <see cref="HessianVectorVariable"/>), recording f on them (inputs included), and
/// the whole derivative (recording and backward sweep). Extended Rosenbrock at n = 10⁶ and 10⁵. Two lower bounds
/// measure what any recording with these representations costs at least (<see cref="RecordLowerBound"/>,
/// <see cref="HvRecordLowerBound"/>).
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*ReverseCost*'</c>.
/// </summary>
/// <remarks>The job turns tiered compilation off, as <see cref="DerivativeCostBenchmarks"/> explains.</remarks>
[Config(typeof(CostBreakdownConfig))]
public class ReverseCostBenchmarks
{
    private TestProblem rosenbrock = null!;
    private double[] x = null!, v = null!, result = null!;
    private Variable[] variables = null!;
    private HessianVectorVariable[] secondOrder = null!;
    private ulong[] records = null!;

    /// <summary>The number of variables.</summary>
    [Params(1_000_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        rosenbrock = ProblemLibrary.ExtendedRosenbrock(N);
        x = rosenbrock.StartingPoint;
        v = x.Select((value, i) => 0.5 - value + 1e-6 * i).ToArray();
        result = new double[N];
        variables = new Variable[N];
        secondOrder = new HessianVectorVariable[N];
        records = new ulong[5 * (N / 2)];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Gradient")]
    public double Value() => rosenbrock.Value(x);

    [Benchmark, BenchmarkCategory("Gradient")]
    public void InputsOnly()
    {
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        tape.Inputs(x, variables);
        tape.End();
    }

    [Benchmark, BenchmarkCategory("Gradient")]
    public double Record()
    {
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        tape.Inputs(x, variables);
        double value = rosenbrock.Evaluate<Variable>(variables).Value;
        tape.End();
        return value;
    }

    [Benchmark, BenchmarkCategory("Gradient")]
    public double Gradient() => ReverseMode.ValueAndGradient(rosenbrock, x, result);

    /// <summary>
    /// The least a recording of extended Rosenbrock with 32-byte <see cref="Variable"/>s and three-word records does:
    /// the inputs written as <see cref="InputsOnly"/> writes them, then one pass that reads both inputs of each term,
    /// computes the term and its two partials by hand and writes the term's record (both partials, both node numbers
    /// with the accumulation flag) as <see cref="Tape"/> does. No operator runs, so there is no preaccumulation test and
    /// no per-operation work. Adding the sweep of <see cref="Gradient"/> (Gradient − Record) bounds the tape gradient
    /// from below.
    /// </summary>
    [Benchmark, BenchmarkCategory("Gradient")]
    public double RecordLowerBound()
    {
        InputsOnly();
        var inputs = MemoryMarshal.Cast<Variable, VariableLayout>(variables);
        double sum = 0;
        for (int i = 0, w = 0; i + 1 < inputs.Length; i += 2, w += 3)
        {
            ref readonly VariableLayout a = ref inputs[i], b = ref inputs[i + 1];
            double t = b.Value - a.Value * a.Value, s = 1 - a.Value;
            sum += 100 * t * t + s * s;
            records[w] = BitConverter.DoubleToUInt64Bits((-400 * t * a.Value - 2 * s) * a.First);
            records[w + 1] = BitConverter.DoubleToUInt64Bits(200 * t * b.First);
            records[w + 2] = (a.Nodes & IndexMask) | ((b.Nodes & IndexMask) << 32) | AccumulatesFlag;
        }
        return sum;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Hv")]
    public double HvBaselineValue() => rosenbrock.Value(x);

    [Benchmark, BenchmarkCategory("Hv")]
    public void HvInputsOnly()
    {
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        tape.Inputs(x, v, secondOrder);
        tape.End();
    }

    [Benchmark, BenchmarkCategory("Hv")]
    public double HvRecord()
    {
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        tape.Inputs(x, v, secondOrder);
        double value = rosenbrock.Evaluate<HessianVectorVariable>(secondOrder).Value.Value;
        tape.End();
        return value;
    }

    [Benchmark, BenchmarkCategory("Hv")]
    public double HessianVector() => ReverseMode.HessianVector(rosenbrock, x, v, result);

    /// <summary>
    /// The least a forward-over-reverse recording of extended Rosenbrock with 56-byte <see cref="HessianVectorVariable"/>s
    /// and five-word records does: the inputs written as <see cref="HvInputsOnly"/> writes them, then one pass that
    /// reads both inputs of each term and writes its record, both partials with their tangents along v
    /// (∂T/∂xⱼ + ε·(∇²T·v)ⱼ, the term's Hessian by hand) and both node numbers. Adding the sweep of
    /// <see cref="HessianVector"/> (HessianVector − HvRecord) bounds the tape's Hv from below.
    /// </summary>
    [Benchmark, BenchmarkCategory("Hv")]
    public double HvRecordLowerBound()
    {
        HvInputsOnly();
        var inputs = MemoryMarshal.Cast<HessianVectorVariable, SecondOrderLayout>(secondOrder);
        double sum = 0;
        for (int i = 0, w = 0; i + 1 < inputs.Length; i += 2, w += 5)
        {
            ref readonly SecondOrderLayout a = ref inputs[i], b = ref inputs[i + 1];
            double x1 = a.Value, t = b.Value - x1 * x1, s = 1 - x1;
            sum += 100 * t * t + s * s;
            double h11 = 1200 * x1 * x1 - 400 * b.Value + 2, h12 = -400 * x1;
            records[w] = BitConverter.DoubleToUInt64Bits(-400 * t * x1 - 2 * s);
            records[w + 1] = BitConverter.DoubleToUInt64Bits(h11 * a.Tangent + h12 * b.Tangent);
            records[w + 2] = BitConverter.DoubleToUInt64Bits(200 * t);
            records[w + 3] = BitConverter.DoubleToUInt64Bits(h12 * a.Tangent + 200 * b.Tangent);
            records[w + 4] = (a.Nodes & IndexMask) | ((b.Nodes & IndexMask) << 32) | AccumulatesFlag;
        }
        return sum;
    }

    /// <summary>The records the last lower-bound run wrote: three words a term for the gradient, five for Hv.</summary>
    public ReadOnlySpan<ulong> LowerBoundRecords => records;

    private const ulong IndexMask = (1UL << 28) - 1, AccumulatesFlag = 1UL << 63;

    /// <summary>The fields of <see cref="Variable"/> in their declared order (value, both partials, both nodes).</summary>
    private readonly struct VariableLayout
    {
        public readonly double Value, First, Second;
        public readonly ulong Nodes;
    }

    /// <summary>The fields of <see cref="HessianVectorVariable"/> in their declared order.</summary>
    private readonly struct SecondOrderLayout
    {
        public readonly double Value, Tangent, First, FirstTangent, Second, SecondTangent;
        public readonly ulong Nodes;
    }
}
