namespace Optimize.Distributed.Mpi;

/// <summary>
/// MPI for the life of a program: loads the library (<see cref="MpiLibrary"/>), checks that the program was
/// started by <c>mpiexec</c>, initializes MPI through MPI.NET and finalizes it on <see cref="Dispose"/>.
/// <see cref="Run"/> wraps a whole program and turns failures into one clear exit on every process.
/// </summary>
/// <example>
/// <code>
/// return MpiRuntime.Run(args, world =>
/// {
///     var objective = ShardedObjective.Create(world, LocalPartOfTheData(world.Rank, world.Size));
///     var result = new Lbfgs().Minimize(objective, new double[objective.Dimension]);
///     if (world.Rank == 0) Console.WriteLine(result.BriefReport());
///     return 0;
/// });
/// </code>
/// </example>
public sealed class MpiRuntime : IDisposable
{
    private readonly MPI.Environment environment;

    private MpiRuntime(MPI.Environment environment)
    {
        this.environment = environment;
        World = new MpiCommunicator();
    }

    /// <summary>Every process of the job.</summary>
    public MpiCommunicator World { get; }

    /// <summary>Loads MPI, checks the launcher and initializes MPI (MPI_Init). Call once per process.</summary>
    /// <param name="args">The program's arguments (MPI may read and remove its own).</param>
    /// <exception cref="MpiUnavailableException">
    /// No MPI library is installed, or the program was not started by <c>mpiexec</c>.
    /// </exception>
    public static MpiRuntime Start(ref string[] args)
    {
        MpiLibrary.Register();
        if (!MpiLibrary.IsLaunchedByMpiexec())
            throw new MpiUnavailableException(
                "This program was not started by mpiexec. Start it as 'mpiexec -n <processes> dotnet <program>.dll …' " +
                "(with MPICH on Debian: mpiexec.mpich), or add '-f <host file>' to run across machines.");
        return new MpiRuntime(new MPI.Environment(ref args));
    }

    /// <summary>
    /// Runs <paramref name="main"/> on every process and returns the exit code to give the operating system.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>MPI unavailable: the reason is printed to standard error; exit code 2.</item>
    /// <item>A <see cref="DistributedEvaluationException"/> (a failure every process agreed on inside a collective
    /// evaluation): rank 0 prints it, every process finalizes MPI and exits with code 1.</item>
    /// <item>Any other exception, raised on this process alone: it is printed with the rank, and MPI_Abort ends
    /// every process of the job at once (the others may be waiting in a collective call and would never return).</item>
    /// </list>
    /// </remarks>
    /// <param name="args">The program's arguments.</param>
    /// <param name="main">The program; receives the world communicator and returns the exit code.</param>
    public static int Run(string[] args, Func<MpiCommunicator, int> main)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(main);
        MpiRuntime runtime;
        try
        {
            runtime = Start(ref args);
        }
        catch (MpiUnavailableException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        int rank = runtime.World.Rank;
        try
        {
            int code = main(runtime.World);
            runtime.Dispose();
            return code;
        }
        catch (DistributedEvaluationException e)
        {
            if (rank == 0) Console.Error.WriteLine($"error: {e.Message}");
            runtime.Dispose();
            return 1;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error on rank {rank} of {runtime.World.Size}, ending every process: {e}");
            Console.Error.Flush();
            Console.Out.Flush();
            // mpiexec forwards each process's output through its proxy, and MPI_Abort tears the job down at once:
            // a short pause lets the proxy deliver the message before the abort can discard it.
            Thread.Sleep(AbortGrace);
            MpiCommunicator.Abort(1);
            return 1;
        }
    }

    /// <summary>How long a failing process waits after writing its error before MPI_Abort.</summary>
    private static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>Finalizes MPI (MPI_Finalize). Every process must call it.</summary>
    public void Dispose() => environment.Dispose();
}
