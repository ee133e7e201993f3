using System.Numerics;
using System.Runtime.CompilerServices;
using Optimize.AutoDiff.Reverse;

namespace Optimize.AutoDiff.Forward;

/// <summary>
/// A dual number v + v̇·ε with ε² = 0: forward-mode automatic differentiation along one direction
/// (Griewank &amp; Walther, <i>Evaluating Derivatives</i>, §3.1, tangent propagation). Evaluating a
/// function on duals seeded with (xᵢ, pᵢ) yields f(x) in <see cref="Value"/> and the directional
/// derivative ∇f(x)·p (a JVP) in <see cref="Tangent"/>.
/// </summary>
/// <typeparam name="T">
/// The primal type: <see cref="double"/>, or another AD type for nested derivatives —
/// <c>Dual&lt;Variable&gt;</c> (forward over reverse: Hessian-vector products),
/// <c>Dual&lt;Dual&lt;double&gt;&gt;</c> (forward over forward: second directional derivatives).
/// The nesting level is part of the type, so perturbations of different levels cannot be confused
/// (Siskind &amp; Pearlmutter, "Perturbation confusion and referential transparency", 2005).
/// </typeparam>
public readonly struct Dual<T> : IDifferentiableScalar<Dual<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <summary>Creates v + v̇·ε.</summary>
    /// <param name="value">The primal value v.</param>
    /// <param name="tangent">The tangent v̇.</param>
    public Dual(T value, T tangent)
    {
        Value = value;
        Tangent = tangent;
    }

    /// <inheritdoc/>
    public T Value { get; }

    /// <summary>The tangent v̇: the derivative of this value along the seeded direction.</summary>
    public T Tangent { get; }

    /// <summary>Embeds a primal value as a constant (zero tangent), lifting it one nesting level.</summary>
    /// <param name="value">The primal value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator Dual<T>(T value) => new(value, T.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Constant(T value) => new(value, T.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Unary(Dual<T> x, T value, T derivative, string operation) => new(value, Along(derivative, x.Tangent));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Binary(Dual<T> x, Dual<T> y, T value, T dx, T dy, string operation) =>
        new(value, Along(dx, x.Tangent) + Along(dy, y.Tangent));

    /// <summary>
    /// d·ṫ, where a zero double tangent contributes exactly zero also when d is infinite or NaN: a value that does
    /// not move along the direction (a constant such as the base of 0^y, or √0) adds nothing to the derivative.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Along(T derivative, T tangent) =>
        typeof(T) == typeof(double) && !T.IsFinite(derivative) && T.IsZero(tangent) ? T.Zero : derivative * tangent;

    /// <summary>Sum rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator +(Dual<T> x, Dual<T> y) => new(x.Value + y.Value, x.Tangent + y.Tangent);

    /// <summary>Difference rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(Dual<T> x, Dual<T> y) => new(x.Value - y.Value, x.Tangent - y.Tangent);

    /// <summary>Product rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator *(Dual<T> x, Dual<T> y) => new(x.Value * y.Value, x.Tangent * y.Value + x.Value * y.Tangent);

    /// <summary>Quotient rule: (x/y)˙ = (ẋ − (x/y)·ẏ)/y.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator /(Dual<T> x, Dual<T> y)
    {
        T q = x.Value / y.Value;
        return new(q, (x.Tangent - q * y.Tangent) / y.Value);
    }

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(Dual<T> x) => new(-x.Value, -x.Tangent);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Dual<T> other && Value.Equals(other.Value);

    /// <summary>The hash of the primal value (equality compares primal values).</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Shows the value and the tangent, e.g. "3 + 2ε".</summary>
    public override string ToString() => $"{Value} + {Tangent}ε";
}
