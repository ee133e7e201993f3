using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Optimize.FiniteDifferences;
using Optimize.Problems;

namespace Optimize.Benchmarks.FiniteDifferences;

/// <summary>
/// The cost of a central-difference gradient (2n + 1 values through <see cref="FiniteDifferenceObjective"/>)
/// relative to one value of extended Rosenbrock, serial and parallel (all cores, function declared
/// thread-safe). The Ratio column is the gradient's cost in units of f; serial ÷ parallel is the speed-up.
/// </summary>
[Config(typeof(MedianRatioConfig))]
public class CentralDifferenceGradientBenchmarks
{
    private TestProblem problem = null!;
    private FiniteDifferenceObjective serial = null!;
    private FiniteDifferenceObjective parallel = null!;
    private double[] x = [];
    private double[] gradient = [];

    /// <summary>The number of variables.</summary>
    [Params(10, 100, 1000, 10000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        problem = ProblemLibrary.ExtendedRosenbrock(N);
        x = problem.StartingPoint;
        for (int i = 0; i < N; i++) x[i] += 0.01 * Math.Sin(i);
        gradient = new double[N];
        serial = FiniteDifferenceObjective.Create(problem);
        parallel = FiniteDifferenceObjective.Create(problem, new FiniteDifferenceOptions { ThreadSafe = true });
    }

    [Benchmark(Baseline = true, Description = "f(x)")]
    public double Value() => problem.Value(x);

    [Benchmark(Description = "central gradient, serial")]
    public double CentralSerial() => serial.ValueAndGradient(x, gradient);

    [Benchmark(Description = "central gradient, parallel")]
    public double CentralParallel() => parallel.ValueAndGradient(x, gradient);
}
