using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>An objective that also yields Hessian-vector products ∇²f(x)·v.</summary>
public interface IHessianVectorObjective : IGradientObjective
{
    /// <summary>Writes ∇²f(x)·v into <paramref name="result"/>.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length n.</param>
    void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result);
}
