using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using MathNet.Numerics.Providers.LinearAlgebra;
using Optimize.LinearAlgebra;

namespace Optimize.Benchmarks.LinearAlgebra;

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
