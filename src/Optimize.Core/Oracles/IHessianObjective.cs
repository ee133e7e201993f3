using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>An objective that also yields its full Hessian ∇²f(x).</summary>
public interface IHessianObjective : IHessianVectorObjective
{
    /// <summary>Writes ∇²f(x) into the caller-owned n×n <paramref name="hessian"/>.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="hessian">Destination, an n×n matrix; every entry is overwritten.</param>
    void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian);
}
