using System.Buffers;
using System.Numerics;
using Optimize.AutoDiff;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.Differentiable.CustomRules;

/// <summary>A user-supplied vector-Jacobian product x̄ = ȳᵀJ(x) (the rule of JAX's <c>custom_vjp</c>, PyTorch's <c>autograd.Function.backward</c>).</summary>
/// <param name="x">The input, of length n.</param>
/// <param name="outputCotangent">ȳ, of length m.</param>
/// <param name="cotangent">Destination of length n for ȳᵀJ.</param>
public delegate void VectorJacobianProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> outputCotangent, Span<double> cotangent);
