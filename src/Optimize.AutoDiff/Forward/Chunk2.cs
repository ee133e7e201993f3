using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Optimize.AutoDiff.Forward;

/// <summary>Two tangent directions in one 128-bit register.</summary>
public readonly struct Chunk2 : ITangentChunk<Chunk2>
{
    private readonly Vector128<double> v;
    private Chunk2(Vector128<double> v) => this.v = v;

    /// <inheritdoc/>
    public static int Length => 2;

    /// <inheritdoc/>
    public double this[int index] => v.GetElement(index);

    /// <inheritdoc/>
    public void CopyTo(Span<double> destination) => v.CopyTo(destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk2 Unit(int index) => new(Vector128.Create(index == 0 ? 1.0 : 0.0, index == 1 ? 1.0 : 0.0));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk2 Add(Chunk2 a, Chunk2 b) => new(a.v + b.v);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk2 Subtract(Chunk2 a, Chunk2 b) => new(a.v - b.v);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk2 Scale(Chunk2 a, double s) => new(a.v * s);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk2 Combine(Chunk2 a, double s, Chunk2 b, double t) => new(a.v * s + b.v * t);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk2 ScaleKeepingZeros(Chunk2 a, double s) =>
        new(Vector128.ConditionalSelect(Vector128.Equals(a.v, Vector128<double>.Zero), Vector128<double>.Zero, a.v * s));
}
