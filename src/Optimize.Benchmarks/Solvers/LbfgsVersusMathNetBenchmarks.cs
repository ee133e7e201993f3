using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

namespace Optimize.Benchmarks.Solvers;

/// <summary>
/// L-BFGS (m = 10) on extended Rosenbrock with n = 10⁵ from the standard start to ‖∇f‖₂ ≤ 1e-6: ours against
/// MathNet's <see cref="LimitedMemoryBfgsMinimizer"/>, both driven by the same hand-coded value-and-gradient
/// oracle (MathNet's adapter copies the gradient into a new vector per call, as its API requires).
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*LbfgsVersusMathNet*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LbfgsVersusMathNetBenchmarks
{
    private TestProblem problem = null!;
    private double[] start = null!;
    private IObjectiveFunction mathNetObjective = null!;
    private readonly Lbfgs ours = new();
    private readonly DriverOptions options = new() { GradientTolerance = 1e-6, MaximumIterations = 10_000 };

    /// <summary>n.</summary>
    [Params(100_000)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        problem = ProblemLibrary.ExtendedRosenbrock(Dimension);
        start = problem.StartingPoint;
        mathNetObjective = ObjectiveFunction.Gradient(x =>
        {
            var gradient = new double[Dimension];
            double value = problem.ValueAndGradient(((DenseVector)x).Values, gradient);
            return (value, DenseVector.OfArray(gradient));
        });
        var check = ours.Minimize(problem, start, options);
        if (check.Reason != TerminationReason.GradientTolerance) throw new InvalidOperationException(check.BriefReport());
    }

    [Benchmark(Baseline = true)]
    public double Optimize() => ours.Minimize(problem, start, options).Minimum;

    [Benchmark]
    public double MathNet() =>
        new LimitedMemoryBfgsMinimizer(1e-6, 0, 0, 10, 10_000).FindMinimum(mathNetObjective, DenseVector.OfArray(start)).FunctionInfoAtMinimum.Value;
}
