using BenchmarkDotNet.Attributes;
using Optimize.Problems.GradBench;

namespace Optimize.Benchmarks.GradBench;

/// <summary>
/// GradBench's Gaussian mixture objective over its default sizes, D ∈ {2, 10, 20, 32, 64} × K ∈ {5, 10, 25, 50, 100}
/// with N = 1000 (<see cref="GaussianMixture.GradBenchDimensions"/>, <see cref="GaussianMixture.GradBenchComponents"/>):
/// the value, and the value with the gradient by the generated adjoint code.
/// Run: <c>eng/bench/gradbench-vs-pytorch.sh --sweep</c>, which runs it beside PyTorch and writes the plot.
/// </summary>
public class GaussianMixtureSweepBenchmarks : GaussianMixtureRows
{
    /// <summary>The data dimensions of the sweep.</summary>
    public static IEnumerable<int> Dimensions => GaussianMixture.GradBenchDimensions;

    /// <summary>The numbers of components of the sweep.</summary>
    public static IEnumerable<int> ComponentCounts => GaussianMixture.GradBenchComponents;

    /// <inheritdoc/>
    [ParamsSource(nameof(Dimensions))]
    public override int D { get; set; } = 10;

    /// <inheritdoc/>
    [ParamsSource(nameof(ComponentCounts))]
    public override int K { get; set; } = 25;
}
