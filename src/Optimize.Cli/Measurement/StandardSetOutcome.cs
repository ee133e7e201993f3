namespace Optimize.Cli.Measurement;

/// <summary>Where a run on a standard-set instance ended, judged by the final value of f.</summary>
public enum StandardSetOutcome
{
    /// <summary>f − f* ≤ 10⁻⁶·max(1, |f*|): the known minimum.</summary>
    Solved,

    /// <summary>Within 10⁻⁶·max(1, |f̃|) of a documented minimum f̃ other than f* (a local minimum, or a limit at infinity).</summary>
    OtherKnownMinimum,

    /// <summary>Neither: the run stopped elsewhere (or at a non-finite value).</summary>
    Failed,
}
