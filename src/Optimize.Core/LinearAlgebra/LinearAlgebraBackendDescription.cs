using System.Text;

namespace Optimize.LinearAlgebra;

/// <summary>What serves double-precision linear algebra in this process, as reported by <see cref="LinearAlgebraBackend.Describe"/>.</summary>
/// <param name="Backend">The backend in use.</param>
/// <param name="LibraryPath">The native file providing CBLAS (symbolic links resolved); null for the managed provider.</param>
/// <param name="LapackPath">The native file providing LAPACKE and, if different, the LAPACK code behind it; null without LAPACKE.</param>
/// <param name="Threads">How many threads the backend uses.</param>
/// <param name="CpuKernel">OpenBLAS's CPU kernel (<c>openblas_get_corename</c>); null for MKL and the managed provider.</param>
/// <param name="Configuration">OpenBLAS's build configuration (<c>openblas_get_config</c>) or MKL's version string.</param>
/// <param name="Selection">Why this backend was chosen, including any fallback and its cause.</param>
/// <param name="Notes">Environment decisions taken while loading (OPENBLAS_CORETYPE, MKL threading layer).</param>
/// <param name="NativeOperations">Operations that run natively, each with its CBLAS/LAPACKE routine.</param>
/// <param name="ManagedOperations">Operations that run in MathNet's managed provider.</param>
public sealed record LinearAlgebraBackendDescription(
    LinearAlgebraBackendKind Backend,
    string? LibraryPath,
    string? LapackPath,
    int Threads,
    string? CpuKernel,
    string? Configuration,
    string Selection,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> NativeOperations,
    IReadOnlyList<string> ManagedOperations)
{
    /// <summary>One line: backend, file, threads and kernel.</summary>
    public string Summary =>
        $"{Backend}" + (LibraryPath is null ? "" : $" ({LibraryPath})") + $", {Threads} thread{(Threads == 1 ? "" : "s")}"
        + (CpuKernel is null ? "" : $", kernel {CpuKernel}") + $"; {NativeOperations.Count} native operations";

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Backend:        {Backend}");
        text.AppendLine($"Selection:      {Selection}");
        if (LibraryPath is not null)
            text.AppendLine($"BLAS library:   {LibraryPath}");
        if (LapackPath is not null)
            text.AppendLine($"LAPACK library: {LapackPath}");
        text.AppendLine($"Threads:        {Threads}");
        if (CpuKernel is not null)
            text.AppendLine($"CPU kernel:     {CpuKernel}");
        if (Configuration is not null)
            text.AppendLine($"Configuration:  {Configuration}");
        foreach (string note in Notes)
            text.AppendLine($"Note:           {note}");
        text.AppendLine($"Native ({NativeOperations.Count}):");
        foreach (string operation in NativeOperations)
            text.AppendLine($"  {operation}");
        text.AppendLine("Managed:");
        foreach (string operation in ManagedOperations)
            text.AppendLine($"  {operation}");
        return text.ToString();
    }
}
