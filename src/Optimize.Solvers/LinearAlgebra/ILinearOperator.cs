using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;

namespace Optimize.Solvers.LinearAlgebra;

/// <summary>A symmetric linear map v ↦ B·v, the only access to B that conjugate-gradient solvers need.</summary>
public interface ILinearOperator
{
    /// <summary>The size n of B.</summary>
    int Dimension { get; }

    /// <summary>Writes B·<paramref name="v"/> into <paramref name="result"/>.</summary>
    /// <param name="v">The vector, length n.</param>
    /// <param name="result">Destination, length n.</param>
    void Multiply(ReadOnlySpan<double> v, Span<double> result);
}
