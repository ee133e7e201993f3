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
