using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Optimize.AutoDiff.Separable;

namespace Optimize.AutoDiff.Forward;

/// <summary>
/// A vector-mode dual number with two tangent directions whose primal value is kept broadcast across a 128-bit
/// register next to the two tangents: the same numbers as <c>DualVector&lt;Chunk2&gt;</c> (Griewank &amp; Walther,
/// §3.1 vector mode), but a product is a vector product and a multiply-add, fused where the hardware can (xy, ẋ·y + ẏ·x) with no scalar-to-vector
/// broadcast in between. Sums of terms use it for terms of at most two variables, where those broadcasts are a
/// large part of the work.
/// </summary>
internal readonly struct PairTangentDual : IDifferentiableScalar<PairTangentDual, double>
{
    /// <summary>The primal value in both lanes.</summary>
    private readonly Vector128<double> value;

    private PairTangentDual(Vector128<double> value, Vector128<double> tangents)
    {
        this.value = value;
        Tangents = tangents;
    }

    /// <inheritdoc/>
    public double Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => value.ToScalar();
    }

    /// <summary>The partial derivatives along the two seed directions.</summary>
    public Vector128<double> Tangents { get; }

    /// <summary>An independent variable seeded along the first direction, tangents (1, 0).</summary>
    /// <param name="value">The primal value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairTangentDual First(double value) => new(Vector128.Create(value), Vector128.Create(1.0, 0.0));

    /// <summary>An independent variable seeded along the second direction, tangents (0, 1).</summary>
    /// <param name="value">The primal value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairTangentDual Second(double value) => new(Vector128.Create(value), Vector128.Create(0.0, 1.0));

    /// <summary>
    /// The two local variables of a term, seeded along the first and the second direction, their values still to
    /// be set by <see cref="Reseed"/>: the seeds are constants, so a loop over terms writes them once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TermPair<PairTangentDual> Seeds()
    {
        TermPair<PairTangentDual> pair = default;
        pair[0] = First(0);
        pair[1] = Second(0);
        return pair;
    }

    /// <summary>Sets the value of a seeded variable and keeps its tangents.</summary>
    /// <param name="variable">The variable.</param>
    /// <param name="value">Its new primal value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Reseed(ref PairTangentDual variable, double value) => Unsafe.AsRef(in variable.value) = Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairTangentDual Constant(double value) => new(Vector128.Create(value), Vector128<double>.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairTangentDual Unary(PairTangentDual x, double value, double derivative, string operation) =>
        new(Vector128.Create(value), Along(x.Tangents, derivative));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairTangentDual Binary(PairTangentDual x, PairTangentDual y, double value, double dx, double dy, string operation) =>
        new(Vector128.Create(value), double.IsFinite(dx) && double.IsFinite(dy)
            ? Vector128.MultiplyAddEstimate(x.Tangents, Vector128.Create(dx), y.Tangents * dy)
            : Along(x.Tangents, dx) + Along(y.Tangents, dy));

    /// <summary>s·t with zero tangents kept exactly zero, also where s is infinite or NaN (see <see cref="ITangentChunk{TSelf}.ScaleKeepingZeros"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Along(Vector128<double> t, double s) =>
        double.IsFinite(s) ? t * s : Vector128.ConditionalSelect(Vector128.Equals(t, Vector128<double>.Zero), Vector128<double>.Zero, t * s);

    /// <summary>Sum rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairTangentDual operator +(PairTangentDual x, PairTangentDual y) => new(x.value + y.value, x.Tangents + y.Tangents);

    /// <summary>Difference rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairTangentDual operator -(PairTangentDual x, PairTangentDual y) => new(x.value - y.value, x.Tangents - y.Tangents);

    /// <summary>Product rule, in the order of <c>DualVector</c>'s (ẋ·y + ẏ·x), so both give the same numbers.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairTangentDual operator *(PairTangentDual x, PairTangentDual y) =>
        new(x.value * y.value, Vector128.MultiplyAddEstimate(x.Tangents, y.value, y.Tangents * x.value));

    /// <summary>Quotient rule, (x/y)˙ = ẋ·(1/y) + ẏ·(−(x/y)·(1/y)), as <c>DualVector</c> forms it.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairTangentDual operator /(PairTangentDual x, PairTangentDual y)
    {
        Vector128<double> q = x.value / y.value, r = Vector128<double>.One / y.value;
        return new(q, Vector128.MultiplyAddEstimate(x.Tangents, r, y.Tangents * (-q * r)));
    }

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairTangentDual operator -(PairTangentDual x) => new(-x.value, -x.Tangents);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PairTangentDual other && Value.Equals(other.Value);

    /// <summary>The hash of the primal value (equality compares primal values).</summary>
    public override int GetHashCode() => Value.GetHashCode();
}
