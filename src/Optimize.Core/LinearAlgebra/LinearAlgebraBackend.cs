using MathNet.Numerics.Providers.LinearAlgebra;

namespace Optimize.LinearAlgebra;

/// <summary>
/// Chooses the linear-algebra backend of the process and reports it. Automatic selection tries the native
/// libraries in <see cref="AutomaticOrder"/>: on an Intel processor Intel MKL (<c>libmkl_rt.so</c>) first, then
/// OpenBLAS (<c>libopenblas.so.0</c>, with LAPACKE from <c>liblapacke.so.3</c> when OpenBLAS lacks it); on any
/// other processor OpenBLAS first, then MKL; then MathNet's managed provider. <see cref="LinearAlgebraOptions.Backend"/> or the
/// environment variable <c>OPTIMIZE_BLAS</c> (<c>mkl</c>, <c>openblas</c>, <c>managed</c> or <c>auto</c>) names a
/// backend instead; <c>OPTIMIZE_BLAS_THREADS</c> sets the thread count. Before OpenBLAS loads, the CPU kernel is
/// chosen from the processor's instruction sets and written to the native environment as <c>OPENBLAS_CORETYPE</c>,
/// unless the user set that variable.
/// </summary>
public static class LinearAlgebraBackend
{
    /// <summary>The environment variable naming the backend: <c>mkl</c>, <c>openblas</c>, <c>managed</c> or <c>auto</c>.</summary>
    public const string BackendVariable = "OPTIMIZE_BLAS";

    /// <summary>The environment variable giving the backend's thread count.</summary>
    public const string ThreadsVariable = "OPTIMIZE_BLAS_THREADS";

    private static readonly Lock Gate = new();
    private static NativeLinearAlgebraProvider? current;
    private static int fallbackReported;

    /// <summary>The process's provider, selected on first use from the environment (<see cref="BackendVariable"/>, <see cref="ThreadsVariable"/>).</summary>
    public static NativeLinearAlgebraProvider Default
    {
        get
        {
            lock (Gate)
                return current ??= Create(new LinearAlgebraOptions());
        }
    }

    /// <summary>Describes the process's provider: backend, library file, threads, CPU kernel and native operations.</summary>
    public static LinearAlgebraBackendDescription Describe() => Default.Describe();

    /// <summary>Selects the process's provider with <paramref name="options"/>, replacing the current one, and returns it.</summary>
    /// <param name="options">The backend and thread count to use.</param>
    public static NativeLinearAlgebraProvider Use(LinearAlgebraOptions options)
    {
        var provider = Create(options);
        lock (Gate)
            current = provider;
        return provider;
    }

    /// <summary>Makes the process's provider MathNet.Numerics' linear-algebra provider, so <c>Matrix&lt;double&gt;</c> operations run natively.</summary>
    public static NativeLinearAlgebraProvider InstallInMathNet()
    {
        var provider = Default;
        LinearAlgebraControl.Provider = provider;
        return provider;
    }

    /// <summary>Whether the native library of <paramref name="kind"/> loads in this process (always true for the managed provider).</summary>
    /// <param name="kind">The backend to probe.</param>
    public static bool IsAvailable(LinearAlgebraBackendKind kind) =>
        kind == LinearAlgebraBackendKind.Managed || NativeBlasLibrary.Get(kind, null, out _) is not null;

    /// <summary>Creates a provider with <paramref name="options"/> without changing the process's provider.</summary>
    /// <param name="options">The backend and thread count to use.</param>
    /// <exception cref="ArgumentException">
    /// The thread count is not positive, a library path is given without a native backend, or an environment variable has an unknown value.
    /// </exception>
    public static NativeLinearAlgebraProvider Create(LinearAlgebraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threads is int requested)
            Guard.Positive(requested, "options.Threads");
        int? threads = options.Threads ?? ThreadsFromEnvironment();
        if (options.LibraryPath is not null && options.Backend is not (LinearAlgebraBackendKind.Mkl or LinearAlgebraBackendKind.OpenBlas))
            throw new ArgumentException(
                $"options.LibraryPath is '{options.LibraryPath}' but options.Backend is {options.Backend?.ToString() ?? "automatic"}; a library file needs Backend Mkl or OpenBlas.",
                nameof(options));

        var provider = options.Backend is LinearAlgebraBackendKind named
            ? Named(named, options.LibraryPath, $"{named} requested by LinearAlgebraOptions.Backend")
            : Environment.GetEnvironmentVariable(BackendVariable) is { Length: > 0 } variable && !IsAuto(variable)
                ? Named(ParseBackend(variable), null, $"{ParseBackend(variable)} requested by {BackendVariable}={variable}")
                : Automatic();
        if (threads is int count)
            provider.Threads = count;
        return provider;
    }

    private static NativeLinearAlgebraProvider Named(LinearAlgebraBackendKind kind, string? path, string reason)
    {
        if (kind == LinearAlgebraBackendKind.Managed)
            return new NativeLinearAlgebraProvider(null, reason);
        var library = NativeBlasLibrary.Get(kind, path, out string failure);
        if (library is not null)
            return new NativeLinearAlgebraProvider(library, reason);
        return Fallback($"{reason}, but {failure}; falling back to MathNet's managed provider");
    }

    /// <summary>
    /// The native libraries automatic selection tries on this processor, in order. On an Intel processor MKL comes
    /// first. On any other processor OpenBLAS does: MKL picks its kernels by the processor's vendor and gives other
    /// vendors' processors neither its AVX-512 nor its best AVX2 code paths (since MKL 2020 Update 1 no setting
    /// changes that), while OpenBLAS runs the kernel <c>OPENBLAS_CORETYPE</c> names for the instruction sets the
    /// processor has. On a 2-core AMD EPYC (Zen 4) with both libraries on one thread, OpenBLAS 0.3.21's dgemm was
    /// 5–100% faster than MKL 2020.4's at every shape of a 100–200–10 network with a batch of 1000 and at n = 64 to
    /// 2000, and dgemv at 5000 × 1000 within 10% either way.
    /// </summary>
    public static IReadOnlyList<LinearAlgebraBackendKind> AutomaticOrder { get; } = ProcessorVendor.IsIntel
        ? [LinearAlgebraBackendKind.Mkl, LinearAlgebraBackendKind.OpenBlas]
        : [LinearAlgebraBackendKind.OpenBlas, LinearAlgebraBackendKind.Mkl];

    private static NativeLinearAlgebraProvider Automatic()
    {
        string processor = ProcessorVendor.Name is { } vendor ? $"on a {vendor} processor" : "on this processor";
        var failures = new List<string>();
        foreach (var kind in AutomaticOrder)
        {
            var library = NativeBlasLibrary.Get(kind, null, out string failure);
            if (library is not null)
                return new NativeLinearAlgebraProvider(library, failures.Count == 0
                    ? $"automatic: {Name(kind)} is the first choice {processor} and loaded"
                    : $"automatic: {string.Join("; ", failures)}; {Name(kind)} loaded");
            failures.Add($"{Name(kind)} unavailable ({failure})");
        }
        return Fallback($"automatic: no native BLAS ({string.Join("; ", failures)}); using MathNet's managed provider");
    }

    private static string Name(LinearAlgebraBackendKind kind) => kind == LinearAlgebraBackendKind.Mkl ? "Intel MKL" : "OpenBLAS";

    private static NativeLinearAlgebraProvider Fallback(string reason)
    {
        if (Interlocked.Exchange(ref fallbackReported, 1) == 0)
            Console.Error.WriteLine($"Optimize linear algebra: {reason}.");
        return new NativeLinearAlgebraProvider(null, reason);
    }

    private static bool IsAuto(string value) => value.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase);

    private static LinearAlgebraBackendKind ParseBackend(string value) => value.Trim().ToLowerInvariant() switch
    {
        "mkl" => LinearAlgebraBackendKind.Mkl,
        "openblas" => LinearAlgebraBackendKind.OpenBlas,
        "managed" => LinearAlgebraBackendKind.Managed,
        _ => throw new ArgumentException($"{BackendVariable} is '{value}'; expected mkl, openblas, managed or auto.", BackendVariable),
    };

    private static int? ThreadsFromEnvironment()
    {
        string? value = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (int.TryParse(value, out int threads) && threads >= 1)
            return threads;
        throw new ArgumentException($"{ThreadsVariable} is '{value}'; expected a whole number of at least 1.", ThreadsVariable);
    }
}
