using System.Buffers;
using System.Numerics;
using Optimize.AutoDiff;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.Differentiable.CustomRules;

/// <summary>A user-supplied Jacobian-vector product ẏ = J(x)·ẋ (the rule of JAX's <c>custom_jvp</c>).</summary>
/// <param name="x">The input, of length n.</param>
/// <param name="tangent">ẋ, of length n.</param>
/// <param name="outputTangent">Destination of length m for J·ẋ.</param>
public delegate void JacobianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> tangent, Span<double> outputTangent);
