namespace Optimize.Cli.Commands;

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
