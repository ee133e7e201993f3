using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Optimize.Benchmarks.LinearAlgebra;

/// <summary>One launch with few iterations (the managed product at n = 2000 takes seconds), plus the GFLOP/s and median columns.</summary>
public sealed class FewIterationsGigaflopsConfig : ManualConfig
{
    public FewIterationsGigaflopsConfig() => GigaflopsConfig.Apply(this, warmups: 1, iterations: 5);
}
