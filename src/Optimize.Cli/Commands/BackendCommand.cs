using System.CommandLine;
using Optimize.Cli.Reports;
using Optimize.LinearAlgebra;

namespace Optimize.Cli.Commands;

/// <summary>
/// <c>optimize backend</c>: which linear-algebra backend serves BLAS and LAPACK in this process (MKL, OpenBLAS or
/// the managed provider), from which file, with how many threads and which CPU kernel, and which backends load here.
/// </summary>
public static class BackendCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="environment">Where it writes.</param>
    public static Command Create(CommandEnvironment environment)
    {
        var backend = new Option<string?>("--backend")
        {
            Description = $"Describe this backend instead of the automatic choice ({LinearAlgebraBackend.BackendVariable} also selects it).",
        };
        backend.AcceptOnlyFromAmong(Enum.GetNames<LinearAlgebraBackendKind>().Select(name => name.ToLowerInvariant()).ToArray());
        var command = new Command("backend", "Report the linear-algebra backend (BLAS/LAPACK library, threads, CPU kernel).") { backend };
        command.SetAction(parsed => OptimizeCommandLine.Guarded(environment, () =>
        {
            LinearAlgebraBackendKind? kind = parsed.GetValue(backend) is string name ? Enum.Parse<LinearAlgebraBackendKind>(name, ignoreCase: true) : null;
            return Run(environment, kind);
        }));
        return command;
    }

    /// <summary>Describes the backend and lists which backends are available.</summary>
    /// <param name="environment">Where to write.</param>
    /// <param name="kind">A backend to describe, or null for the process's automatic choice.</param>
    public static int Run(CommandEnvironment environment, LinearAlgebraBackendKind? kind)
    {
        ArgumentNullException.ThrowIfNull(environment);
        LinearAlgebraBackendDescription description;
        try
        {
            description = kind is LinearAlgebraBackendKind chosen
                ? LinearAlgebraBackend.Create(new LinearAlgebraOptions { Backend = chosen }).Describe()
                : LinearAlgebraBackend.Describe();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }
        var rows = new List<string[]>
        {
            new[] { "backend", description.Backend.ToString() },
            new[] { "selection", description.Selection },
            new[] { "BLAS library", description.LibraryPath ?? "—" },
            new[] { "LAPACK library", description.LapackPath ?? "—" },
            new[] { "threads", description.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new[] { "CPU kernel", description.CpuKernel ?? "—" },
            new[] { "configuration", description.Configuration ?? "—" },
        };
        rows.AddRange(description.Notes.Select(note => new[] { "note", note }));
        rows.Add(new[] { "native operations", description.NativeOperations.Count == 0 ? "—" : string.Join(", ", description.NativeOperations) });
        rows.Add(new[] { "managed operations", description.ManagedOperations.Count == 0 ? "—" : string.Join(", ", description.ManagedOperations) });
        rows.AddRange(Enum.GetValues<LinearAlgebraBackendKind>().Select(k =>
            new[] { $"available: {k}", LinearAlgebraBackend.IsAvailable(k) ? "yes" : "no" }));
        new TextTable("Linear-algebra backend", ["", "value"], rows, new HashSet<int>()).Write(environment.Output);
        return ExitCodes.Success;
    }
}
