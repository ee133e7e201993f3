using BenchmarkDotNet.Attributes;
using Optimize.Problems.GradBench;

namespace Optimize.Benchmarks.GradBench;

/// <summary>
/// The rows every Gaussian mixture suite has: F by the generic code over double (the baseline), and F with ∇F by the
/// generated adjoint code, at the sizes the suite's D and K give, with N = 1000.
/// </summary>
public abstract class GaussianMixtureRows
{
    /// <summary>The objective.</summary>
    protected GaussianMixture Problem { get; private set; } = null!;

    /// <summary>The seeded starting point.</summary>
    protected double[] X { get; private set; } = null!;

    /// <summary>The gradient's buffer.</summary>
    protected double[] GradientBuffer { get; private set; } = null!;

    /// <summary>D, the dimension of the data.</summary>
    public abstract int D { get; set; }

    /// <summary>K, the number of components.</summary>
    public abstract int K { get; set; }

    /// <summary>Builds the objective at D, K and N = 1000, then what the suite adds (<see cref="SetupMore"/>).</summary>
    [GlobalSetup]
    public void Setup()
    {
        Problem = new GaussianMixture(D, K, 1000);
        X = Problem.StartingPoint;
        GradientBuffer = new double[Problem.Dimension];
        SetupMore();
    }

    /// <summary>What a suite builds beside the objective; nothing by default.</summary>
    protected virtual void SetupMore()
    {
    }

    /// <summary>F by the generic code over double.</summary>
    [Benchmark(Baseline = true)]
    public double Value() => Problem.Value(X);

    /// <summary>F and ∇F by the generated adjoint code.</summary>
    [Benchmark]
    public double GeneratedGradient() => Problem.EvaluateGradient(X, GradientBuffer);
}
