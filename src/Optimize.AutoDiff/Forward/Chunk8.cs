using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Optimize.AutoDiff.Forward;

/// <summary>Eight tangent directions in one 512-bit register (two 256-bit halves where AVX-512 is absent).</summary>
public readonly struct Chunk8 : ITangentChunk<Chunk8>
{
    private readonly Vector512<double> v;
    private Chunk8(Vector512<double> v) => this.v = v;

    /// <inheritdoc/>
    public static int Length => 8;

    /// <inheritdoc/>
    public double this[int index] => v.GetElement(index);

    /// <inheritdoc/>
    public void CopyTo(Span<double> destination) => v.CopyTo(destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk8 Unit(int index) => new(Vector512.Create(0.0).WithElementChecked(index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk8 Add(Chunk8 a, Chunk8 b) => new(a.v + b.v);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk8 Subtract(Chunk8 a, Chunk8 b) => new(a.v - b.v);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk8 Scale(Chunk8 a, double s) => new(a.v * s);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk8 Combine(Chunk8 a, double s, Chunk8 b, double t) => new(a.v * s + b.v * t);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk8 ScaleKeepingZeros(Chunk8 a, double s) =>
        new(Vector512.ConditionalSelect(Vector512.Equals(a.v, Vector512<double>.Zero), Vector512<double>.Zero, a.v * s));
}
