using System.Numerics;
using Optimize.Differentiable.Ode;

namespace Optimize.Differentiable.Checkpointing;

/// <summary>
/// One step of a time-stepping program x_{k+1} = Φ_k(x_k, θ), written once over the generic scalar type: the
/// form of loop that <see cref="CheckpointedReverseMode"/> differentiates with bounded tape memory.
/// </summary>
public interface ITimeStepper
{
    /// <summary>The number of state components n.</summary>
    int StateDimension { get; }

    /// <summary>The number of parameters p.</summary>
    int ParameterDimension { get; }

    /// <summary>Writes x_{k+1} = Φ_k(x_k, θ) into <paramref name="next"/>.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="index">k, the step's index (for time-dependent steps).</param>
    /// <param name="state">x_k, of length n.</param>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="next">Destination of length n (distinct from <paramref name="state"/>).</param>
    void Step<T>(int index, ReadOnlySpan<T> state, ReadOnlySpan<T> parameters, Span<T> next) where T : IFloatingPointIeee754<T>;
}
