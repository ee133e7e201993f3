using System.Numerics;

namespace Optimize.Differentiable.Ode;

/// <summary>
/// An ordinary differential equation y′ = f(t, y, θ) written once over the generic scalar type, so that the
/// same right-hand side runs with <see cref="double"/> and with the automatic-differentiation types: an
/// integrator generic over T then differentiates the final state with respect to the initial state and the
/// parameters θ ("discretize, then differentiate").
/// </summary>
public interface IOdeSystem
{
    /// <summary>The number of state components n.</summary>
    int StateDimension { get; }

    /// <summary>The number of parameters p (0 when f has none).</summary>
    int ParameterDimension { get; }

    /// <summary>Writes f(t, y, θ) into <paramref name="derivative"/>.</summary>
    /// <typeparam name="T">The scalar type: <see cref="double"/> or an AD type.</typeparam>
    /// <param name="time">t.</param>
    /// <param name="state">y, of length n.</param>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="derivative">Destination of length n.</param>
    void Derivative<T>(T time, ReadOnlySpan<T> state, ReadOnlySpan<T> parameters, Span<T> derivative)
        where T : IFloatingPointIeee754<T>;
}
