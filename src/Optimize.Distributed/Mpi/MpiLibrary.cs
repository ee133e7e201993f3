using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Optimize.Distributed.Mpi;

/// <summary>
/// Loads the MPI library for MPI.NET. MPI.NET imports Microsoft MPI (<c>msmpi.dll</c>); MPICH and the
/// implementations built on it (Intel MPI, MVAPICH) share MS-MPI's binary interface — integer handles and the
/// same constants — so on Linux the import is redirected to MPICH's <c>libmpich.so.12</c> (or to the
/// MPICH-ABI <c>libmpi.so.12</c>). Open MPI's interface differs (pointer handles) and is refused.
/// </summary>
/// <remarks>
/// <para>The library is chosen in this order: the path or file name in the environment variable
/// <see cref="EnvironmentVariable"/>; then each of <see cref="DefaultCandidates"/>. On Windows the import is
/// left to the system (MS-MPI).</para>
/// <para>Registration is process-wide, happens once, and is safe to call from several threads.</para>
/// </remarks>
public static class MpiLibrary
{
    /// <summary>The environment variable that names the MPI library to load: <c>OPTIMIZE_MPI_LIBRARY</c>.</summary>
    public const string EnvironmentVariable = "OPTIMIZE_MPI_LIBRARY";

    private static readonly Lock Gate = new();
    private static IntPtr handle;

    /// <summary>The library file names tried when <see cref="EnvironmentVariable"/> is not set, in order.</summary>
    public static IReadOnlyList<string> DefaultCandidates { get; } = ["libmpich.so.12", "libmpi.so.12"];

    /// <summary>The file name or path of the loaded library; null before <see cref="Register"/> succeeded (and on Windows).</summary>
    public static string? LoadedLibrary { get; private set; }

    /// <summary>The library's own version string (MPI_Get_library_version); null before <see cref="Register"/> succeeded.</summary>
    public static string? LibraryVersion { get; private set; }

    /// <summary>
    /// Loads the MPI library and directs MPI.NET's imports to it. Call before the first MPI.NET call;
    /// <see cref="MpiRuntime.Start"/> calls it. Later calls do nothing.
    /// </summary>
    /// <exception cref="MpiUnavailableException">No usable MPI library could be loaded; the message names what was tried.</exception>
    public static void Register()
    {
        if (OperatingSystem.IsWindows()) return;
        lock (Gate)
        {
            if (handle != IntPtr.Zero) return;
            var (loaded, name) = Load(Environment.GetEnvironmentVariable(EnvironmentVariable));
            string version = Version(loaded, name);
            NativeLibrary.SetDllImportResolver(typeof(MPI.Environment).Assembly, Resolve);
            handle = loaded;
            LoadedLibrary = name;
            LibraryVersion = version;
        }
    }

    /// <summary>
    /// Whether this process was started by an MPI launcher: <c>mpiexec</c> (Hydra's <c>PMI_RANK</c>, <c>PMI_FD</c>),
    /// or a PMIx launcher such as Slurm's <c>srun</c> (<c>PMIX_RANK</c>).
    /// </summary>
    public static bool IsLaunchedByMpiexec() =>
        new[] { "PMI_RANK", "PMI_FD", "PMI_PORT", "PMIX_RANK" }
            .Any(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));

    /// <summary>Loads the requested library, or the first default candidate that loads.</summary>
    internal static (IntPtr Handle, string Name) Load(string? requested) => Load(requested, DefaultCandidates);

    /// <summary>Loads the requested library, or the first of <paramref name="candidates"/> that loads.</summary>
    internal static (IntPtr Handle, string Name) Load(string? requested, IReadOnlyList<string> candidates)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            if (NativeLibrary.TryLoad(requested, out var chosen)) return (chosen, requested);
            throw new MpiUnavailableException(
                $"The MPI library '{requested}' named by {EnvironmentVariable} could not be loaded. " +
                "Set it to the path of an MPICH-compatible library (for example /usr/lib/x86_64-linux-gnu/libmpich.so.12) or unset it.");
        }
        foreach (string candidate in candidates)
            if (NativeLibrary.TryLoad(candidate, out var loaded)) return (loaded, candidate);
        throw new MpiUnavailableException(
            $"No MPI library is installed: none of {string.Join(", ", candidates)} could be loaded. " +
            $"Install MPICH (Debian and Ubuntu: apt-get install mpich), or set {EnvironmentVariable} to the path of an " +
            "MPICH-compatible libmpi. Open MPI is not supported: its binary interface differs from the one MPI.NET expects.");
    }

    /// <summary>The library's version string; refuses Open MPI, whose handles are pointers, not integers.</summary>
    private static unsafe string Version(IntPtr library, string name)
    {
        if (!NativeLibrary.TryGetExport(library, "MPI_Get_library_version", out var export))
            throw new MpiUnavailableException($"'{name}' is not an MPI library: it has no MPI_Get_library_version.");
        var getVersion = (delegate* unmanaged<byte*, int*, int>)export;
        var text = new byte[8192];   // MPI_MAX_LIBRARY_VERSION_STRING of MPICH
        int length = 0;
        fixed (byte* buffer = text) getVersion(buffer, &length);
        string version = Encoding.ASCII.GetString(text, 0, Math.Clamp(length, 0, text.Length)).TrimEnd('\0', '\n', ' ');
        if (version.Contains("Open MPI", StringComparison.OrdinalIgnoreCase))
            throw new MpiUnavailableException(
                $"'{name}' is Open MPI, whose binary interface (pointer handles) differs from the one MPI.NET expects. " +
                $"Install MPICH and point {EnvironmentVariable} at its libmpich.so.12.");
        return version;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName.Contains("msmpi", StringComparison.OrdinalIgnoreCase) ? handle : IntPtr.Zero;
}
