using Optimize.Oracles;

namespace Optimize.Solvers.Tests.Support;

/// <summary>Passes every evaluation to an objective and keeps a copy of each point evaluated, in order.</summary>
internal sealed class RecordingObjective(IGradientObjective inner) : IGradientObjective
{
    public List<double[]> Points { get; } = [];

    /// <summary>
    /// max |xᵢ − x₀ᵢ| for the first trial point x of a one-iteration run of <paramref name="minimize"/> on Rosenbrock
    /// from x₀ = (1.2, 1), where −∇f(x₀) = (−211.6, 88) has its largest entry negative.
    /// </summary>
    public static double FirstTrialLargestMove(Func<IGradientObjective, double[], DriverOptions, MinimizationResult> minimize)
    {
        var recording = new RecordingObjective(Problems.ProblemLibrary.Rosenbrock());
        double[] start = [1.2, 1];
        minimize(recording, start, new DriverOptions { MaximumIterations = 1 });
        double[] x0 = recording.Points[0], trial = recording.Points[1];
        Assert.Equal(start, x0);
        return x0.Zip(trial, (a, b) => Math.Abs(a - b)).Max();
    }

    public int Dimension => inner.Dimension;

    public double Value(ReadOnlySpan<double> x)
    {
        Points.Add(x.ToArray());
        return inner.Value(x);
    }

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Points.Add(x.ToArray());
        return inner.ValueAndGradient(x, gradient);
    }
}
