using System.Numerics;

namespace Optimize.Differentiable.Implicit;

/// <summary>
/// A system of n equations g(x, θ) = 0 in n unknowns x with parameters θ, written once over the generic
/// scalar type. Its root x*(θ) is a function of θ whose derivative follows from the implicit function theorem.
/// </summary>
public interface IImplicitSystem
{
    /// <summary>The number of unknowns and of equations, n.</summary>
    int StateDimension { get; }

    /// <summary>The number of parameters p.</summary>
    int ParameterDimension { get; }

    /// <summary>Writes g(x, θ) into <paramref name="residual"/>.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The unknowns, of length n.</param>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="residual">Destination of length n.</param>
    void Residual<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> parameters, Span<T> residual) where T : IFloatingPointIeee754<T>;
}

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
