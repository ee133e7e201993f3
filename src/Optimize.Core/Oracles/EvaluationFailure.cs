namespace Optimize.Oracles;

/// <summary>
/// The failure channel of the oracle contract: an oracle that cannot evaluate at a point (as a Ceres cost
/// function's <c>Evaluate</c> returns false) returns NaN for what it could not compute and reports why here,
/// instead of throwing. Solvers treat the NaN like an infinite value (they shrink the step or stop with a
/// non-finite-value verdict) and keep the last reported message for the result.
/// </summary>
/// <remarks>
/// The channel holds one message per thread (the last one reported on it), so concurrent runs on different
/// threads never see each other's failures; an oracle reports on the thread that called it.
/// </remarks>
public static class EvaluationFailure
{
    [ThreadStatic]
    private static string? last;

    /// <summary>Records why the current evaluation failed, replacing any earlier message of this thread.</summary>
    /// <param name="message">What could not be computed and where, e.g. the perturbed point of a finite difference.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public static void Report(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        last = message;
    }

    /// <summary>Returns the last message reported on this thread, or null, and clears it.</summary>
    public static string? Take()
    {
        string? message = last;
        last = null;
        return message;
    }

    /// <summary>Forgets any message reported on this thread (at the start of a run).</summary>
    public static void Clear() => last = null;
}
