using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Benchmarks.AutoDiff;

/// <summary>One launch, 3 warm-up and 9 measured iterations, fully optimized code from the first call.</summary>
public sealed class SteadyStateConfig : ManualConfig
{
    public SteadyStateConfig() =>
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(9)
            .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredCompilation", "0")));
}
