using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Optimize.AutoDiff;

/// <summary>
/// A fixed-size block of tangent components carried by <see cref="DualVector{TChunk}"/>: the partial
/// derivatives along several seed directions at once (the "vector mode" of Griewank &amp; Walther, §3.1,
/// and the chunks of ForwardDiff.jl). Implementations are SIMD registers, so one operation updates every
/// direction.
/// </summary>
/// <typeparam name="TSelf">The implementing chunk type.</typeparam>
public interface ITangentChunk<TSelf> where TSelf : struct, ITangentChunk<TSelf>
{
    /// <summary>The number of directions carried.</summary>
    static abstract int Length { get; }

    /// <summary>Component <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; Length.</param>
    double this[int index] { get; }

    /// <summary>Writes the components into <paramref name="destination"/> (at least Length long).</summary>
    /// <param name="destination">The destination.</param>
    void CopyTo(Span<double> destination);

    /// <summary>The unit vector e_<paramref name="index"/> (all zeros when index is outside the chunk).</summary>
    /// <param name="index">The seeded component.</param>
    static abstract TSelf Unit(int index);

    /// <summary>a + b.</summary>
    /// <param name="a">First chunk.</param>
    /// <param name="b">Second chunk.</param>
    static abstract TSelf Add(TSelf a, TSelf b);

    /// <summary>a − b.</summary>
    /// <param name="a">First chunk.</param>
    /// <param name="b">Second chunk.</param>
    static abstract TSelf Subtract(TSelf a, TSelf b);

    /// <summary>s·a.</summary>
    /// <param name="a">The chunk.</param>
    /// <param name="s">The scale.</param>
    static abstract TSelf Scale(TSelf a, double s);

    /// <summary>s·a + t·b.</summary>
    /// <param name="a">First chunk.</param>
    /// <param name="s">Its scale.</param>
    /// <param name="b">Second chunk.</param>
    /// <param name="t">Its scale.</param>
    static abstract TSelf Combine(TSelf a, double s, TSelf b, double t);

    /// <summary>
    /// s·a with zero entries of a kept exactly zero, also where s is infinite or NaN: a direction along which
    /// a value does not move contributes nothing (0^y at y &lt; 1, √ at 0 of a constant).
    /// </summary>
    /// <param name="a">The chunk.</param>
    /// <param name="s">The scale.</param>
    static abstract TSelf ScaleKeepingZeros(TSelf a, double s);
}

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
