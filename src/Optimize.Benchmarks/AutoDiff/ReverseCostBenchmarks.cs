using BenchmarkDotNet.Attributes;
using Optimize.AutoDiff;
using Optimize.Problems;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Benchmarks.AutoDiff;

/// <summary>
/// Where the time of a reverse-mode gradient and of a forward-over-reverse Hessian-vector product goes, as ratios
/// to the plain value f(x) in one run: writing the input variables alone (32 bytes per input for
/// <see cref="Variable"/>, 56 for <see cref="HessianVectorVariable"/>), recording f on them (inputs included), and
/// the whole derivative (recording and backward sweep). Extended Rosenbrock at n = 10⁶ and 10⁵.
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
}
