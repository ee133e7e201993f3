using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>A <see cref="CountingGradientObjective"/> that also counts Hessian-vector products.</summary>
public class CountingHessianVectorObjective : CountingGradientObjective, IHessianVectorObjective
{
    private readonly IHessianVectorObjective inner;

    /// <summary>Wraps <paramref name="objective"/>.</summary>
    /// <param name="objective">The objective to count.</param>
    public CountingHessianVectorObjective(IHessianVectorObjective objective) : base(objective) => inner = objective;

    /// <inheritdoc/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(v.Length, Dimension, nameof(v));
        Guard.Length(result.Length, Dimension, nameof(result));
        hessianVectors++;
        inner.HessianVector(x, v, result);
    }
}
