using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

namespace Optimize.Benchmarks.Solvers;

/// <summary>
/// Our L-BFGS for a fixed number of iterations (no convergence test) on extended Rosenbrock with n = 10⁵:
/// the allocated bytes reported by <see cref="MemoryDiagnoserAttribute"/> are the same for 10 and 40
/// iterations, so the steady state allocates nothing per iteration (the per-run state, about (2m + 8)·n doubles,
/// is allocated once).
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*LbfgsSteadyState*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LbfgsSteadyStateBenchmarks
{
    private TestProblem problem = null!;
    private double[] start = null!;
    private readonly Lbfgs method = new();

    /// <summary>The fixed number of iterations.</summary>
    [Params(10, 40)]
    public int Iterations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        problem = ProblemLibrary.ExtendedRosenbrock(100_000);
        start = problem.StartingPoint;
    }

    [Benchmark]
    public double FixedIterations() =>
        method.Minimize(problem, start, new DriverOptions { GradientTolerance = 0, MaximumIterations = Iterations }).Minimum;
}
