using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Optimize.AutoDiff.Sparsity;
using Optimize.FiniteDifferences;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Benchmarks.Solvers;

/// <summary>
/// Newton on the sparse Hessian (three Hessian-vector products per iteration, by star colouring, and a sparse
/// Cholesky) against Newton-CG and L-BFGS on the one-dimensional Ginzburg–Landau energy with n = 10⁵: the time to
/// ‖∇f‖₂ ≤ 10⁻⁸ (relative and scaled tests off, at most 20 000 iterations), one cold run per method. The hand-coded
/// oracle serves all three; the Hessian pattern is detected once, outside the timing, by the tracing scalar. Each
/// run's reason, iterations, final ‖∇f‖ and evaluation counts are printed to the log.
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*SparseNewtonBenchmarks*'</c>.
/// </summary>
[Config(typeof(OneRunConfig))]
public class SparseNewtonBenchmarks
{
    private GinzburgLandau1D problem = null!;
    private SparsityPattern pattern = null!;
    private MinimizationResult? last;

    /// <summary>The method's name in <see cref="MinimizationMethods"/>.</summary>
    [Params("sparse-newton", "newton-cg", "lbfgs")]
    public string Method { get; set; } = "";

    /// <summary>The dimension.</summary>
    [Params(100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        problem = new GinzburgLandau1D(N);
        pattern = HessianSparsity.Detect(problem, problem.StartingPoint);
    }

    [Benchmark]
    public double Minimize()
    {
        MinimizationMethod method = MinimizationMethods.Get(Method);
        if (method.Options is SparseNewtonOptions) method = method.WithOptions(new SparseNewtonOptions { HessianPattern = pattern });
        last = method.Minimize(problem, problem.StartingPoint, new DriverOptions
        {
            GradientTolerance = 1e-8, RelativeGradientTolerance = 0, ScaledGradientTolerance = 0, MaximumIterations = 20_000,
        });
        return last.GradientNorm;
    }

    [GlobalCleanup]
    public void Report()
    {
        if (last is { } result)
            Console.WriteLine($"// {Method} n={N}: {result.Reason}, {result.Iterations} iterations, ‖∇f‖ = {result.GradientNorm:E2}, {result.Evaluations}");
    }

    /// <summary>One launch, one cold measured run (each run takes from a fraction of a second to minutes).</summary>
    private sealed class OneRunConfig : ManualConfig
    {
        public OneRunConfig() =>
            AddJob(Job.Default.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(1));
    }
}
