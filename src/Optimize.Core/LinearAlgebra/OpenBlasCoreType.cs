using System.Runtime.Intrinsics.X86;

namespace Optimize.LinearAlgebra;

/// <summary>
/// Chooses OpenBLAS's CPU kernel (the <c>OPENBLAS_CORETYPE</c> value) from the instruction sets the
/// processor reports. OpenBLAS 0.3.21 (Debian 12) detects CPUs newer than its tables as a generic
/// core and then runs dgemm several times slower; naming the kernel before the library loads avoids
/// that. The names are those of OpenBLAS's DYNAMIC_ARCH targets (<c>driver/others/dynamic.c</c>).
/// </summary>
internal static class OpenBlasCoreType
{
    /// <summary>The environment variable OpenBLAS reads once, when it loads.</summary>
    public const string Variable = "OPENBLAS_CORETYPE";

    /// <summary>
    /// The kernel for this processor and the instruction sets that justify it, or null when the
    /// processor is not x86-64 or has no AVX, in which case OpenBLAS's own detection is kept.
    /// </summary>
    public static (string CoreType, string Reason)? ForThisProcessor()
    {
        if (!X86Base.IsSupported)
            return null;
        if (Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported)
        {
            // AVX512-BF16 (CPUID leaf 7, sub-leaf 1, EAX bit 5) marks Cooper Lake and later, AMD Zen 4 included;
            // OpenBLAS's Cooperlake target is SkylakeX plus bfloat16 kernels, identical in double precision.
            bool bfloat16 = (X86Base.CpuId(7, 1).Eax & (1 << 5)) != 0;
            return bfloat16
                ? ("Cooperlake", "AVX-512 F/BW/DQ/VL and AVX512-BF16")
                : ("SkylakeX", "AVX-512 F/BW/DQ/VL");
        }
        if (Avx2.IsSupported && Fma.IsSupported)
            return ProcessorVendor.IsAmd ? ("Zen", "AVX2 and FMA on an AMD processor") : ("Haswell", "AVX2 and FMA");
        if (Avx.IsSupported)
            return ("Sandybridge", "AVX");
        return null;
    }
}
