using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Optimize.LinearAlgebra;

/// <summary>
/// The processor's vendor string from CPUID leaf 0 (EBX, EDX, ECX: "GenuineIntel", "AuthenticAMD"), which both
/// native libraries consult when they pick their kernels (Intel, <i>Intel 64 and IA-32 Architectures Software
/// Developer's Manual</i>, vol. 2A, CPUID).
/// </summary>
internal static class ProcessorVendor
{
    /// <summary>The vendor string, or null when the processor is not x86.</summary>
    public static readonly string? Name = Read();

    /// <summary>Whether the processor is an Intel one.</summary>
    public static bool IsIntel => Name == "GenuineIntel";

    /// <summary>Whether the processor is an AMD one.</summary>
    public static bool IsAmd => Name == "AuthenticAMD";

    private static string? Read()
    {
        if (!X86Base.IsSupported)
            return null;
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        Span<byte> text = stackalloc byte[12];
        BitConverter.TryWriteBytes(text, ebx);
        BitConverter.TryWriteBytes(text[4..], edx);
        BitConverter.TryWriteBytes(text[8..], ecx);
        return Encoding.ASCII.GetString(text);
    }
}
