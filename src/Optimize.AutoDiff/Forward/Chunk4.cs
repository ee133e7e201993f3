using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Optimize.AutoDiff.Forward;

/// <summary>Four tangent directions in one 256-bit register.</summary>
public readonly struct Chunk4 : ITangentChunk<Chunk4>
{
    private readonly Vector256<double> v;
    private Chunk4(Vector256<double> v) => this.v = v;

    /// <inheritdoc/>
    public static int Length => 4;

    /// <inheritdoc/>
    public double this[int index] => v.GetElement(index);

    /// <inheritdoc/>
    public void CopyTo(Span<double> destination) => v.CopyTo(destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk4 Unit(int index) => new(Vector256.Create(0.0).WithElementChecked(index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk4 Add(Chunk4 a, Chunk4 b) => new(a.v + b.v);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk4 Subtract(Chunk4 a, Chunk4 b) => new(a.v - b.v);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk4 Scale(Chunk4 a, double s) => new(a.v * s);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk4 Combine(Chunk4 a, double s, Chunk4 b, double t) => new(a.v * s + b.v * t);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk4 ScaleKeepingZeros(Chunk4 a, double s) =>
        new(Vector256.ConditionalSelect(Vector256.Equals(a.v, Vector256<double>.Zero), Vector256<double>.Zero, a.v * s));
}
