using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Optimize.AutoDiff;
using Optimize.Problems;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Separable;

namespace Optimize.Benchmarks.AutoDiff;

/// <summary>
/// Where the time of a forward-mode JVP and of a sum-of-terms gradient goes, as ratios to the plain value f(x)
/// in one run: seeding the dual array alone (memory traffic: n doubles read per input, 16n bytes written),
/// f on already seeded duals alone, and the whole JVP; the sum of terms' value, gradient and Hessian-vector
/// product next to the hand-coded gradient. Extended Rosenbrock at n = 10⁶ and 10⁵.
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*ForwardCost*'</c>.
/// </summary>
/// <remarks>The job turns tiered compilation off, as <see cref="DerivativeCostBenchmarks"/> explains.</remarks>
[Config(typeof(CostBreakdownConfig))]
public class ForwardCostBenchmarks
{
    private TestProblem rosenbrock = null!;
    private PartiallySeparableObjective<ExtendedRosenbrockTerms> terms = null!;
    private double[] x = null!, p = null!, result = null!;
    private Dual<double>[] duals = null!;

    /// <summary>The number of variables.</summary>
    [Params(1_000_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        rosenbrock = ProblemLibrary.ExtendedRosenbrock(N);
        terms = PartiallySeparable.Objective(new ExtendedRosenbrockTerms(N));
        x = rosenbrock.StartingPoint;
        p = x.Select((v, i) => 0.5 - v + 1e-6 * i).ToArray();
        result = new double[N];
        duals = new Dual<double>[N];
        ForwardMode.Seed(x, p, duals);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("JVP")]
    public double Value() => rosenbrock.Value(x);

    [Benchmark, BenchmarkCategory("JVP")]
    public void SeedOnly() => ForwardMode.Seed(x, p, duals);

    [Benchmark, BenchmarkCategory("JVP")]
    public double ValueOnSeededDuals() => rosenbrock.Evaluate<Dual<double>>(duals).Tangent;

    [Benchmark, BenchmarkCategory("JVP")]
    public double Jvp() => ForwardMode.ValueAndJvp(rosenbrock, x, p, out _);

    [Benchmark(Baseline = true), BenchmarkCategory("Terms")]
    public double TermsBaselineValue() => rosenbrock.Value(x);

    [Benchmark, BenchmarkCategory("Terms")]
    public double HandCodedGradient() => rosenbrock.ValueAndGradient(x, result);

    [Benchmark, BenchmarkCategory("Terms")]
    public double SumOfTermsValue() => terms.Value(x);

    [Benchmark, BenchmarkCategory("Terms")]
    public double SumOfTermsGradient() => terms.ValueAndGradient(x, result);

    [Benchmark, BenchmarkCategory("Terms")]
    public void HandCodedHv() => rosenbrock.HessianVector(x, p, result);

    [Benchmark, BenchmarkCategory("Terms")]
    public void SumOfTermsHv() => terms.HessianVector(x, p, result);
}
