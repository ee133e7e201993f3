using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Cli.Measurement;

/// <summary>Compares derivative sources against the hand-coded gradients of the problem library.</summary>
public static class DerivativeSourceComparison
{
    /// <summary>
    /// The points where gradients are compared: the standard start, and the start moved by a fixed
    /// pattern δᵢ = 0.1·sin(i + 1) so that symmetric starts (all coordinates equal) do not hide errors.
    /// </summary>
    /// <param name="problem">The problem.</param>
    public static IReadOnlyList<double[]> CheckPoints(TestProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var start = problem.StartingPoint;
        var moved = start.Select((value, i) => value + 0.1 * Math.Sin(i + 1)).ToArray();
        return [start, moved];
    }

    /// <summary>Measures one source on one problem.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="source">The source.</param>
    /// <param name="plan">How long to time.</param>
    /// <param name="cancellationToken">Shortens the timing when signalled.</param>
    public static DerivativeRow Measure(TestProblem problem, DerivativeSource source, TimingPlan plan,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(source);
        int n = problem.Dimension;
        var counted = new CountedFunction(problem);
        var oracle = source.Create(counted);
        var reference = new double[n];
        var gradient = new double[n];

        double error = 0;
        long calls = 0;
        var points = CheckPoints(problem);
        foreach (var point in points)
        {
            problem.ValueAndGradient(point, reference);
            long before = counted.Calls;
            oracle.ValueAndGradient(point, gradient);
            calls += counted.Calls - before;
            error = Math.Max(error, RelativeError(gradient, reference));
        }

        var timed = source.Create(new CountedFunction(problem, counting: false));
        var cost = CostTiming.Measure(problem, timed, points[0], plan, cancellationToken);
        return new DerivativeRow(problem.Name, n, source.Name, error, (double)calls / points.Count,
            cost.ValueSeconds, cost.GradientSeconds, cost.Ratio);
    }

    /// <summary>‖g − g*‖∞ / max(1, ‖g*‖∞); +∞ when g has a non-finite entry.</summary>
    /// <param name="gradient">g.</param>
    /// <param name="reference">g*.</param>
    public static double RelativeError(ReadOnlySpan<double> gradient, ReadOnlySpan<double> reference)
    {
        Guard.Length(gradient.Length, reference.Length, nameof(gradient));
        double difference = 0, scale = 1;
        for (int i = 0; i < gradient.Length; i++)
        {
            if (!double.IsFinite(gradient[i])) return double.PositiveInfinity;
            difference = Math.Max(difference, Math.Abs(gradient[i] - reference[i]));
            scale = Math.Max(scale, Math.Abs(reference[i]));
        }
        return difference / scale;
    }
}
