using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Optimize.Benchmarks.AutoDiff;

/// <summary>The steady-state job with medians, allocations, and one baseline per category.</summary>
public sealed class CostBreakdownConfig : ManualConfig
{
    public CostBreakdownConfig()
    {
        Add(new SteadyStateConfig());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, CategoriesColumn.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
    }
}
