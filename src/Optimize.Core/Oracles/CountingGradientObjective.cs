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
        gradients++;
        double value = inner.ValueAndGradient(x, gradient);
        Remember(x, value);
        gradient.CopyTo(lastGradient);
        hasGradient = true;
        return value;
    }

    private protected override void ForgetGradient() => hasGradient = false;
}
