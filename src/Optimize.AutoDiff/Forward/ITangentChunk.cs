using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Optimize.AutoDiff.Forward;

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
