using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>
/// Wraps an oracle once so that every call is counted by kind and the value and gradient at the
/// last point are cached: asking twice for f or ∇f at the same x computes them once
/// (the caching objective of NLSolversBase in Optim.jl).
/// </summary>
/// <remarks>
/// A wrapper is stateful and not thread-safe: give each run its own. <see cref="Wrap(IObjective)"/>
/// and its overloads return the wrapper with the capabilities of the static type passed in.
/// </remarks>
public class CountingObjective : IObjective
{
    private readonly IObjective inner;
    private readonly double[] lastPoint;
    private bool hasValue;
    private double lastValue;

    /// <summary>Calls of f made through this wrapper.</summary>
    protected long values;

    /// <summary>Calls of ∇f made through this wrapper.</summary>
    protected long gradients;

    /// <summary>Hessian-vector products made through this wrapper.</summary>
    protected long hessianVectors;

    /// <summary>Hessians made through this wrapper.</summary>
    protected long hessians;

    /// <summary>Wraps <paramref name="objective"/>.</summary>
    /// <param name="objective">The objective to count.</param>
    public CountingObjective(IObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        inner = objective;
        lastPoint = new double[objective.Dimension];
    }

    /// <summary>Wraps an objective that gives values only.</summary>
    /// <param name="objective">The objective to count.</param>
    public static CountingObjective Wrap(IObjective objective) => new(objective);

    /// <summary>Wraps an objective that gives gradients.</summary>
    /// <param name="objective">The objective to count.</param>
    public static CountingGradientObjective Wrap(IGradientObjective objective) => new(objective);

    /// <summary>Wraps an objective that gives Hessian-vector products.</summary>
    /// <param name="objective">The objective to count.</param>
    public static CountingHessianVectorObjective Wrap(IHessianVectorObjective objective) => new(objective);

    /// <summary>Wraps an objective that gives Hessians.</summary>
    /// <param name="objective">The objective to count.</param>
    public static CountingHessianObjective Wrap(IHessianObjective objective) => new(objective);

    /// <inheritdoc/>
    public int Dimension => inner.Dimension;

    /// <summary>The calls made so far, by kind.</summary>
    public EvaluationCounts Counts => new(values, gradients, hessianVectors, hessians);

    /// <summary>The wrapped objective.</summary>
    public IObjective Inner => inner;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        if (hasValue && x.SequenceEqual(lastPoint)) return lastValue;
        values++;
        double value = inner.Value(x);
        Remember(x, value);
        return value;
    }

    /// <summary>Records f at <paramref name="x"/> as the cached point; invalidates any cached gradient.</summary>
    /// <param name="x">The point.</param>
    /// <param name="value">f(x).</param>
    private protected void Remember(ReadOnlySpan<double> x, double value)
    {
        x.CopyTo(lastPoint);
        lastValue = value;
        hasValue = true;
        ForgetGradient();
    }

    /// <summary>Whether f at <paramref name="x"/> is cached; if so, its value.</summary>
    private protected bool TryCachedValue(ReadOnlySpan<double> x, out double value)
    {
        value = lastValue;
        return hasValue && x.SequenceEqual(lastPoint);
    }

    /// <summary>Drops the cached gradient (overridden where one is kept).</summary>
    private protected virtual void ForgetGradient() { }
}
