using System.Numerics;
using System.Runtime.CompilerServices;

namespace Optimize.AutoDiff.Forward;

/// <summary>
/// A vector-mode dual number: a double primal value with a chunk of tangents, the partial derivatives
/// along <c>TChunk.Length</c> seed directions propagated in one evaluation (Griewank &amp; Walther,
/// <i>Evaluating Derivatives</i>, §3.1 "vector mode"; Ceres's <c>Jet&lt;T, N&gt;</c>; ForwardDiff.jl's chunks).
/// A gradient of n inputs takes ⌈n / Length⌉ evaluations.
/// </summary>
/// <typeparam name="TChunk"><see cref="Chunk2"/>, <see cref="Chunk4"/> or <see cref="Chunk8"/>.</typeparam>
public readonly struct DualVector<TChunk> : IDifferentiableScalar<DualVector<TChunk>, double>
    where TChunk : unmanaged, ITangentChunk<TChunk>
{
    /// <summary>Creates a value with its tangents.</summary>
    /// <param name="value">The primal value.</param>
    /// <param name="tangents">The partial derivatives along the seed directions.</param>
    public DualVector(double value, TChunk tangents)
    {
        Value = value;
        Tangents = tangents;
    }

    /// <inheritdoc/>
    public double Value { get; }

    /// <summary>The partial derivatives along the seed directions.</summary>
    public TChunk Tangents { get; }

    /// <summary>An independent variable seeded with the unit direction <paramref name="direction"/>
    /// (no direction when it lies outside the chunk).</summary>
    /// <param name="value">The primal value.</param>
    /// <param name="direction">The index of its seed direction within the chunk.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualVector<TChunk> Seed(double value, int direction) => new(value, TChunk.Unit(direction));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualVector<TChunk> Constant(double value) => new(value, default);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualVector<TChunk> Unary(DualVector<TChunk> x, double value, double derivative, string operation) =>
        new(value, double.IsFinite(derivative) ? TChunk.Scale(x.Tangents, derivative) : TChunk.ScaleKeepingZeros(x.Tangents, derivative));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualVector<TChunk> Binary(DualVector<TChunk> x, DualVector<TChunk> y, double value, double dx, double dy, string operation) =>
        new(value, double.IsFinite(dx) && double.IsFinite(dy)
            ? TChunk.Combine(x.Tangents, dx, y.Tangents, dy)
            : TChunk.Add(TChunk.ScaleKeepingZeros(x.Tangents, dx), TChunk.ScaleKeepingZeros(y.Tangents, dy)));

    /// <summary>Sum rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualVector<TChunk> operator +(DualVector<TChunk> x, DualVector<TChunk> y) =>
        new(x.Value + y.Value, TChunk.Add(x.Tangents, y.Tangents));

    /// <summary>Difference rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualVector<TChunk> operator -(DualVector<TChunk> x, DualVector<TChunk> y) =>
        new(x.Value - y.Value, TChunk.Subtract(x.Tangents, y.Tangents));

    /// <summary>Product rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualVector<TChunk> operator *(DualVector<TChunk> x, DualVector<TChunk> y) =>
        new(x.Value * y.Value, TChunk.Combine(x.Tangents, y.Value, y.Tangents, x.Value));

    /// <summary>Quotient rule.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualVector<TChunk> operator /(DualVector<TChunk> x, DualVector<TChunk> y)
    {
        double q = x.Value / y.Value, r = 1.0 / y.Value;
        return new(q, TChunk.Combine(x.Tangents, r, y.Tangents, -q * r));
    }

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualVector<TChunk> operator -(DualVector<TChunk> x) => new(-x.Value, TChunk.Scale(x.Tangents, -1.0));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DualVector<TChunk> other && Value.Equals(other.Value);

    /// <summary>The hash of the primal value (equality compares primal values).</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Shows the value and the tangents.</summary>
    public override string ToString()
    {
        var parts = new string[TChunk.Length];
        for (int i = 0; i < parts.Length; i++) parts[i] = Tangents[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return $"{Value} + [{string.Join(", ", parts)}]ε";
    }
}
