using Spectre.Console;

namespace Optimize.Cli.Commands;

/// <summary>
/// Where a command writes and what it may show: the output and error consoles, whether a progress
/// display is wanted, and the token that Ctrl-C signals.
/// </summary>
/// <param name="Output">Tables and reports.</param>
/// <param name="Error">Errors, hints and the progress display.</param>
/// <param name="OutputWriter">The raw writer behind <paramref name="Output"/>, for plain text.</param>
/// <param name="ErrorWriter">The raw writer behind <paramref name="Error"/>.</param>
/// <param name="ShowProgress">Whether to draw progress on <paramref name="Error"/> (only on an interactive terminal).</param>
/// <param name="CancellationToken">Signalled by Ctrl-C.</param>
public sealed record CommandEnvironment(
    IAnsiConsole Output, IAnsiConsole Error, TextWriter OutputWriter, TextWriter ErrorWriter,
    bool ShowProgress, CancellationToken CancellationToken)
{
    /// <summary>The width used when the output is not a terminal, wide enough that tables never wrap.</summary>
    public const int RedirectedWidth = 240;

    /// <summary>The process's console: colours and progress only where a terminal is attached.</summary>
    /// <param name="cancellationToken">Signalled by Ctrl-C.</param>
    public static CommandEnvironment ForProcess(CancellationToken cancellationToken)
    {
        var output = CreateConsole(Console.Out, Console.IsOutputRedirected);
        var error = CreateConsole(Console.Error, Console.IsErrorRedirected);
        return new CommandEnvironment(output, error, Console.Out, Console.Error,
            ShowProgress: !Console.IsErrorRedirected, cancellationToken);
    }

    /// <summary>Plain writers (tests, files): no colours, no progress, fixed width.</summary>
    /// <param name="output">Receives tables and reports.</param>
    /// <param name="error">Receives errors and hints.</param>
    /// <param name="cancellationToken">Stops long runs.</param>
    public static CommandEnvironment ForWriters(TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        new(CreateConsole(output, redirected: true), CreateConsole(error, redirected: true), output, error,
            ShowProgress: false, cancellationToken);

    private static IAnsiConsole CreateConsole(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
