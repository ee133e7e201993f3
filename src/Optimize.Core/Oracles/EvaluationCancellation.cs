using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>
/// The cancellation a caller (a solver's driver) puts around oracle calls, so that long oracle work (a
/// finite-difference Hessian, n Hessian-vector products) stops within one function evaluation instead of at the
/// end of the call. Ambient per asynchronous flow (an <see cref="AsyncLocal{T}"/>), so it reaches the worker
/// threads of a parallel evaluation and never another run. A scope may carry a deadline as well as a token: the
/// deadline is read from the clock at each check, so a time limit holds even when no thread-pool timer gets to
/// cancel the token (the pool may be busy with the very difference columns that should stop).
/// </summary>
/// <remarks>
/// An oracle that honours it checks <see cref="IsRequested"/> between units of work and, when set, returns NaN for
/// what it did not compute and reports the cancellation on <see cref="EvaluationFailure"/>
/// (<see cref="AbandonIfRequested"/> does both).
/// </remarks>
public static class EvaluationCancellation
{
    private static readonly AsyncLocal<Limits?> Current = new();

    /// <summary>The token of the enclosing scope, or <see cref="CancellationToken.None"/>.</summary>
    public static CancellationToken Token => Current.Value?.Token ?? CancellationToken.None;

    /// <summary>Whether the enclosing scope's token is cancelled or its deadline has passed.</summary>
    public static bool IsRequested => Current.Value is { } limits && limits.Requested;

    /// <summary>Makes <paramref name="token"/> the ambient token until the returned scope is disposed.</summary>
    /// <param name="token">The token oracle work should honour.</param>
    public static IDisposable Enter(CancellationToken token) => Enter(token, Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Makes <paramref name="token"/> and a deadline <paramref name="timeLimit"/> from now the ambient limits until
    /// the returned scope is disposed.
    /// </summary>
    /// <param name="token">The token oracle work should honour.</param>
    /// <param name="timeLimit">The time from now after which oracle work should stop, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeLimit"/> is negative and not infinite.</exception>
    public static IDisposable Enter(CancellationToken token, TimeSpan timeLimit)
    {
        if (timeLimit < TimeSpan.Zero && timeLimit != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeLimit), timeLimit, "timeLimit must be at least zero or Timeout.InfiniteTimeSpan.");
        long deadline = timeLimit == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)Math.Min(timeLimit.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2);
        var previous = Current.Value;
        Current.Value = new Limits(token, deadline);
        return new Scope(previous);
    }

    /// <summary>
    /// When the enclosing scope asks to stop, reports the cancellation on <see cref="EvaluationFailure"/>, fills
    /// <paramref name="result"/> with NaN and returns true; otherwise returns false. For oracles that build a
    /// matrix from many units of work (a Hessian from n Hessian-vector products), called before each unit.
    /// </summary>
    /// <param name="result">The matrix being computed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static bool AbandonIfRequested(Matrix<double> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!IsRequested) return false;
        EvaluationFailure.Report("the evaluation was cancelled (cancellation or time limit) before it finished");
        result.Clear();
        result.Add(double.NaN, result);
        return true;
    }

    /// <summary>The limits of the enclosing scope, to check from worker threads without reading the ambient value.</summary>
    internal static Limits? Capture() => Current.Value;

    /// <summary>A token and a deadline (a <see cref="Stopwatch"/> timestamp).</summary>
    internal sealed class Limits(CancellationToken token, long deadline)
    {
        /// <summary>The token.</summary>
        public CancellationToken Token { get; } = token;

        /// <summary>Whether the token is cancelled or the deadline has passed.</summary>
        public bool Requested => Token.IsCancellationRequested || (deadline != long.MaxValue && Stopwatch.GetTimestamp() >= deadline);

        /// <summary>Throws <see cref="OperationCanceledException"/> when <see cref="Requested"/>.</summary>
        public void ThrowIfRequested()
        {
            Token.ThrowIfCancellationRequested();
            if (Requested) throw new OperationCanceledException("The time limit of the run passed during the evaluation.");
        }
    }

    private sealed class Scope(Limits? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
