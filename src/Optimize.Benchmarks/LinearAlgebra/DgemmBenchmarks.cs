using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Providers.LinearAlgebra;
using Optimize.LinearAlgebra;

namespace Optimize.Benchmarks.LinearAlgebra;

/// <summary>
/// C = A·B for n×n matrices through Optimize's provider on each backend and thread count.
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*DgemmBenchmarks*' '*ProviderOverhead*'</c>
/// (with <see cref="ProviderOverheadBenchmarks"/>, which compares the provider with a raw cblas_dgemm call).
/// </summary>
/// <remarks>
/// One warm-up and five measured iterations: the managed product at n = 2000 takes seconds, and the pilot
/// stage then runs one multiplication per iteration; native cases get many multiplications per iteration.
/// </remarks>
[Config(typeof(FewIterationsGigaflopsConfig))]
public class DgemmBenchmarks
{
    private double[] a = [], b = [], c = [];
    private NativeLinearAlgebraProvider provider = null!;

    [Params(LinearAlgebraBackendKind.Managed, LinearAlgebraBackendKind.OpenBlas, LinearAlgebraBackendKind.Mkl)]
    public LinearAlgebraBackendKind Backend { get; set; }

    [Params(500, 2000)]
    public int N { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        provider = DgemmSetup.Provider(Backend, Threads);
        (a, b, c) = DgemmSetup.Matrices(N);
    }

    [Benchmark]
    public void Dgemm() =>
        provider.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1.0, a, N, N, b, N, N, 0.0, c);
}

/// <summary>Shared set-up: a provider on exactly the requested backend, and random square matrices.</summary>
internal static class DgemmSetup
{
    public static NativeLinearAlgebraProvider Provider(LinearAlgebraBackendKind backend, int threads)
    {
        var provider = LinearAlgebraBackend.Create(new LinearAlgebraOptions { Backend = backend, Threads = threads });
        if (provider.Backend != backend)
            throw new InvalidOperationException($"{backend} is not available here: {provider.Selection}");
        Console.WriteLine($"// {provider.Describe().Summary}");
        return provider;
    }

    public static (double[] A, double[] B, double[] C) Matrices(int n)
    {
        var random = new Random(n);
        double[] Fill() => Enumerable.Range(0, n * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        return (Fill(), Fill(), new double[n * n]);
    }
}
