using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Differentiable.Implicit;

/// <summary>Why a root or fixed-point iteration stopped.</summary>
public enum RootTermination
{
    /// <summary>‖g(x, θ)‖∞ (or ‖x − F(x)‖∞) fell below the tolerance.</summary>
    Converged,

    /// <summary>The iteration limit was reached before the tolerance.</summary>
    IterationLimit,

    /// <summary>∂g/∂x was singular at an iterate (Newton only).</summary>
    SingularJacobian,

    /// <summary>A residual or an iterate was not finite.</summary>
    NonFiniteValue,
}
