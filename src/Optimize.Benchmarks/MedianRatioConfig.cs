using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;

namespace Optimize.Benchmarks;

/// <summary>
/// One launch, 3 warm-ups, 9 iterations, a median column and the declared order: for suites whose Ratio
/// column (cost in units of the baseline, measured in the same run) is the result.
/// </summary>
public sealed class MedianRatioConfig : ManualConfig
{
    public MedianRatioConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(9));
        AddColumn(StatisticColumn.Median);
        WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared));
    }
}
