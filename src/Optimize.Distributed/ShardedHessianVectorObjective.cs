using Optimize.Oracles;

namespace Optimize.Distributed;

/// <summary>A <see cref="ShardedGradientObjective"/> with Hessian-vector products ∇²f·v = Σₚ ∇²fₚ·v (one Allreduce of n numbers).</summary>
public class ShardedHessianVectorObjective : ShardedGradientObjective, IHessianVectorObjective
{
    private readonly LocalPart localProduct;

    /// <summary>Wraps this process's local objective. A collective call.</summary>
    /// <param name="communicator">The group of processes.</param>
    /// <param name="local">This process's objective over its part of the data.</param>
    /// <param name="nonFinite">What a non-finite local value or derivative does.</param>
    public ShardedHessianVectorObjective(ICommunicator communicator, IHessianVectorObjective local,
        NonFiniteShards nonFinite = NonFiniteShards.Propagate) : base(communicator, local, nonFinite) =>
        localProduct = local.HessianVector;

    /// <summary>Writes ∇²f(x)·v summed over the processes. A collective call.</summary>
    /// <param name="x">The point, of length n; the same on every process.</param>
    /// <param name="v">The direction, of length n; the same on every process.</param>
    /// <param name="result">Destination of length n.</param>
    /// <exception cref="DistributedEvaluationException">The local product failed on some process.</exception>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        int n = Dimension;
        Guard.Length(x.Length, n, nameof(x));
        Guard.Length(v.Length, n, nameof(v));
        Guard.Length(result.Length, n, nameof(result));
        SumOf(localProduct, x, v, buffer, n, "Hessian-vector product", "the Hessian-vector product");
        buffer.AsSpan(0, n).CopyTo(result);
    }
}
