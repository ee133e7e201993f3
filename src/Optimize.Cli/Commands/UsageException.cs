namespace Optimize.Cli.Commands;

/// <summary>
/// A command line that names something that does not exist or asks for an impossible combination;
/// the message says what to choose instead. The command exits with <see cref="ExitCodes.UsageError"/>.
/// </summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what the valid choices are.</param>
    public UsageException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What was wrong and what the valid choices are.</param>
    /// <param name="inner">The exception that revealed the problem.</param>
    public UsageException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The exit codes of the <c>optimize</c> command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (and every solve converged, every check passed).</summary>
    public const int Success = 0;

    /// <summary>A solve did not converge (or was cancelled), or a derivative check failed.</summary>
    public const int NotConverged = 1;

    /// <summary>The command line was wrong: unknown verb, option, problem, method or source, or an impossible combination.</summary>
    public const int UsageError = 2;
}
