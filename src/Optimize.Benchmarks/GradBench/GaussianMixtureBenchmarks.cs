using BenchmarkDotNet.Attributes;
using Optimize.AutoDiff;
using Optimize.AutoDiff.Reverse;
using Optimize.Problems.GradBench;

namespace Optimize.Benchmarks.GradBench;

/// <summary>
/// GradBench's Gaussian mixture objective at D = 10, K = 25, N = 1000: the value, and the value with the gradient by
/// the generated adjoint code, the reverse-mode tape, the hand-written gradient and the tensor tape.
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*GaussianMixtureBenchmarks*'</c>;
/// <c>eng/bench/gradbench-vs-pytorch.sh</c> runs it beside PyTorch.
/// </summary>
[MemoryDiagnoser]
public class GaussianMixtureBenchmarks
{
    private GaussianMixture problem = null!;
    private GaussianMixtureTensor tensor = null!;
    private double[] x = null!, gradient = null!;

    /// <summary>D, the dimension of the data.</summary>
    [Params(10)]
    public int D { get; set; } = 10;

    /// <summary>K, the number of components.</summary>
    [Params(25)]
    public int K { get; set; } = 25;

    [GlobalSetup]
    public void Setup()
    {
        problem = new GaussianMixture(D, K, 1000);
        tensor = new GaussianMixtureTensor(problem);
        x = problem.StartingPoint;
        gradient = new double[problem.Dimension];
    }

    /// <summary>F by the generic code over double.</summary>
    [Benchmark(Baseline = true)]
    public double Value() => problem.Value(x);

    /// <summary>F and ∇F by the generated adjoint code.</summary>
    [Benchmark]
    public double GeneratedGradient() => problem.EvaluateGradient(x, gradient);

    /// <summary>F and ∇F by the reverse-mode tape.</summary>
    [Benchmark]
    public double TapeGradient() => ReverseMode.ValueAndGradient(problem, x, gradient);

    /// <summary>F and ∇F by hand.</summary>
    [Benchmark]
    public double ManualGradient() => problem.ValueAndGradient(x, gradient);

    /// <summary>F on the tensor tape.</summary>
    [Benchmark]
    public double TensorValue() => tensor.Value(x);

    /// <summary>F and ∇F on the tensor tape.</summary>
    [Benchmark]
    public double TensorGradient() => tensor.ValueAndGradient(x, gradient);
}
