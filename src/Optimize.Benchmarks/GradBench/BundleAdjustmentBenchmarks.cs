using BenchmarkDotNet.Attributes;
using Optimize.Problems.GradBench;

namespace Optimize.Benchmarks.GradBench;

/// <summary>
/// ADBench's bundle adjustment on GradBench's instances ba1 (small, p = 31843) and ba5 (p = 225911): the residuals
/// by hand, and the residuals with the sparse Jacobian by generated code, by forward mode per block and by hand.
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*BundleAdjustmentBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class BundleAdjustmentBenchmarks
{
    private BundleAdjustment problem = null!;
    private double[] x = null!, residuals = null!, jacobian = null!;

    /// <summary>GradBench's instance number.</summary>
    [Params(1, 5)]
    public int Instance { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        problem = BundleAdjustment.FromGradBench(Instance);
        x = problem.StartingPoint;
        residuals = new double[problem.ResidualCountTotal];
        jacobian = new double[problem.JacobianEntryCount];
    }

    /// <summary>The 3p residuals.</summary>
    [Benchmark(Baseline = true)]
    public void Residuals() => problem.Residuals(x, residuals);

    /// <summary>Residuals and Jacobian by the generated adjoint code.</summary>
    [Benchmark]
    public void GeneratedJacobian() => problem.JacobianByGeneratedCode(x, residuals, jacobian);

    /// <summary>Residuals and Jacobian by forward mode per block.</summary>
    [Benchmark]
    public void ForwardJacobian() => problem.JacobianByForwardMode(x, residuals, jacobian);

    /// <summary>Residuals and Jacobian by hand.</summary>
    [Benchmark]
    public void ManualJacobian() => problem.JacobianByHand(x, residuals, jacobian);
}
