namespace Optimize.Distributed;

/// <summary>
/// The collective operations the distributed objectives and solvers need from a group of processes: each
/// process has a rank 0 … Size − 1, and every process of the group must make the same calls in the same
/// order (the collective semantics of MPI; MPI Forum, <i>MPI: A Message-Passing Interface Standard</i>,
/// version 4.0, §6).
/// </summary>
/// <remarks>
/// Implementations: <see cref="Mpi.MpiCommunicator"/> (every process of an <c>mpiexec</c> job) and
/// <see cref="SingleProcessCommunicator"/> (one process, no MPI). A communicator is not safe to use from
/// several threads at once.
/// </remarks>
public interface ICommunicator
{
    /// <summary>This process's rank, from 0 to <see cref="Size"/> − 1.</summary>
    int Rank { get; }

    /// <summary>The number of processes in the group.</summary>
    int Size { get; }

    /// <summary>
    /// Replaces <paramref name="values"/> on every process by the elementwise sum over all processes
    /// (MPI_Allreduce with MPI_SUM, in place). Every process receives the identical result.
    /// </summary>
    /// <param name="values">This process's contribution; on return, the sums. Equally long on every process.</param>
    void AllreduceSum(Span<double> values);

    /// <summary>Copies <paramref name="data"/> of process <paramref name="root"/> into <paramref name="data"/> of every process (MPI_Bcast).</summary>
    /// <param name="data">The bytes to send (on the root) or the destination (elsewhere); equally long on every process.</param>
    /// <param name="root">The rank that sends.</param>
    void Broadcast(Span<byte> data, int root);
}
