using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Optimize.Benchmarks.LinearAlgebra;

/// <summary>One launch with many iterations, for ratios between fast calls, plus the GFLOP/s and median columns.</summary>
public sealed class ManyIterationsGigaflopsConfig : ManualConfig
{
    public ManyIterationsGigaflopsConfig() => GigaflopsConfig.Apply(this, warmups: 3, iterations: 15);
}
