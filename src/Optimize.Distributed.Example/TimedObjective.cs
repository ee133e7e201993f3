using System.Diagnostics;
using Optimize.Oracles;

namespace Optimize.Distributed.Example;

/// <summary>Times the calls of a local objective: the compute part of a sharded evaluation, without the Allreduce.</summary>
internal sealed class TimedObjective(IGradientObjective inner) : IGradientObjective
{
    private long ticks;

    public int Dimension => inner.Dimension;

    /// <summary>The time spent in the local objective so far.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, ticks);

    /// <summary>The number of calls so far.</summary>
    public int Calls { get; private set; }

    public double Value(ReadOnlySpan<double> x)
    {
        long start = Stopwatch.GetTimestamp();
        double value = inner.Value(x);
        Record(start);
        return value;
    }

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        long start = Stopwatch.GetTimestamp();
        double value = inner.ValueAndGradient(x, gradient);
        Record(start);
        return value;
    }

    private void Record(long start)
    {
        ticks += Stopwatch.GetTimestamp() - start;
        Calls++;
    }
}
