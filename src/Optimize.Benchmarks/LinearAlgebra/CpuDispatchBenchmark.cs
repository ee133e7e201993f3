using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using MathNet.Numerics.Providers.LinearAlgebra;
using Optimize.LinearAlgebra;

namespace Optimize.Benchmarks.LinearAlgebra;

/// <summary>One-thread dgemm through the provider on a fixed backend; the jobs vary the native environment.</summary>
public abstract class CpuDispatchBenchmark
{
    private double[] a = [], b = [], c = [];
    private NativeLinearAlgebraProvider provider = null!;

    protected abstract LinearAlgebraBackendKind Backend { get; }

    [Params(1000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        provider = DgemmSetup.Provider(Backend, threads: 1);
        foreach (string note in provider.Describe().Notes)
            Console.WriteLine($"// {note}");
        (a, b, c) = DgemmSetup.Matrices(N);
    }

    [Benchmark]
    public void Dgemm() =>
        provider.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1.0, a, N, N, b, N, N, 0.0, c);
}
