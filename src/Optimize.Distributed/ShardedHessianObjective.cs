using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Distributed;

/// <summary>A <see cref="ShardedHessianVectorObjective"/> with Hessians ∇²f = Σₚ ∇²fₚ (one Allreduce of n² numbers).</summary>
public sealed class ShardedHessianObjective : ShardedHessianVectorObjective, IHessianObjective
{
    private readonly IHessianObjective local;
    private readonly LocalPart localPart;
    private readonly Matrix<double> localHessian;
    private readonly double[] sums;

    /// <summary>Wraps this process's local objective. A collective call.</summary>
    /// <param name="communicator">The group of processes.</param>
    /// <param name="local">This process's objective over its part of the data.</param>
    /// <param name="nonFinite">What a non-finite local value or derivative does.</param>
    public ShardedHessianObjective(ICommunicator communicator, IHessianObjective local, NonFiniteShards nonFinite = NonFiniteShards.Propagate)
        : base(communicator, local, nonFinite)
    {
        this.local = local;
        int n = local.Dimension;
        localHessian = Matrix<double>.Build.Dense(n, n);
        sums = new double[n * n + 1];
        localPart = LocalHessian;
    }

    /// <summary>This process's Hessian, column-major into <paramref name="destination"/>.</summary>
    private void LocalHessian(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> destination)
    {
        int n = Dimension;
        local.Hessian(x, localHessian);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                destination[j * n + i] = localHessian[i, j];
    }

    /// <summary>Writes ∇²f(x) summed over the processes. A collective call.</summary>
    /// <param name="x">The point, of length n; the same on every process.</param>
    /// <param name="hessian">Destination, an n×n matrix; every entry is overwritten.</param>
    /// <exception cref="DistributedEvaluationException">The local Hessian failed on some process.</exception>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        int n = Dimension;
        Guard.Length(x.Length, n, nameof(x));
        Guard.Shape(hessian, n, n, nameof(hessian));
        SumOf(localPart, x, default, sums, n * n, "Hessian", "the Hessian");
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                hessian[i, j] = sums[j * n + i];
    }
}
