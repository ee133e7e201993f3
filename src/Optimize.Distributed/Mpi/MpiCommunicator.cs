namespace Optimize.Distributed.Mpi;

/// <summary>
/// All processes of the MPI job (MPI_COMM_WORLD) through MPI.NET. Sums and broadcasts go straight to
/// MPI_Allreduce and MPI_Bcast on the caller's memory, with no copy or allocation. Created by
/// <see cref="MpiRuntime"/>; not safe to use from several threads at once.
/// </summary>
public sealed class MpiCommunicator : ICommunicator
{
    private static readonly IntPtr InPlace = new(-1);   // MPI_IN_PLACE of MPICH and MS-MPI

    internal MpiCommunicator()
    {
        Rank = MPI.Communicator.world.Rank;
        Size = MPI.Communicator.world.Size;
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <summary>The name of the node this process runs on (MPI_Get_processor_name).</summary>
    public static string ProcessorName => MPI.Environment.ProcessorName;

    /// <inheritdoc/>
    public unsafe void AllreduceSum(Span<double> values)
    {
        if (values.IsEmpty) return;
        fixed (double* data = values)
            Check(MPI.Unsafe.MPI_Allreduce(InPlace, (IntPtr)data, values.Length, MPI.Unsafe.MPI_DOUBLE, MPI.Unsafe.MPI_SUM,
                MPI.Unsafe.MPI_COMM_WORLD));
    }

    /// <inheritdoc/>
    public unsafe void Broadcast(Span<byte> data, int root)
    {
        if (root < 0 || root >= Size) throw new ArgumentOutOfRangeException(nameof(root), root, $"Expected a rank from 0 to {Size - 1}.");
        if (data.IsEmpty) return;
        fixed (byte* bytes = data)
            Check(MPI.Unsafe.MPI_Bcast((IntPtr)bytes, data.Length, MPI.Unsafe.MPI_BYTE, root, MPI.Unsafe.MPI_COMM_WORLD));
    }

    /// <summary>
    /// Ends every process of the job with <paramref name="exitCode"/> (MPI_Abort on MPI_COMM_WORLD): the way out
    /// when this process cannot take part in the next collective call and the others would wait for it.
    /// </summary>
    /// <param name="exitCode">The exit code the launcher reports.</param>
    public static void Abort(int exitCode) => MPI.Unsafe.MPI_Abort(MPI.Unsafe.MPI_COMM_WORLD, exitCode);

    /// <summary>Seconds since an arbitrary origin on this process (MPI_Wtime).</summary>
    public static double Time => MPI.Unsafe.MPI_Wtime();

    private static void Check(int code)
    {
        if (code != 0) throw MPI.Environment.TranslateErrorIntoException(code);
    }
}
