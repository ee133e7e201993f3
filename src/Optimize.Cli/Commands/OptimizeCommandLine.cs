using System.CommandLine;
using Spectre.Console;

namespace Optimize.Cli.Commands;

/// <summary>
/// The verbs of the <c>optimize</c> command (System.CommandLine), each delegating to a testable command class
/// that writes to the environment's consoles and returns an exit code.
/// </summary>
public static class OptimizeCommandLine
{
    /// <summary>Builds the root command with every verb bound to <paramref name="environment"/>.</summary>
    /// <param name="environment">Where the verbs write, and the Ctrl-C token.</param>
    public static RootCommand Build(CommandEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = new RootCommand(
            "optimize: solve the built-in test problems, compare derivative sources (hand-coded, finite differences, " +
            "automatic and symbolic differentiation) and minimizers, trace AD, check gradients, benchmark.");
        root.Subcommands.Add(ProblemsCommand.Create(environment));
        root.Subcommands.Add(SolveCommand.Create(environment));
        root.Subcommands.Add(CompareCommand.Create(environment));
        root.Subcommands.Add(LeastSquaresCommand.Create(environment));
        root.Subcommands.Add(StandardSetCommand.Create(environment));
        root.Subcommands.Add(BenchCommand.Create(environment));
        root.Subcommands.Add(CheckCommand.Create(environment));
        root.Subcommands.Add(TraceCommand.Create(environment));
        root.Subcommands.Add(BackendCommand.Create(environment));
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. Parse errors print the errors and a help hint and return
    /// <see cref="ExitCodes.UsageError"/>; a verb's <see cref="UsageException"/> prints its message and does the same.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">Where to write.</param>
    public static int Invoke(string[] args, CommandEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var root = Build(environment);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) environment.ErrorWriter.WriteLine($"error: {error.Message}");
            environment.ErrorWriter.WriteLine($"Run '{string.Join(' ', CommandPath(parsed).Prepend("optimize").Append("--help"))}' for usage.");
            return ExitCodes.UsageError;
        }
        // Ctrl-C is handled by the caller's token (Program.Main), not by System.CommandLine's own handler.
        return parsed.Invoke(new InvocationConfiguration
        {
            Output = environment.OutputWriter,
            Error = environment.ErrorWriter,
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        });
    }

    /// <summary>Wraps a verb's body: a <see cref="UsageException"/> becomes a message and <see cref="ExitCodes.UsageError"/>.</summary>
    /// <param name="environment">Where to write the message.</param>
    /// <param name="body">The verb.</param>
    public static int Guarded(CommandEnvironment environment, Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (UsageException e)
        {
            environment.ErrorWriter.WriteLine($"error: {e.Message}");
            return ExitCodes.UsageError;
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            names.Insert(0, result.Command.Name);
        return names;
    }
}
