namespace Optimize.Distributed;

/// <summary>
/// The contiguous part [<see cref="Start"/>, <see cref="Start"/> + <see cref="Count"/>) of <c>total</c> items
/// that one process holds when the items are split as evenly as possible over the processes in rank order:
/// the first <c>total mod size</c> ranks get one item more (the block distribution of ScaLAPACK and of
/// MPI's <c>MPI_Dist_graph</c> examples).
/// </summary>
/// <param name="Start">The first item of the part.</param>
/// <param name="Count">The number of items in the part; zero when there are more processes than items.</param>
public readonly record struct ShardRange(int Start, int Count)
{
    /// <summary>One past the last item of the part.</summary>
    public int End => Start + Count;

    /// <summary>The part of <paramref name="total"/> items that rank <paramref name="rank"/> of <paramref name="size"/> holds.</summary>
    /// <param name="total">The number of items, non-negative.</param>
    /// <param name="rank">The rank, from 0 to <paramref name="size"/> − 1.</param>
    /// <param name="size">The number of processes, positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range stated.</exception>
    public static ShardRange Of(int total, int rank, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (rank < 0 || rank >= size)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"Expected a rank from 0 to {size - 1}.");
        int quotient = total / size, remainder = total % size;
        int start = rank * quotient + Math.Min(rank, remainder);
        return new ShardRange(start, quotient + (rank < remainder ? 1 : 0));
    }

    /// <summary>The part of <paramref name="total"/> items that this process of <paramref name="communicator"/> holds.</summary>
    /// <param name="total">The number of items, non-negative.</param>
    /// <param name="communicator">The group of processes.</param>
    public static ShardRange Of(int total, ICommunicator communicator)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        return Of(total, communicator.Rank, communicator.Size);
    }
}
