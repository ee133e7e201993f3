using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;

namespace Optimize.Solvers.LinearAlgebra;

/// <summary>The Hessian ∇²f(x) at a point held by reference, applied through Hessian-vector products only.</summary>
/// <param name="objective">The objective giving ∇²f·v.</param>
/// <param name="point">x; read at every product, so it may change between products.</param>
public sealed class HessianVectorOperator(IHessianVectorObjective objective, double[] point) : ILinearOperator
{
    /// <inheritdoc/>
    public int Dimension => point.Length;

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> v, Span<double> result) => objective.HessianVector(point, v, result);
}
