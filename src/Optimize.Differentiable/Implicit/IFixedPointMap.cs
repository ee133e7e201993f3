using System.Numerics;

namespace Optimize.Differentiable.Implicit;

/// <summary>A map x ↦ F(x, θ) whose fixed point x = F(x, θ) is sought, written once over the generic scalar type.</summary>
public interface IFixedPointMap
{
    /// <summary>The dimension n of x.</summary>
    int StateDimension { get; }

    /// <summary>The number of parameters p.</summary>
    int ParameterDimension { get; }

    /// <summary>Writes F(x, θ) into <paramref name="image"/>.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The point, of length n.</param>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="image">Destination of length n.</param>
    void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> parameters, Span<T> image) where T : IFloatingPointIeee754<T>;
}
