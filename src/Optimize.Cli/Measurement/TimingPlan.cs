using System.Diagnostics;
using Optimize.Oracles;

namespace Optimize.Cli.Measurement;

/// <summary>
/// How long to measure: the minimum duration of one timed batch, how many batches to take, and a budget after
/// which no further batches start (at least three per side always run). Short batches suit a loaded machine:
/// the fastest of many short batches is likely to have run without being preempted.
/// </summary>
/// <param name="BatchDuration">Each batch repeats the call until at least this much time has passed.</param>
/// <param name="Repeats">Batches per side at most; the reported times are the fastest batch of each side.</param>
/// <param name="Budget">No batch starts after this much time has been spent on the measurement.</param>
public sealed record TimingPlan(TimeSpan BatchDuration, int Repeats, TimeSpan Budget)
{
    /// <summary>The batches always run per side, whatever the budget.</summary>
    public const int MinimumRepeats = 3;

    /// <summary>A quick plan for the comparison tables (at most about 0.1 s per problem and source, more for costly gradients).</summary>
    public static TimingPlan Quick { get; } = new(TimeSpan.FromMicroseconds(100), 41, TimeSpan.FromMilliseconds(100));

    /// <summary>The plan of <c>optimize bench</c>: more batches and a larger budget.</summary>
    public static TimingPlan Bench { get; } = new(TimeSpan.FromMicroseconds(200), 201, TimeSpan.FromMilliseconds(500));
}
