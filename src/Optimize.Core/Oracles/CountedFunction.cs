using System.Numerics;

namespace Optimize.Oracles;

/// <summary>
/// A function written once, with every evaluation of f counted, over every scalar type (double, dual numbers,
/// tape variables …): wrap it before handing it to a derivative source to learn how many evaluations of f one
/// gradient costs (n + 1 for forward differences, 2n for central ones, a few for AD). The wrapped function,
/// with any hand-coded derivatives it carries, stays reachable through <see cref="Function"/>.
/// </summary>
/// <remarks>
/// Safe to share between threads when the wrapped function is: the count is kept with atomic increments.
/// <see cref="CountingObjective"/> counts oracle calls (values, gradients, Hv, Hessians) instead; this type
/// counts evaluations of f itself, which is what tells derivative sources apart.
/// </remarks>
public sealed class CountedFunction : IScalarFunction, IObjective
{
    private readonly IObjective? values;
    private readonly bool counting;
    private long calls;

    /// <summary>Wraps <paramref name="function"/>.</summary>
    /// <param name="function">The function; when it is also an <see cref="IObjective"/>, plain values come from its <see cref="IObjective.Value"/>.</param>
    /// <param name="counting">
    /// Whether to count calls; timing runs pass false so that the atomic increment is not charged to the
    /// derivative source being timed.
    /// </param>
    public CountedFunction(IScalarFunction function, bool counting = true)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
        values = function as IObjective;
        this.counting = counting;
    }

    /// <summary>The wrapped function, with whatever derivatives it carries.</summary>
    public IScalarFunction Function { get; }

    /// <inheritdoc/>
    public int Dimension => Function.Dimension;

    /// <summary>Evaluations of f so far, over every scalar type; 0 when not counting.</summary>
    public long Calls => Interlocked.Read(ref calls);

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        if (counting) Interlocked.Increment(ref calls);
        return Function.Evaluate(x);
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        if (counting) Interlocked.Increment(ref calls);
        if (values is not null) return values.Value(x);
        Guard.Length(x.Length, Dimension, nameof(x));
        return Function.Evaluate(x);
    }

    /// <summary><paramref name="function"/> itself, or the function a <see cref="CountedFunction"/> wraps.</summary>
    /// <param name="function">A function, counted or not.</param>
    public static IScalarFunction Unwrap(IScalarFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function is CountedFunction counted ? counted.Function : function;
    }
}
