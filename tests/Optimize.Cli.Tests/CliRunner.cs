using Optimize.Cli;

namespace Optimize.Cli.Tests;

/// <summary>Runs the optimize command in-process and captures its output.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome Run(params string[] args) => Run(CancellationToken.None, args);

    public static Outcome Run(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = Program.Run(args, output, error, cancellationToken);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>The value cell of the two-column result table's row labelled <paramref name="label"/>.</summary>
    public static string Cell(string output, string label)
    {
        var line = Assert.Single(output.Split('\n'), l => l.Split('│', StringSplitOptions.TrimEntries) is { Length: > 2 } cells && cells[1] == label);
        return line.Split('│', StringSplitOptions.TrimEntries)[2];
    }
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "optimize-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
