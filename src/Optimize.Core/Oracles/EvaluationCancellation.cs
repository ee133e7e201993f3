namespace Optimize.Oracles;

/// <summary>
/// The cancellation a caller (a solver's driver) puts around oracle calls, so that long oracle work (a
/// finite-difference Hessian, n Hessian-vector products) stops within one function evaluation instead of at the
/// end of the call. Ambient per asynchronous flow (an <see cref="AsyncLocal{T}"/>), so it reaches the worker
/// threads of a parallel evaluation and never another run.
/// </summary>
/// <remarks>
/// An oracle that honours it checks <see cref="IsRequested"/> between units of work and, when set, returns NaN for
/// what it did not compute and reports the cancellation on <see cref="EvaluationFailure"/>.
/// </remarks>
public static class EvaluationCancellation
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    /// <summary>The token of the enclosing scope, or <see cref="CancellationToken.None"/>.</summary>
    public static CancellationToken Token => Current.Value;

    /// <summary>Whether the enclosing scope's token is cancelled.</summary>
    public static bool IsRequested => Current.Value.IsCancellationRequested;

    /// <summary>Makes <paramref name="token"/> the ambient token until the returned scope is disposed.</summary>
    /// <param name="token">The token oracle work should honour.</param>
    public static IDisposable Enter(CancellationToken token)
    {
        var previous = Current.Value;
        Current.Value = token;
        return new Scope(previous);
    }

    private sealed class Scope(CancellationToken previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
