namespace Optimize.Distributed;

/// <summary>What a sharded objective does when one process's local value or derivative is not finite.</summary>
public enum NonFiniteShards
{
    /// <summary>
    /// Sum it like any other part: every process sees the same non-finite total, and the solver treats it as
    /// the toolkit's contract says (a line search shortens the step, or the run ends with
    /// <c>TerminationReason.NonFiniteValue</c>) — identically on every process.
    /// </summary>
    Propagate,

    /// <summary>
    /// Stop: every process throws the same <see cref="DistributedEvaluationException"/>, naming the rank whose
    /// local part was not finite.
    /// </summary>
    Stop,
}
