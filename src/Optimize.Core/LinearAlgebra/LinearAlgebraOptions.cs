namespace Optimize.LinearAlgebra;

/// <summary>How <see cref="LinearAlgebraBackend"/> chooses and configures the backend.</summary>
public sealed record LinearAlgebraOptions
{
    /// <summary>
    /// The backend to use, or null (the default) for the environment variable <c>OPTIMIZE_BLAS</c> and then the
    /// automatic order MKL → OpenBLAS → managed. A named native backend that cannot load falls back to the managed provider.
    /// </summary>
    public LinearAlgebraBackendKind? Backend { get; init; }

    /// <summary>
    /// The native library file to load for <see cref="Backend"/> (MKL or OpenBLAS) instead of the standard names,
    /// e.g. an MKL from another installation; null (the default) for the standard names.
    /// </summary>
    public string? LibraryPath { get; init; }

    /// <summary>
    /// Threads for the backend, or null to keep <c>OPTIMIZE_BLAS_THREADS</c> or, without it, the library's default.
    /// A native library's thread count is shared by every provider on that library.
    /// </summary>
    public int? Threads { get; init; }
}
