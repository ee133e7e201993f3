using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Differentiable.Implicit;

/// <summary>The outcome of a root or fixed-point iteration; the last iterate is left in the caller's span.</summary>
/// <param name="Reason">Why it stopped.</param>
/// <param name="Iterations">Iterations performed.</param>
/// <param name="ResidualNorm">‖g(x, θ)‖∞ at the returned x.</param>
public readonly record struct RootResult(RootTermination Reason, int Iterations, double ResidualNorm)
{
    /// <summary>Whether the tolerance was met.</summary>
    public bool Converged => Reason == RootTermination.Converged;
}
