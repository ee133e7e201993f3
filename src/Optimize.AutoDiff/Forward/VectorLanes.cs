using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Optimize.AutoDiff.Forward;

/// <summary>Setting one lane of a zero vector, with out-of-range lanes left at zero.</summary>
internal static class VectorLanes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> WithElementChecked(this Vector256<double> zero, int index) =>
        (uint)index < 4 ? zero.WithElement(index, 1.0) : zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> WithElementChecked(this Vector512<double> zero, int index) =>
        (uint)index < 8 ? zero.WithElement(index, 1.0) : zero;
}
