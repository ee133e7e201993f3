using Optimize.AutoDiff;
using Optimize.Oracles;

namespace Optimize.Differentiable.Checkpointing;

/// <summary>Memory and work of one checkpointed gradient.</summary>
/// <param name="Value">J(x_N, θ).</param>
/// <param name="Steps">N, the steps of the loop.</param>
/// <param name="Interval">k, the steps between checkpoints (N for a single full tape).</param>
/// <param name="Segments">⌈N / k⌉ recorded segments.</param>
/// <param name="PeakTapeNodes">The most tape nodes of one segment's recording.</param>
/// <param name="PeakTapeBytes">The most bytes one segment's recording used: its records plus one adjoint (8 bytes) per node.</param>
/// <param name="CheckpointBytes">The stored checkpoints: ⌈N / k⌉ states of n doubles.</param>
/// <param name="StepsEvaluated">Steps computed in all: N in the plain forward pass plus N recorded again.</param>
public readonly record struct CheckpointingReport(
    double Value, int Steps, int Interval, int Segments, int PeakTapeNodes, long PeakTapeBytes, long CheckpointBytes, long StepsEvaluated)
{
    /// <summary>The peak memory of the differentiation: the largest segment's tape plus the checkpoints.</summary>
    public long PeakMemoryBytes => PeakTapeBytes + CheckpointBytes;
}
