namespace Optimize.Distributed;

/// <summary>
/// An evaluation failed on at least one process, and every process of the group knows it: thrown, with the
/// same message, on every process from the same collective call, so that all of them stop together instead
/// of waiting for each other. The message names the first failing rank and its error.
/// </summary>
/// <remarks>
/// A failure is an exception raised by a process's local part (its shard of an objective, its columns of a
/// finite-difference gradient, its starts of a multi-start), or a non-finite local value when the objective
/// was asked to stop on one (<see cref="NonFiniteShards.Stop"/>). <see cref="Mpi.MpiRuntime.Run"/> prints it on
/// rank 0 and ends every process with exit code 1.
/// </remarks>
public sealed class DistributedEvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failedRank">The lowest rank that failed.</param>
    /// <param name="failedProcesses">How many processes failed.</param>
    /// <param name="operation">The collective operation that failed, e.g. "gradient".</param>
    /// <param name="error">The failing rank's error message.</param>
    /// <param name="innerException">The local exception, on the failing rank; null elsewhere.</param>
    public DistributedEvaluationException(int failedRank, int failedProcesses, string operation, string error, Exception? innerException)
        : base($"{operation} failed on rank {failedRank}" +
               (failedProcesses > 1 ? $" (and on {failedProcesses - 1} other process{(failedProcesses > 2 ? "es" : "")})" : "") +
               $": {error}", innerException)
    {
        FailedRank = failedRank;
        FailedProcesses = failedProcesses;
        Operation = operation;
        Error = error;
    }

    /// <summary>The lowest rank that failed.</summary>
    public int FailedRank { get; }

    /// <summary>How many processes failed.</summary>
    public int FailedProcesses { get; }

    /// <summary>The collective operation that failed.</summary>
    public string Operation { get; }

    /// <summary>The failing rank's error message.</summary>
    public string Error { get; }
}
