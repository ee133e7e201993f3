using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Optimize.Benchmarks.LinearAlgebra;

/// <summary>Floating-point rate of an n×n matrix product: 2n³ operations divided by the median time.</summary>
public sealed class GigaflopsColumn : IColumn
{
    public string Id => nameof(GigaflopsColumn);
    public string ColumnName => "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "2n³ / median time, in 10⁹ floating-point operations per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        var order = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value;
        if (statistics is null || order is not int n)
            return "-";
        return (2.0 * n * n * n / statistics.Median).ToString("F1");
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}

internal static class GigaflopsConfig
{
    /// <summary>Adds the columns, and these counts to every job of the config (to the default job when it has none).</summary>
    public static void Apply(ManualConfig config, int warmups, int iterations)
    {
        config.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(warmups).WithIterationCount(iterations).AsMutator());
        config.AddColumn(new GigaflopsColumn(), StatisticColumn.Median);
    }
}
