using Optimize.Oracles;

namespace Optimize.Distributed;

/// <summary>A <see cref="ShardedObjective"/> with gradients: f and ∇f = Σₚ ∇fₚ from one Allreduce of n + 1 numbers.</summary>
public class ShardedGradientObjective : ShardedObjective, IGradientObjective
{
    private readonly LocalPart localGradient;

    /// <summary>Wraps this process's local objective. A collective call.</summary>
    /// <param name="communicator">The group of processes.</param>
    /// <param name="local">This process's objective over its part of the data.</param>
    /// <param name="nonFinite">What a non-finite local value or gradient does.</param>
    public ShardedGradientObjective(ICommunicator communicator, IGradientObjective local, NonFiniteShards nonFinite = NonFiniteShards.Propagate)
        : base(communicator, local, nonFinite) =>
        localGradient = (x, _, destination) => destination[0] = local.ValueAndGradient(x, destination[1..]);

    /// <summary>f(x) and ∇f(x), summed over the processes. A collective call.</summary>
    /// <param name="x">The point, of length n; the same on every process.</param>
    /// <param name="gradient">Destination of length n for ∇f(x).</param>
    /// <returns>f(x), identical on every process.</returns>
    /// <exception cref="DistributedEvaluationException">The local evaluation failed on some process.</exception>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int n = Dimension;
        Guard.Length(x.Length, n, nameof(x));
        Guard.Length(gradient.Length, n, nameof(gradient));
        SumOf(localGradient, x, default, buffer, n + 1, "value or gradient", "the gradient");
        buffer.AsSpan(1, n).CopyTo(gradient);
        return buffer[0];
    }
}
