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
