using Optimize.Oracles;

namespace Optimize.Solvers.Tests.Support;

/// <summary>Passes every evaluation to an objective and keeps a copy of each point evaluated, in order.</summary>
internal sealed class RecordingObjective(IGradientObjective inner) : IGradientObjective
{
    public List<double[]> Points { get; } = [];

    /// <summary>The Euclidean distance from x₀ to the first trial point of a one-iteration run of <paramref name="minimize"/> on Rosenbrock.</summary>
    public static double FirstTrialDistance(Func<IGradientObjective, double[], DriverOptions, MinimizationResult> minimize)
    {
        var problem = Problems.ProblemLibrary.Rosenbrock();
        var recording = new RecordingObjective(problem);
        minimize(recording, problem.StartingPoint, new DriverOptions { MaximumIterations = 1 });
        double[] x0 = recording.Points[0], trial = recording.Points[1];
        Assert.Equal(problem.StartingPoint, x0);
        return Math.Sqrt(x0.Zip(trial, (a, b) => (a - b) * (a - b)).Sum());
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
