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
