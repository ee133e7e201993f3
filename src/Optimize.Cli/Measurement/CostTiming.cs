using System.Diagnostics;
using Optimize.Oracles;

namespace Optimize.Cli.Measurement;

/// <summary>
/// Stopwatch estimates of time(value and gradient) / time(value). Both sides run in the same process,
/// interleaved batch by batch; each side's time is its fastest batch, because load from other processes
/// only ever adds time (a preempted batch is slower, never faster), so on a shared machine the minimum is
/// the stable estimate of the cost. The ratio, not the absolute time, is the quantity to quote (Griewank and
/// Walther, <i>Evaluating Derivatives</i>, §3.3: reverse mode costs a small constant multiple of f, forward
/// mode and differences n times f).
/// </summary>
public static class CostTiming
{
    /// <summary>Measures the cost ratio of <paramref name="oracle"/> against <paramref name="function"/> at <paramref name="x"/>.</summary>
    /// <param name="function">The plain function (the denominator).</param>
    /// <param name="oracle">The derivative source's oracle (the numerator).</param>
    /// <param name="x">The point.</param>
    /// <param name="plan">Batch duration and repeats.</param>
    /// <param name="cancellationToken">Stops between batches; the ratio then covers the batches done.</param>
    public static CostRatio Measure(IObjective function, IGradientObjective oracle, ReadOnlySpan<double> x,
        TimingPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(plan);
        Guard.Positive(plan.Repeats, nameof(plan));
        var gradient = new double[oracle.Dimension];
        var point = x.ToArray();

        int valueBatch = Calibrate(count => ValueBatch(function, point, count), plan.BatchDuration);
        int gradientBatch = Calibrate(count => GradientBatch(oracle, point, gradient, count), plan.BatchDuration);
        double value = double.PositiveInfinity, both = double.PositiveInfinity;
        long start = Stopwatch.GetTimestamp();
        for (int repeat = 0; repeat < plan.Repeats; repeat++)
        {
            if (repeat >= MinimumRepeatsOf(plan) && (cancellationToken.IsCancellationRequested || Stopwatch.GetElapsedTime(start) > plan.Budget))
                break;
            value = Math.Min(value, ValueBatch(function, point, valueBatch) / valueBatch);
            both = Math.Min(both, GradientBatch(oracle, point, gradient, gradientBatch) / gradientBatch);
        }
        return new CostRatio(value, both, both / value);
    }

    private static int MinimumRepeatsOf(TimingPlan plan) => Math.Min(plan.Repeats, TimingPlan.MinimumRepeats);

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    /// <param name="values">At least one value.</param>
    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("values is empty; expected at least one value.", nameof(values));
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }

    // Doubles the batch size until one batch lasts the target duration. Each size is timed three times and the
    // fastest counts, so that one preempted batch does not stop the doubling at a size too small to time.
    private static int Calibrate(Func<int, double> batch, TimeSpan target)
    {
        int count = 1;
        while (count < (1 << 24))
        {
            if (Math.Min(batch(count), Math.Min(batch(count), batch(count))) >= target.TotalSeconds) return count;
            count *= 2;
        }
        return count;
    }

    private static double ValueBatch(IObjective function, double[] x, int count)
    {
        double sink = 0;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++) sink += function.Value(x);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        GC.KeepAlive(sink);
        return seconds;
    }

    private static double GradientBatch(IGradientObjective oracle, double[] x, double[] gradient, int count)
    {
        double sink = 0;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++) sink += oracle.ValueAndGradient(x, gradient);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        GC.KeepAlive(sink);
        return seconds;
    }
}
