using Optimize.Cli.Commands;

namespace Optimize.Cli;

/// <summary>The entry point of the <c>optimize</c> command.</summary>
public static class Program
{
    /// <summary>
    /// Runs the command on the process's console. Ctrl-C requests a clean stop: the running solver
    /// returns its current iterate with <c>Cancelled</c>, and the command prints what it has.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <returns>0 on success, 1 when a run did not converge or a check failed, 2 on a usage error.</returns>
    public static int Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl-C stops the work and lets the command print partial results;
            // a second one ends the process.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var terminal = CommandEnvironment.ForProcess(cancellation.Token);
            return OptimizeCommandLine.Invoke(args, terminal);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// Runs the command in-process with the given writers (no colours, no progress display), as tests do.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Receives tables and reports.</param>
    /// <param name="error">Receives errors and usage hints.</param>
    /// <param name="cancellationToken">Stops long runs; they print their partial results.</param>
    /// <returns>0 on success, 1 when a run did not converge or a check failed, 2 on a usage error.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return OptimizeCommandLine.Invoke(args, CommandEnvironment.ForWriters(output, error, cancellationToken));
    }
}
