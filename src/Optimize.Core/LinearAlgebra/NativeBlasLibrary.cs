using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Optimize.LinearAlgebra;

/// <summary>
/// One loaded native BLAS/LAPACK library: its handle, the CBLAS and LAPACKE entry points as unmanaged
/// function pointers, and its thread controls. Each library file is loaded at most once per process
/// (native libraries are never unloaded), with its own handle, so MKL and OpenBLAS can live side by side.
/// </summary>
/// <remarks>
/// Integers are 32-bit (the LP64 interface); matrices are column-major, as in MathNet.Numerics.
/// Entry points follow the CBLAS standard (<c>cblas.h</c>) and LAPACKE (<c>lapacke.h</c>, LAPACK 3.x).
/// </remarks>
internal sealed unsafe class NativeBlasLibrary
{
    private static readonly ConcurrentDictionary<(LinearAlgebraBackendKind Kind, string? Path), Lazy<(NativeBlasLibrary? Library, string Failure)>> Loads = new();

    private static readonly string[] MklNames = ["libmkl_rt.so", "libmkl_rt.so.2", "libmkl_rt.so.1"];
    private static readonly string[] OpenBlasNames = ["libopenblas.so.0", "libopenblas.so"];
    private static readonly string[] LapackeNames = ["liblapacke.so.3", "liblapacke.so"];

    private readonly delegate* unmanaged<int, void> setThreads;
    private readonly delegate* unmanaged<int> getThreads;

    /// <summary>The CBLAS level-1 to level-3 routines used by the provider.</summary>
    public readonly CblasRoutines Blas;

    /// <summary>The LAPACKE routines, or null when no LAPACKE interface was found next to the BLAS.</summary>
    public readonly LapackeRoutines? Lapack;

    private NativeBlasLibrary(LinearAlgebraBackendKind kind, nint handle, nint lapackHandle, List<string> notes)
    {
        Kind = kind;
        Notes = notes;
        Blas = new CblasRoutines(handle);
        if (lapackHandle != 0)
            Lapack = new LapackeRoutines(lapackHandle);
        LibraryPath = NativeProcess.FileOf(NativeLibrary.GetExport(handle, "cblas_dgemm")) ?? "(unknown)";
        if (Lapack is not null)
        {
            LapackPath = NativeProcess.FileOf(NativeLibrary.GetExport(lapackHandle, "LAPACKE_dgetrf")) ?? "(unknown)";
            if (NativeLibrary.TryGetExport(lapackHandle, "dgetrf_", out nint fortran))
            {
                string? lapackCode = NativeProcess.FileOf(fortran);
                if (lapackCode is not null && lapackCode != LapackPath)
                    LapackPath += $" (LAPACK routines from {lapackCode})";
            }
        }

        if (kind == LinearAlgebraBackendKind.Mkl)
        {
            setThreads = (delegate* unmanaged<int, void>)NativeLibrary.GetExport(handle, "MKL_Set_Num_Threads");
            getThreads = (delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "MKL_Get_Max_Threads");
            var buffer = stackalloc byte[256];
            ((delegate* unmanaged<byte*, int, void>)NativeLibrary.GetExport(handle, "MKL_Get_Version_String"))(buffer, 256);
            Configuration = Marshal.PtrToStringUTF8((nint)buffer)?.Trim();
        }
        else
        {
            setThreads = (delegate* unmanaged<int, void>)NativeLibrary.GetExport(handle, "openblas_set_num_threads");
            getThreads = (delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "openblas_get_num_threads");
            CpuKernel = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)NativeLibrary.GetExport(handle, "openblas_get_corename"))());
            Configuration = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)NativeLibrary.GetExport(handle, "openblas_get_config"))())?.Trim();
        }

        // LAPACKE scans every input matrix for NaN by default and then refuses to run; the managed provider lets
        // NaN propagate into the result, and so do we (solvers detect non-finite values themselves).
        if (lapackHandle != 0 && NativeLibrary.TryGetExport(lapackHandle, "LAPACKE_set_nancheck", out nint nanCheck))
            ((delegate* unmanaged<int, void>)nanCheck)(0);
    }

    /// <summary>Which library this is.</summary>
    public LinearAlgebraBackendKind Kind { get; }

    /// <summary>The file that provides CBLAS, symbolic links resolved.</summary>
    public string LibraryPath { get; }

    /// <summary>The file that provides LAPACKE (and, if different, the LAPACK code behind it); null without LAPACKE.</summary>
    public string? LapackPath { get; }

    /// <summary>OpenBLAS's CPU kernel (<c>openblas_get_corename</c>); null for MKL.</summary>
    public string? CpuKernel { get; }

    /// <summary>OpenBLAS's build configuration or MKL's version string.</summary>
    public string? Configuration { get; }

    /// <summary>The environment decisions taken while loading (kernel, threading layer), for the report.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The library's thread count; shared by every provider that uses this library.</summary>
    public int Threads
    {
        get => getThreads();
        set
        {
            Guard.Positive(value, nameof(value));
            setThreads(value);
        }
    }

    /// <summary>
    /// The library of <paramref name="kind"/>, loading it on first use from <paramref name="path"/> or, when that is
    /// null, from the standard file names; null with the reason when it cannot load.
    /// </summary>
    public static NativeBlasLibrary? Get(LinearAlgebraBackendKind kind, string? path, out string failure)
    {
        if (kind == LinearAlgebraBackendKind.Managed)
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only MKL and OpenBLAS are native libraries.");
        var load = Loads.GetOrAdd((kind, path), key => new(() => Load(key.Kind, key.Path))).Value;
        failure = load.Failure;
        return load.Library;
    }

    private static (NativeBlasLibrary? Library, string Failure) Load(LinearAlgebraBackendKind kind, string? path)
    {
        var notes = new List<string>();
        try
        {
            return kind == LinearAlgebraBackendKind.Mkl
                ? LoadMkl(path is null ? MklNames : [path], notes)
                : LoadOpenBlas(path is null ? OpenBlasNames : [path], notes);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or InvalidOperationException)
        {
            return (null, $"{kind} could not be initialized: {e.Message}");
        }
    }

    private static (NativeBlasLibrary?, string) LoadMkl(string[] names, List<string> notes)
    {
        if (!TryLoadFirst(names, out nint handle))
            return (null, NotLoaded(names));

        // mkl_rt picks its OpenMP runtime at the first call. Debian installs MKL without Intel's libiomp5 unless
        // recommended packages are installed, and the default (Intel) layer then fails on the first threaded
        // call; GNU OpenMP (libgomp, loaded globally so MKL can resolve it) is the layer that works there.
        const string layerVariable = "MKL_THREADING_LAYER";
        string? userLayer = NativeProcess.Variable(layerVariable);
        if (userLayer is not null)
        {
            notes.Add($"{layerVariable}={userLayer} set by the user");
        }
        else
        {
            var setLayer = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(handle, "MKL_Set_Threading_Layer");
            // Values of MKL_THREADING_INTEL, _SEQUENTIAL and _GNU in mkl_service.h.
            if (NativeProcess.LoadGlobally("libiomp5.so"))
            {
                setLayer(0);
                notes.Add("MKL threading layer: Intel OpenMP (libiomp5)");
            }
            else if (NativeProcess.LoadGlobally("libgomp.so.1"))
            {
                setLayer(3);
                notes.Add("MKL threading layer: GNU OpenMP (libgomp), since Intel's libiomp5 is not installed");
            }
            else
            {
                setLayer(1);
                notes.Add("MKL threading layer: sequential, since neither libiomp5 nor libgomp is installed");
            }
        }

        // MKL_INTERFACE_LP64 = 0: 32-bit integers, whatever MKL_INTERFACE_LAYER says.
        ((delegate* unmanaged<int, int>)NativeLibrary.GetExport(handle, "MKL_Set_Interface_Layer"))(0);

        // MKL 2020 Update 1 and later ignore MKL_DEBUG_CPU_TYPE and choose their AMD code path themselves;
        // measured on AMD EPYC (Zen 4) with MKL 2020.4, setting it to 5 changed neither dgemm nor dgetrf/dsyevd.
        string? debugCpu = NativeProcess.Variable("MKL_DEBUG_CPU_TYPE");
        if (debugCpu is not null)
            notes.Add($"MKL_DEBUG_CPU_TYPE={debugCpu} set by the user (ignored by MKL 2020 Update 1 and later)");

        return (new NativeBlasLibrary(LinearAlgebraBackendKind.Mkl, handle, handle, notes), "");
    }

    private static (NativeBlasLibrary?, string) LoadOpenBlas(string[] names, List<string> notes)
    {
        string? userCore = NativeProcess.Variable(OpenBlasCoreType.Variable);
        if (userCore is not null)
        {
            notes.Add($"{OpenBlasCoreType.Variable}={userCore} set by the user");
        }
        else if (OpenBlasCoreType.ForThisProcessor() is var (coreType, reason))
        {
            NativeProcess.SetVariable(OpenBlasCoreType.Variable, coreType);
            notes.Add($"{OpenBlasCoreType.Variable}={coreType} set by Optimize ({reason})");
        }

        if (!TryLoadFirst(names, out nint handle))
            return (null, NotLoaded(names));

        nint lapackHandle = NativeLibrary.TryGetExport(handle, "LAPACKE_dgetrf", out _) ? handle
            : TryLoadFirst(LapackeNames, out nint lapacke) ? lapacke : 0;
        if (lapackHandle == 0)
            notes.Add($"no LAPACKE in OpenBLAS nor in {string.Join(", ", LapackeNames)}: factorizations use the managed provider");
        return (new NativeBlasLibrary(LinearAlgebraBackendKind.OpenBlas, handle, lapackHandle, notes), "");
    }

    private static string NotLoaded(string[] names) =>
        names.Length == 1 ? $"{names[0]} could not be loaded" : $"none of {string.Join(", ", names)} could be loaded";

    private static bool TryLoadFirst(string[] names, out nint handle)
    {
        foreach (string name in names)
            if (NativeLibrary.TryLoad(name, out handle))
                return true;
        handle = 0;
        return false;
    }
}
