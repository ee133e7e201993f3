using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>Writes ∇²f(x) into <paramref name="hessian"/>.</summary>
/// <param name="x">The point.</param>
/// <param name="hessian">Destination n×n matrix.</param>
public delegate void HessianFunction(ReadOnlySpan<double> x, Matrix<double> hessian);
