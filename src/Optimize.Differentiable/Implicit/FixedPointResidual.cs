using System.Numerics;

namespace Optimize.Differentiable.Implicit;

/// <summary>The residual g(x, θ) = x − F(x, θ) of a fixed-point map, so its fixed point can be differentiated implicitly.</summary>
public sealed class FixedPointResidual : IImplicitSystem
{
    /// <summary>Wraps the map.</summary>
    /// <param name="map">F.</param>
    public FixedPointResidual(IFixedPointMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Map = map;
    }

    /// <summary>F.</summary>
    public IFixedPointMap Map { get; }

    /// <inheritdoc/>
    public int StateDimension => Map.StateDimension;

    /// <inheritdoc/>
    public int ParameterDimension => Map.ParameterDimension;

    /// <inheritdoc/>
    public void Residual<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> parameters, Span<T> residual) where T : IFloatingPointIeee754<T>
    {
        Map.Apply(x, parameters, residual);
        for (int i = 0; i < residual.Length; i++) residual[i] = x[i] - residual[i];
    }
}
