using System.Text;

namespace Optimize.Distributed;

/// <summary>
/// The failure protocol of every collective evaluation: each process adds a failure flag to the buffer it
/// sums anyway, so a failure anywhere costs nothing extra until it happens; then the processes agree on the
/// lowest failing rank, which broadcasts its message, and all of them throw the same
/// <see cref="DistributedEvaluationException"/>.
/// </summary>
internal static class Agreement
{
    /// <summary>The text a process reports for a local exception.</summary>
    public static string Describe(Exception error) => $"{error.GetType().Name}: {error.Message}";

    /// <summary>
    /// Sums the first <paramref name="count"/> entries of <paramref name="sums"/> and the failure flag after them (set
    /// here from <paramref name="localError"/>; a failed process contributes zeros), then throws on every process if
    /// any failed.
    /// </summary>
    public static void Sum(ICommunicator communicator, double[] sums, int count, string? localError, Exception? localException,
        string operation)
    {
        if (localError is not null) sums.AsSpan(0, count).Clear();
        sums[count] = localError is null ? 0 : 1;
        communicator.AllreduceSum(sums.AsSpan(0, count + 1));
        ThrowIfAnyFailed(communicator, sums[count], localError, localException, operation);
    }

    /// <summary>
    /// After the sum: throws on every process if <paramref name="failures"/> (the summed flags) is not zero.
    /// Every process must call it with the same <paramref name="failures"/>.
    /// </summary>
    /// <param name="communicator">The group.</param>
    /// <param name="failures">The summed failure flags.</param>
    /// <param name="localError">This process's error text; null when it did not fail.</param>
    /// <param name="localException">This process's exception, if any.</param>
    /// <param name="operation">The operation's name for the message.</param>
    public static void ThrowIfAnyFailed(ICommunicator communicator, double failures, string? localError, Exception? localException,
        string operation)
    {
        if (failures == 0) return;
        var flags = new double[communicator.Size];
        if (localError is not null) flags[communicator.Rank] = 1;
        communicator.AllreduceSum(flags);
        int failedRank = Array.FindIndex(flags, flag => flag > 0);
        int failed = flags.Count(flag => flag > 0);

        byte[] message = communicator.Rank == failedRank ? Encoding.UTF8.GetBytes(localError!) : [];
        var length = BitConverter.GetBytes(message.Length);
        communicator.Broadcast(length, failedRank);
        if (communicator.Rank != failedRank) message = new byte[BitConverter.ToInt32(length)];
        communicator.Broadcast(message, failedRank);
        throw new DistributedEvaluationException(failedRank, failed, operation, Encoding.UTF8.GetString(message),
            communicator.Rank == failedRank ? localException : null);
    }
}
