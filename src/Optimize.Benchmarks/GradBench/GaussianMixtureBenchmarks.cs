using BenchmarkDotNet.Attributes;
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
public class GaussianMixtureBenchmarks : GaussianMixtureRows
{
    private GaussianMixtureTensor tensor = null!;

    /// <inheritdoc/>
    [Params(10)]
    public override int D { get; set; } = 10;

    /// <inheritdoc/>
    [Params(25)]
    public override int K { get; set; } = 25;

    /// <summary>Builds the tensor version of the objective.</summary>
    protected override void SetupMore() => tensor = new GaussianMixtureTensor(Problem);

    /// <summary>F and ∇F by the reverse-mode tape.</summary>
    [Benchmark]
    public double TapeGradient() => ReverseMode.ValueAndGradient(Problem, X, GradientBuffer);

    /// <summary>F and ∇F by hand.</summary>
    [Benchmark]
    public double ManualGradient() => Problem.ValueAndGradient(X, GradientBuffer);

    /// <summary>F on the tensor tape.</summary>
    [Benchmark]
    public double TensorValue() => tensor.Value(X);

    /// <summary>F and ∇F on the tensor tape.</summary>
    [Benchmark]
    public double TensorGradient() => tensor.ValueAndGradient(X, GradientBuffer);
}
