namespace Optimize.Distributed;

/// <summary>
/// A group of one process, without MPI: sums and broadcasts leave the data as it is. Runs the distributed
/// objectives and solvers in an ordinary process (a shard that holds all the data).
/// </summary>
public sealed class SingleProcessCommunicator : ICommunicator
{
    /// <summary>The one instance.</summary>
    public static SingleProcessCommunicator Instance { get; } = new();

    private SingleProcessCommunicator() { }

    /// <inheritdoc/>
    public int Rank => 0;

    /// <inheritdoc/>
    public int Size => 1;

    /// <inheritdoc/>
    public void AllreduceSum(Span<double> values) { }

    /// <inheritdoc/>
    public void Broadcast(Span<byte> data, int root)
    {
        if (root != 0) throw new ArgumentOutOfRangeException(nameof(root), root, "Expected rank 0, the only process.");
    }
}
