using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>A <see cref="CountingObjective"/> for objectives with gradients; caches ∇f at the last point.</summary>
public class CountingGradientObjective : CountingObjective, IGradientObjective
{
    private readonly IGradientObjective inner;
    private readonly double[] lastGradient;
    private bool hasGradient;

    /// <summary>Wraps <paramref name="objective"/>.</summary>
    /// <param name="objective">The objective to count.</param>
    public CountingGradientObjective(IGradientObjective objective) : base(objective)
    {
        inner = objective;
        lastGradient = new double[objective.Dimension];
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        if (hasGradient && TryCachedValue(x, out double cached))
        {
            lastGradient.CopyTo(gradient);
            return cached;
        }
        values++;
        return Fused(x, gradient);
    }

    /// <summary>
    /// ∇f at <paramref name="x"/> for a caller that evaluated f there first (a trial point judged by its value, whose
    /// gradient is wanted only once the point is accepted). When f at <paramref name="x"/> is the cached value, this
    /// counts one gradient evaluation and no new evaluation of f: f at that point was counted when it was computed,
    /// and the value a fused oracle computes again with the gradient is the same one (scipy counts <c>nfev</c> and
    /// <c>njev</c> the same way). At any other point it is <see cref="ValueAndGradient"/>.
    /// </summary>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Receives ∇f(x).</param>
    /// <returns>f(x).</returns>
    public double GradientAfterValue(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        return hasGradient || !TryCachedValue(x, out _) ? ValueAndGradient(x, gradient) : Fused(x, gradient);
    }

    /// <summary>One fused call of the wrapped oracle, counted as a gradient evaluation, and its result cached.</summary>
    private double Fused(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradients++;
        double value = inner.ValueAndGradient(x, gradient);
        Remember(x, value);
        gradient.CopyTo(lastGradient);
        hasGradient = true;
        return value;
    }

    private protected override void ForgetGradient() => hasGradient = false;
}
