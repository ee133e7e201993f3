namespace Optimize.Distributed.Mpi;

/// <summary>
/// MPI cannot be used in this process: no MPI library with MPICH's ABI is installed, the library named by
/// <see cref="MpiLibrary.EnvironmentVariable"/> cannot be loaded, or the program was not started by
/// <c>mpiexec</c>. The message says which, and what to do.
/// </summary>
public sealed class MpiUnavailableException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    /// <param name="message">What is missing and how to provide it.</param>
    public MpiUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with its message and cause.</summary>
    /// <param name="message">What is missing and how to provide it.</param>
    /// <param name="innerException">The loader's error.</param>
    public MpiUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
