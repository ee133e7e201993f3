using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Differentiable.Implicit;

/// <summary>Whether an implicit derivative could be formed.</summary>
public enum ImplicitDerivativeStatus
{
    /// <summary>∂g/∂x was invertible and the derivative was written.</summary>
    Solved,

    /// <summary>∂g/∂x is singular at the root: x*(θ) is not differentiable there (or not unique); the destination holds NaN.</summary>
    SingularJacobian,
}
