using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>Evaluates f(x).</summary>
/// <param name="x">The point.</param>
public delegate double ValueFunction(ReadOnlySpan<double> x);

/// <summary>Writes ∇f(x) into <paramref name="gradient"/>.</summary>
/// <param name="x">The point.</param>
/// <param name="gradient">Destination for the gradient.</param>
public delegate void GradientFunction(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Evaluates f(x) and writes ∇f(x) into <paramref name="gradient"/> in one fused call.</summary>
/// <param name="x">The point.</param>
/// <param name="gradient">Destination for the gradient.</param>
public delegate double ValueAndGradientFunction(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Writes ∇²f(x)·v into <paramref name="result"/>.</summary>
/// <param name="x">The point.</param>
/// <param name="v">The direction.</param>
/// <param name="result">Destination for the product.</param>
public delegate void HessianVectorFunction(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result);

/// <summary>Writes ∇²f(x) into <paramref name="hessian"/>.</summary>
/// <param name="x">The point.</param>
/// <param name="hessian">Destination n×n matrix.</param>
public delegate void HessianFunction(ReadOnlySpan<double> x, Matrix<double> hessian);
