using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Providers.LinearAlgebra;
using Optimize.LinearAlgebra;

namespace Optimize.Benchmarks.LinearAlgebra;

/// <summary>
/// The provider's cost over calling <c>cblas_dgemm</c> through a raw function pointer on one thread (the ratio
/// column; the target at n = 500 is under 5 %). Run together with <see cref="DgemmBenchmarks"/>.
/// </summary>
[Config(typeof(ManyIterationsGigaflopsConfig))]
public unsafe class ProviderOverheadBenchmarks
{
    private double[] a = [], b = [], c = [];
    private NativeLinearAlgebraProvider provider = null!;
    private delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> dgemm;

    [Params(LinearAlgebraBackendKind.OpenBlas, LinearAlgebraBackendKind.Mkl)]
    public LinearAlgebraBackendKind Backend { get; set; }

    // n = 4 isolates the fixed cost per call (argument checks, pinning, dispatch); n = 500 is the target size.
    [Params(4, 500)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // The provider loads the library first (kernel choice, threading layer); the raw pointer then comes from the same file.
        provider = DgemmSetup.Provider(Backend, threads: 1);
        var handle = NativeLibrary.Load(provider.Describe().LibraryPath!);
        dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)
            NativeLibrary.GetExport(handle, "cblas_dgemm");
        (a, b, c) = DgemmSetup.Matrices(N);
    }

    [Benchmark(Baseline = true)]
    public void DirectCblasDgemm()
    {
        fixed (double* pa = a, pb = b, pc = c)
            dgemm(102, 111, 111, N, N, N, 1.0, pa, N, pb, N, 0.0, pc, N);
    }

    [Benchmark]
    public void ProviderDgemm() =>
        provider.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1.0, a, N, N, b, N, N, 0.0, c);
}
