using System.Numerics;

namespace Optimize.Oracles;

/// <summary>A vector function F: ℝⁿ → ℝᵐ written once, generic over the scalar type.</summary>
public interface IVectorScalarFunction
{
    /// <summary>The number of inputs n.</summary>
    int Dimension { get; }

    /// <summary>The number of outputs m.</summary>
    int OutputDimension { get; }

    /// <summary>Writes F(x) into <paramref name="value"/> (length m) over the scalar type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The scalar type: <see cref="double"/> or an AD type.</typeparam>
    /// <param name="x">The point, of length n.</param>
    /// <param name="value">Destination of length m.</param>
    void Evaluate<T>(ReadOnlySpan<T> x, Span<T> value) where T : IFloatingPointIeee754<T>;
}
