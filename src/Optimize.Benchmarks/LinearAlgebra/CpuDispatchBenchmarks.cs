using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using MathNet.Numerics.Providers.LinearAlgebra;
using Optimize.LinearAlgebra;

namespace Optimize.Benchmarks.LinearAlgebra;

/// <summary>
/// dgemm at n = 1000 on one thread under each OpenBLAS CPU kernel, named through <c>OPENBLAS_CORETYPE</c> in the
/// benchmark process's environment; the job without it runs the kernel Optimize chooses from the instruction sets.
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*OpenBlasKernel*' '*MklCpuType*'</c>
/// </summary>
[Config(typeof(Configuration))]
public class OpenBlasKernelBenchmarks : CpuDispatchBenchmark
{
    private sealed class Configuration : ManualConfig
    {
        public Configuration()
        {
            GigaflopsConfig.Apply(this, warmups: 1, iterations: 5);
            AddJob(Job.Default.WithId("OptimizeChoice"));
            foreach (string core in new[] { "SkylakeX", "Haswell", "Sandybridge", "Prescott" })
                AddJob(Job.Default.WithEnvironmentVariables(new EnvironmentVariable(OpenBlasKernelVariable, core)).WithId(core));
        }
    }

    private const string OpenBlasKernelVariable = "OPENBLAS_CORETYPE";

    protected override LinearAlgebraBackendKind Backend => LinearAlgebraBackendKind.OpenBlas;
}

/// <summary>
/// dgemm at n = 1000 on one thread with MKL as it chooses its code path, and with <c>MKL_DEBUG_CPU_TYPE=5</c>,
/// the variable that made MKL before 2020 Update 1 take its AVX2 path on AMD processors.
/// </summary>
[Config(typeof(Configuration))]
public class MklCpuTypeBenchmarks : CpuDispatchBenchmark
{
    private sealed class Configuration : ManualConfig
    {
        public Configuration()
        {
            GigaflopsConfig.Apply(this, warmups: 1, iterations: 5);
            AddJob(Job.Default.WithId("MklChoice"));
            AddJob(Job.Default.WithEnvironmentVariables(new EnvironmentVariable("MKL_DEBUG_CPU_TYPE", "5")).WithId("MklDebugCpuType5"));
        }
    }

    protected override LinearAlgebraBackendKind Backend => LinearAlgebraBackendKind.Mkl;
}

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
