using System.Diagnostics;
using Optimize.Oracles;

namespace Optimize.Cli.Measurement;

/// <summary>How long to measure: the minimum duration of one timed batch and how many batches to take.</summary>
/// <param name="BatchDuration">Each batch repeats the call until at least this much time has passed.</param>
/// <param name="Repeats">Batches per side; the reported ratio is the median over them.</param>
public sealed record TimingPlan(TimeSpan BatchDuration, int Repeats)
{
    /// <summary>A quick plan for the comparison tables (about 20 ms per problem and source).</summary>
    public static TimingPlan Quick { get; } = new(TimeSpan.FromMilliseconds(1), 5);

    /// <summary>The plan of <c>optimize bench</c>: longer batches and more repeats.</summary>
    public static TimingPlan Bench { get; } = new(TimeSpan.FromMilliseconds(5), 11);
}

/// <summary>The measured cost of a gradient relative to the cost of the function.</summary>
/// <param name="ValueSeconds">Median time of one f(x), in seconds.</param>
/// <param name="GradientSeconds">Median time of one f(x) and ∇f(x) together, in seconds.</param>
/// <param name="Ratio">The median over repeats of time(f and ∇f) / time(f), each pair measured back to back.</param>
public readonly record struct CostRatio(double ValueSeconds, double GradientSeconds, double Ratio);

/// <summary>
/// Stopwatch medians of time(value and gradient) / time(value). Both sides run in the same process,
/// interleaved batch by batch, so that load from other processes affects both alike; the ratio, not
/// the absolute time, is the quantity to quote (Griewank and Walther, <i>Evaluating Derivatives</i>, §3.3:
/// reverse mode costs a small constant multiple of f, forward mode and differences n times f).
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
        var valueTimes = new List<double>(plan.Repeats);
        var gradientTimes = new List<double>(plan.Repeats);
        var ratios = new List<double>(plan.Repeats);
        for (int repeat = 0; repeat < plan.Repeats && (repeat == 0 || !cancellationToken.IsCancellationRequested); repeat++)
        {
            double value = ValueBatch(function, point, valueBatch) / valueBatch;
            double both = GradientBatch(oracle, point, gradient, gradientBatch) / gradientBatch;
            valueTimes.Add(value);
            gradientTimes.Add(both);
            ratios.Add(both / value);
        }
        return new CostRatio(Median(valueTimes), Median(gradientTimes), Median(ratios));
    }

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

    // Doubles the batch size until one batch lasts the target duration.
    private static int Calibrate(Func<int, double> batch, TimeSpan target)
    {
        int count = 1;
        while (count < (1 << 24))
        {
            if (batch(count) >= target.TotalSeconds) return count;
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
