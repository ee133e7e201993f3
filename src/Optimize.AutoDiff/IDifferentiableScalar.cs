using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using Optimize.AutoDiff.Trace;

namespace Optimize.AutoDiff;

/// <summary>
/// The generic scalar contract shared by every automatic-differentiation number type of the toolkit
/// (<see cref="Dual{T}"/>, <see cref="DualVector{TChunk}"/>, <see cref="Variable"/>,
/// <see cref="ComplexScalar"/>, <see cref="TracedScalar"/>). A type states four things — its primal
/// value, how to embed a constant, and the chain rule for a unary and a binary elementary operation —
/// and this interface supplies the whole of <see cref="IFloatingPointIeee754{TSelf}"/> from them, so a
/// function written once as <c>T F&lt;T&gt;(ReadOnlySpan&lt;T&gt; x) where T : IFloatingPointIeee754&lt;T&gt;</c>
/// runs on every type.
/// </summary>
/// <typeparam name="TSelf">The implementing number type.</typeparam>
/// <typeparam name="TPrimal">The type of its primal value (double, or another AD type when nested).</typeparam>
/// <remarks>
/// <para>Derivative rules are those of Griewank &amp; Walther, <i>Evaluating Derivatives</i> (2nd ed., SIAM 2008),
/// Table 2.3 and §3: every elementary function φ contributes its value φ(v) and local partial φ′(v),
/// and the implementing type propagates them (tangent × φ′ in forward mode, a tape node in reverse mode).</para>
/// <para>Members without a meaningful derivative act on the primal value: predicates (IsNaN, IsInteger, …),
/// comparisons and equality (so branches in user code follow the primal computation), parsing (the parsed
/// number is a constant), formatting (the primal is formatted), the bit-level members of
/// <see cref="IFloatingPoint{TSelf}"/> (exponent and significand of the primal), ILogB and conversions to
/// other number types (the derivative part is dropped). Rounding functions (Round, Floor, Ceiling,
/// Truncate) are piecewise constant and return constants. Non-smooth points use these one-sided choices:
/// Abs′(0) = 0 (and NaN at NaN), Max/Min at a tie follow the first argument, Pow(x, y) has ∂/∂y = 0 where x ≤ 0
/// and ∂/∂x = 0 at 0⁰. These conventions are stated once, for every implementation of the rules, in
/// docs/derivative-rules.md.</para>
/// </remarks>
public interface IDifferentiableScalar<TSelf, TPrimal> : IFloatingPointIeee754<TSelf>
    where TSelf : struct, IDifferentiableScalar<TSelf, TPrimal>
    where TPrimal : IFloatingPointIeee754<TPrimal>
{
    /// <summary>The primal value (the number the computation would have produced over <typeparamref name="TPrimal"/>).</summary>
    TPrimal Value { get; }

    /// <summary>Embeds a constant: a number whose derivative part is zero.</summary>
    /// <param name="value">The primal value.</param>
    static abstract TSelf Constant(TPrimal value);

    /// <summary>The chain rule for a unary elementary function φ applied to <paramref name="x"/>.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="value">φ(x.Value).</param>
    /// <param name="derivative">φ′(x.Value).</param>
    /// <param name="operation">The function's name, kept by types that record a readable trace.</param>
    static abstract TSelf Unary(TSelf x, TPrimal value, TPrimal derivative, string operation);

    /// <summary>The chain rule for a binary elementary function φ applied to <paramref name="x"/>, <paramref name="y"/>.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <param name="value">φ(x.Value, y.Value).</param>
    /// <param name="dx">∂φ/∂x at the primal values.</param>
    /// <param name="dy">∂φ/∂y at the primal values.</param>
    /// <param name="operation">The function's name, kept by types that record a readable trace.</param>
    static abstract TSelf Binary(TSelf x, TSelf y, TPrimal value, TPrimal dx, TPrimal dy, string operation);

    // ---- constants -----------------------------------------------------------------------------

    static TSelf INumberBase<TSelf>.One { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TSelf.Constant(TPrimal.One); }
    static TSelf INumberBase<TSelf>.Zero { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TSelf.Constant(TPrimal.Zero); }
    static int INumberBase<TSelf>.Radix { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TPrimal.Radix; }
    static TSelf IAdditiveIdentity<TSelf, TSelf>.AdditiveIdentity { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TSelf.Constant(TPrimal.Zero); }
    static TSelf IMultiplicativeIdentity<TSelf, TSelf>.MultiplicativeIdentity { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TSelf.Constant(TPrimal.One); }
    static TSelf ISignedNumber<TSelf>.NegativeOne { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TSelf.Constant(TPrimal.NegativeOne); }
    static TSelf IFloatingPointConstants<TSelf>.E { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TSelf.Constant(TPrimal.E); }
    static TSelf IFloatingPointConstants<TSelf>.Pi { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TSelf.Constant(TPrimal.Pi); }
    static TSelf IFloatingPointConstants<TSelf>.Tau { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TSelf.Constant(TPrimal.Tau); }
    static TSelf IFloatingPointIeee754<TSelf>.Epsilon => TSelf.Constant(TPrimal.Epsilon);
    static TSelf IFloatingPointIeee754<TSelf>.NaN => TSelf.Constant(TPrimal.NaN);
    static TSelf IFloatingPointIeee754<TSelf>.NegativeInfinity => TSelf.Constant(TPrimal.NegativeInfinity);
    static TSelf IFloatingPointIeee754<TSelf>.NegativeZero => TSelf.Constant(TPrimal.NegativeZero);
    static TSelf IFloatingPointIeee754<TSelf>.PositiveInfinity => TSelf.Constant(TPrimal.PositiveInfinity);

    // ---- predicates on the primal value ----------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsCanonical(TSelf value) => TPrimal.IsCanonical(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsComplexNumber(TSelf value) => TPrimal.IsComplexNumber(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsEvenInteger(TSelf value) => TPrimal.IsEvenInteger(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsFinite(TSelf value) => TPrimal.IsFinite(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsImaginaryNumber(TSelf value) => TPrimal.IsImaginaryNumber(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsInfinity(TSelf value) => TPrimal.IsInfinity(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsInteger(TSelf value) => TPrimal.IsInteger(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsNaN(TSelf value) => TPrimal.IsNaN(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsNegative(TSelf value) => TPrimal.IsNegative(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsNegativeInfinity(TSelf value) => TPrimal.IsNegativeInfinity(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsNormal(TSelf value) => TPrimal.IsNormal(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsOddInteger(TSelf value) => TPrimal.IsOddInteger(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsPositive(TSelf value) => TPrimal.IsPositive(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsPositiveInfinity(TSelf value) => TPrimal.IsPositiveInfinity(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsRealNumber(TSelf value) => TPrimal.IsRealNumber(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsSubnormal(TSelf value) => TPrimal.IsSubnormal(value.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.IsZero(TSelf value) => TPrimal.IsZero(value.Value);
    static int IFloatingPointIeee754<TSelf>.ILogB(TSelf x) => TPrimal.ILogB(x.Value);

    // ---- comparison and equality on the primal value ---------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool IComparisonOperators<TSelf, TSelf, bool>.operator <(TSelf left, TSelf right) => left.Value < right.Value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool IComparisonOperators<TSelf, TSelf, bool>.operator >(TSelf left, TSelf right) => left.Value > right.Value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool IComparisonOperators<TSelf, TSelf, bool>.operator <=(TSelf left, TSelf right) => left.Value <= right.Value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool IComparisonOperators<TSelf, TSelf, bool>.operator >=(TSelf left, TSelf right) => left.Value >= right.Value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool IEqualityOperators<TSelf, TSelf, bool>.operator ==(TSelf left, TSelf right) => left.Value == right.Value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool IEqualityOperators<TSelf, TSelf, bool>.operator !=(TSelf left, TSelf right) => left.Value != right.Value;
    bool IEquatable<TSelf>.Equals(TSelf other) => Value.Equals(other.Value);
    int IComparable<TSelf>.CompareTo(TSelf other) => Value.CompareTo(other.Value);

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        TSelf other => Value.CompareTo(other.Value),
        _ => throw new ArgumentException($"obj is a {obj.GetType().Name}; expected a {typeof(TSelf).Name}.", nameof(obj)),
    };

    // ---- arithmetic shared by every type ---------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf IUnaryPlusOperators<TSelf, TSelf>.operator +(TSelf value) => value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf IIncrementOperators<TSelf>.operator ++(TSelf value) => TSelf.Unary(value, value.Value + TPrimal.One, TPrimal.One, "+1");
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf IDecrementOperators<TSelf>.operator --(TSelf value) => TSelf.Unary(value, value.Value - TPrimal.One, TPrimal.One, "-1");

    static TSelf IModulusOperators<TSelf, TSelf, TSelf>.operator %(TSelf left, TSelf right) =>
        TSelf.Binary(left, right, left.Value % right.Value, TPrimal.One, -TPrimal.Truncate(left.Value / right.Value), "%");

    static TSelf IFloatingPointIeee754<TSelf>.Ieee754Remainder(TSelf left, TSelf right) =>
        TSelf.Binary(left, right, TPrimal.Ieee754Remainder(left.Value, right.Value), TPrimal.One,
            -TPrimal.Round(left.Value / right.Value, MidpointRounding.ToEven), "remainder");

    /// <remarks>The product is not fused on derivative types; it is a·b + c evaluated with the type's operators.</remarks>
    static TSelf IFloatingPointIeee754<TSelf>.FusedMultiplyAdd(TSelf left, TSelf right, TSelf addend) => left * right + addend;

    static TSelf IFloatingPointIeee754<TSelf>.ScaleB(TSelf x, int n) =>
        TSelf.Unary(x, TPrimal.ScaleB(x.Value, n), TPrimal.ScaleB(TPrimal.One, n), "scaleb");
    static TSelf IFloatingPointIeee754<TSelf>.BitIncrement(TSelf x) => TSelf.Unary(x, TPrimal.BitIncrement(x.Value), TPrimal.One, "bitincrement");
    static TSelf IFloatingPointIeee754<TSelf>.BitDecrement(TSelf x) => TSelf.Unary(x, TPrimal.BitDecrement(x.Value), TPrimal.One, "bitdecrement");
    static TSelf IFloatingPoint<TSelf>.Round(TSelf x, int digits, MidpointRounding mode) => TSelf.Constant(TPrimal.Round(x.Value, digits, mode));

    // ---- selection: the derivative of the selected argument --------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf INumberBase<TSelf>.Abs(TSelf value)
    {
        TPrimal v = value.Value;
        TPrimal sign = v > TPrimal.Zero ? TPrimal.One : v < TPrimal.Zero ? TPrimal.NegativeOne : TPrimal.IsNaN(v) ? v : TPrimal.Zero;
        return TSelf.Unary(value, TPrimal.Abs(v), sign, "abs");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf INumberBase<TSelf>.MaxMagnitude(TSelf x, TSelf y) => TPrimal.MaxMagnitude(x.Value, y.Value) == x.Value ? x : y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf INumberBase<TSelf>.MaxMagnitudeNumber(TSelf x, TSelf y) => TPrimal.MaxMagnitudeNumber(x.Value, y.Value) == x.Value ? x : y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf INumberBase<TSelf>.MinMagnitude(TSelf x, TSelf y) => TPrimal.MinMagnitude(x.Value, y.Value) == x.Value ? x : y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf INumberBase<TSelf>.MinMagnitudeNumber(TSelf x, TSelf y) => TPrimal.MinMagnitudeNumber(x.Value, y.Value) == x.Value ? x : y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf INumber<TSelf>.Max(TSelf x, TSelf y) => TPrimal.IsNaN(x.Value) || x.Value >= y.Value ? x : y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf INumber<TSelf>.Min(TSelf x, TSelf y) => TPrimal.IsNaN(x.Value) || x.Value <= y.Value ? x : y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf INumber<TSelf>.MaxNumber(TSelf x, TSelf y) => TPrimal.IsNaN(y.Value) || x.Value >= y.Value ? x : y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf INumber<TSelf>.MinNumber(TSelf x, TSelf y) => TPrimal.IsNaN(y.Value) || x.Value <= y.Value ? x : y;

    // ---- powers and roots ------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf IRootFunctions<TSelf>.Sqrt(TSelf x)
    {
        TPrimal s = TPrimal.Sqrt(x.Value);
        return TSelf.Unary(x, s, TPrimal.One / (s + s), "sqrt");
    }

    static TSelf IRootFunctions<TSelf>.Cbrt(TSelf x)
    {
        TPrimal c = TPrimal.Cbrt(x.Value);
        return TSelf.Unary(x, c, TPrimal.One / (TPrimal.CreateTruncating(3) * c * c), "cbrt");
    }

    static TSelf IRootFunctions<TSelf>.RootN(TSelf x, int n)
    {
        TPrimal r = TPrimal.RootN(x.Value, n);
        return TSelf.Unary(x, r, TPrimal.Pow(r, TPrimal.CreateTruncating(1 - n)) / TPrimal.CreateTruncating(n), "rootn");
    }

    static TSelf IRootFunctions<TSelf>.Hypot(TSelf x, TSelf y)
    {
        TPrimal h = TPrimal.Hypot(x.Value, y.Value);
        if (TPrimal.IsZero(h)) return TSelf.Binary(x, y, h, TPrimal.Zero, TPrimal.Zero, "hypot");
        return TSelf.Binary(x, y, h, x.Value / h, y.Value / h, "hypot");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf IPowerFunctions<TSelf>.Pow(TSelf x, TSelf y)
    {
        TPrimal a = x.Value, b = y.Value, p = TPrimal.Pow(a, b);
        // Only the singular point 0⁰ is special-cased: a shortcut on b = 0 alone would drop the second
        // derivative ∂²(xʸ)/∂x∂y = x^(y−1) that nested modes need there.
        TPrimal dx = TPrimal.IsZero(b) && TPrimal.IsZero(a) ? TPrimal.Zero : b * TPrimal.Pow(a, b - TPrimal.One);
        TPrimal dy = a > TPrimal.Zero ? p * TPrimal.Log(a) : TPrimal.Zero;
        return TSelf.Binary(x, y, p, dx, dy, "pow");
    }

    // ---- exponentials and logarithms -------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf IExponentialFunctions<TSelf>.Exp(TSelf x)
    {
        TPrimal e = TPrimal.Exp(x.Value);
        return TSelf.Unary(x, e, e, "exp");
    }

    static TSelf IExponentialFunctions<TSelf>.Exp2(TSelf x)
    {
        TPrimal e = TPrimal.Exp2(x.Value);
        return TSelf.Unary(x, e, e * TPrimal.Log(TPrimal.CreateTruncating(2)), "exp2");
    }

    static TSelf IExponentialFunctions<TSelf>.Exp10(TSelf x)
    {
        TPrimal e = TPrimal.Exp10(x.Value);
        return TSelf.Unary(x, e, e * TPrimal.Log(TPrimal.CreateTruncating(10)), "exp10");
    }

    static TSelf IExponentialFunctions<TSelf>.ExpM1(TSelf x) => TSelf.Unary(x, TPrimal.ExpM1(x.Value), TPrimal.Exp(x.Value), "expm1");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf ILogarithmicFunctions<TSelf>.Log(TSelf x) => TSelf.Unary(x, TPrimal.Log(x.Value), TPrimal.One / x.Value, "log");

    static TSelf ILogarithmicFunctions<TSelf>.Log(TSelf x, TSelf newBase)
    {
        TPrimal lnX = TPrimal.Log(x.Value), lnB = TPrimal.Log(newBase.Value), q = lnX / lnB;
        return TSelf.Binary(x, newBase, q, TPrimal.One / (x.Value * lnB), -q / (newBase.Value * lnB), "logb");
    }

    static TSelf ILogarithmicFunctions<TSelf>.Log2(TSelf x) =>
        TSelf.Unary(x, TPrimal.Log2(x.Value), TPrimal.One / (x.Value * TPrimal.Log(TPrimal.CreateTruncating(2))), "log2");

    static TSelf ILogarithmicFunctions<TSelf>.Log10(TSelf x) =>
        TSelf.Unary(x, TPrimal.Log10(x.Value), TPrimal.One / (x.Value * TPrimal.Log(TPrimal.CreateTruncating(10))), "log10");

    static TSelf ILogarithmicFunctions<TSelf>.LogP1(TSelf x) => TSelf.Unary(x, TPrimal.LogP1(x.Value), TPrimal.One / (x.Value + TPrimal.One), "log1p");

    // ---- trigonometric ---------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf ITrigonometricFunctions<TSelf>.Sin(TSelf x) => TSelf.Unary(x, TPrimal.Sin(x.Value), TPrimal.Cos(x.Value), "sin");
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TSelf ITrigonometricFunctions<TSelf>.Cos(TSelf x) => TSelf.Unary(x, TPrimal.Cos(x.Value), -TPrimal.Sin(x.Value), "cos");

    static TSelf ITrigonometricFunctions<TSelf>.Tan(TSelf x)
    {
        TPrimal t = TPrimal.Tan(x.Value);
        return TSelf.Unary(x, t, TPrimal.One + t * t, "tan");
    }

    static (TSelf Sin, TSelf Cos) ITrigonometricFunctions<TSelf>.SinCos(TSelf x)
    {
        (TPrimal s, TPrimal c) = TPrimal.SinCos(x.Value);
        return (TSelf.Unary(x, s, c, "sin"), TSelf.Unary(x, c, -s, "cos"));
    }

    static TSelf ITrigonometricFunctions<TSelf>.Asin(TSelf x) =>
        TSelf.Unary(x, TPrimal.Asin(x.Value), TPrimal.One / TPrimal.Sqrt(TPrimal.One - x.Value * x.Value), "asin");

    static TSelf ITrigonometricFunctions<TSelf>.Acos(TSelf x) =>
        TSelf.Unary(x, TPrimal.Acos(x.Value), -TPrimal.One / TPrimal.Sqrt(TPrimal.One - x.Value * x.Value), "acos");

    static TSelf ITrigonometricFunctions<TSelf>.Atan(TSelf x) =>
        TSelf.Unary(x, TPrimal.Atan(x.Value), TPrimal.One / (TPrimal.One + x.Value * x.Value), "atan");

    static TSelf IFloatingPointIeee754<TSelf>.Atan2(TSelf y, TSelf x)
    {
        TPrimal r2 = x.Value * x.Value + y.Value * y.Value;
        return TSelf.Binary(y, x, TPrimal.Atan2(y.Value, x.Value), x.Value / r2, -y.Value / r2, "atan2");
    }

    static TSelf ITrigonometricFunctions<TSelf>.SinPi(TSelf x) => TSelf.Unary(x, TPrimal.SinPi(x.Value), TPrimal.Pi * TPrimal.CosPi(x.Value), "sinpi");
    static TSelf ITrigonometricFunctions<TSelf>.CosPi(TSelf x) => TSelf.Unary(x, TPrimal.CosPi(x.Value), -TPrimal.Pi * TPrimal.SinPi(x.Value), "cospi");

    static TSelf ITrigonometricFunctions<TSelf>.TanPi(TSelf x)
    {
        TPrimal t = TPrimal.TanPi(x.Value);
        return TSelf.Unary(x, t, TPrimal.Pi * (TPrimal.One + t * t), "tanpi");
    }

    static (TSelf SinPi, TSelf CosPi) ITrigonometricFunctions<TSelf>.SinCosPi(TSelf x)
    {
        (TPrimal s, TPrimal c) = TPrimal.SinCosPi(x.Value);
        return (TSelf.Unary(x, s, TPrimal.Pi * c, "sinpi"), TSelf.Unary(x, c, -TPrimal.Pi * s, "cospi"));
    }

    static TSelf ITrigonometricFunctions<TSelf>.AsinPi(TSelf x) =>
        TSelf.Unary(x, TPrimal.AsinPi(x.Value), TPrimal.One / (TPrimal.Pi * TPrimal.Sqrt(TPrimal.One - x.Value * x.Value)), "asinpi");

    static TSelf ITrigonometricFunctions<TSelf>.AcosPi(TSelf x) =>
        TSelf.Unary(x, TPrimal.AcosPi(x.Value), -TPrimal.One / (TPrimal.Pi * TPrimal.Sqrt(TPrimal.One - x.Value * x.Value)), "acospi");

    static TSelf ITrigonometricFunctions<TSelf>.AtanPi(TSelf x) =>
        TSelf.Unary(x, TPrimal.AtanPi(x.Value), TPrimal.One / (TPrimal.Pi * (TPrimal.One + x.Value * x.Value)), "atanpi");

    static TSelf IFloatingPointIeee754<TSelf>.Atan2Pi(TSelf y, TSelf x)
    {
        TPrimal r2 = TPrimal.Pi * (x.Value * x.Value + y.Value * y.Value);
        return TSelf.Binary(y, x, TPrimal.Atan2Pi(y.Value, x.Value), x.Value / r2, -y.Value / r2, "atan2pi");
    }

    // ---- hyperbolic ------------------------------------------------------------------------------

    static TSelf IHyperbolicFunctions<TSelf>.Sinh(TSelf x) => TSelf.Unary(x, TPrimal.Sinh(x.Value), TPrimal.Cosh(x.Value), "sinh");
    static TSelf IHyperbolicFunctions<TSelf>.Cosh(TSelf x) => TSelf.Unary(x, TPrimal.Cosh(x.Value), TPrimal.Sinh(x.Value), "cosh");

    static TSelf IHyperbolicFunctions<TSelf>.Tanh(TSelf x)
    {
        TPrimal t = TPrimal.Tanh(x.Value);
        return TSelf.Unary(x, t, TPrimal.One - t * t, "tanh");
    }

    static TSelf IHyperbolicFunctions<TSelf>.Asinh(TSelf x) =>
        TSelf.Unary(x, TPrimal.Asinh(x.Value), TPrimal.One / TPrimal.Sqrt(x.Value * x.Value + TPrimal.One), "asinh");

    static TSelf IHyperbolicFunctions<TSelf>.Acosh(TSelf x) =>
        TSelf.Unary(x, TPrimal.Acosh(x.Value), TPrimal.One / TPrimal.Sqrt(x.Value * x.Value - TPrimal.One), "acosh");

    static TSelf IHyperbolicFunctions<TSelf>.Atanh(TSelf x) =>
        TSelf.Unary(x, TPrimal.Atanh(x.Value), TPrimal.One / (TPrimal.One - x.Value * x.Value), "atanh");

    // ---- conversions: constants in, primal out ---------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.TryConvertFromChecked<TOther>(TOther value, out TSelf result) =>
        ScalarConversion.TryFrom<TSelf, TPrimal, TOther>(value, ScalarConversion.Mode.Checked, out result);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.TryConvertFromSaturating<TOther>(TOther value, out TSelf result) =>
        ScalarConversion.TryFrom<TSelf, TPrimal, TOther>(value, ScalarConversion.Mode.Saturating, out result);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.TryConvertFromTruncating<TOther>(TOther value, out TSelf result) =>
        ScalarConversion.TryFrom<TSelf, TPrimal, TOther>(value, ScalarConversion.Mode.Truncating, out result);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.TryConvertToChecked<TOther>(TSelf value, out TOther result) =>
        ScalarConversion.TryTo(value.Value, ScalarConversion.Mode.Checked, out result);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.TryConvertToSaturating<TOther>(TSelf value, out TOther result) =>
        ScalarConversion.TryTo(value.Value, ScalarConversion.Mode.Saturating, out result);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool INumberBase<TSelf>.TryConvertToTruncating<TOther>(TSelf value, out TOther result) =>
        ScalarConversion.TryTo(value.Value, ScalarConversion.Mode.Truncating, out result);

    // ---- parsing (a constant) and formatting (the primal) -----------------------------------------

    static TSelf INumberBase<TSelf>.Parse(string s, NumberStyles style, IFormatProvider? provider) => TSelf.Constant(TPrimal.Parse(s, style, provider));
    static TSelf INumberBase<TSelf>.Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => TSelf.Constant(TPrimal.Parse(s, style, provider));
    static TSelf IParsable<TSelf>.Parse(string s, IFormatProvider? provider) => TSelf.Constant(TPrimal.Parse(s, provider));
    static TSelf ISpanParsable<TSelf>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => TSelf.Constant(TPrimal.Parse(s, provider));

    static bool INumberBase<TSelf>.TryParse(string? s, NumberStyles style, IFormatProvider? provider, out TSelf result) =>
        Parsed(TPrimal.TryParse(s, style, provider, out TPrimal? primal), primal!, out result);
    static bool INumberBase<TSelf>.TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out TSelf result) =>
        Parsed(TPrimal.TryParse(s, style, provider, out TPrimal? primal), primal!, out result);
    static bool IParsable<TSelf>.TryParse(string? s, IFormatProvider? provider, out TSelf result) =>
        Parsed(TPrimal.TryParse(s, provider, out TPrimal? primal), primal!, out result);
    static bool ISpanParsable<TSelf>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out TSelf result) =>
        Parsed(TPrimal.TryParse(s, provider, out TPrimal? primal), primal!, out result);

    private static bool Parsed(bool success, TPrimal primal, out TSelf result)
    {
        result = success ? TSelf.Constant(primal) : default;
        return success;
    }

    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format, formatProvider);

    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Value.TryFormat(destination, out charsWritten, format, provider);

    // ---- bit-level members of the primal -----------------------------------------------------------

    int IFloatingPoint<TSelf>.GetExponentByteCount() => Value.GetExponentByteCount();
    int IFloatingPoint<TSelf>.GetExponentShortestBitLength() => Value.GetExponentShortestBitLength();
    int IFloatingPoint<TSelf>.GetSignificandBitLength() => Value.GetSignificandBitLength();
    int IFloatingPoint<TSelf>.GetSignificandByteCount() => Value.GetSignificandByteCount();
    bool IFloatingPoint<TSelf>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) => Value.TryWriteExponentBigEndian(destination, out bytesWritten);
    bool IFloatingPoint<TSelf>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) => Value.TryWriteExponentLittleEndian(destination, out bytesWritten);
    bool IFloatingPoint<TSelf>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) => Value.TryWriteSignificandBigEndian(destination, out bytesWritten);
    bool IFloatingPoint<TSelf>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) => Value.TryWriteSignificandLittleEndian(destination, out bytesWritten);
}

/// <summary>Conversions between the AD number types and the standard .NET number types.</summary>
internal static class ScalarConversion
{
    internal enum Mode { Checked, Saturating, Truncating }

    /// <summary>Whether <typeparamref name="T"/> is one of the BCL's primitive-like number types (folded by the JIT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsStandard<T>() =>
        typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(int) || typeof(T) == typeof(long)
        || typeof(T) == typeof(short) || typeof(T) == typeof(sbyte) || typeof(T) == typeof(byte) || typeof(T) == typeof(ushort)
        || typeof(T) == typeof(uint) || typeof(T) == typeof(ulong) || typeof(T) == typeof(nint) || typeof(T) == typeof(nuint)
        || typeof(T) == typeof(Half) || typeof(T) == typeof(decimal) || typeof(T) == typeof(Int128) || typeof(T) == typeof(UInt128)
        || typeof(T) == typeof(char) || typeof(T) == typeof(BigInteger) || typeof(T) == typeof(System.Runtime.InteropServices.NFloat);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo Convert<TTo, TFrom>(TFrom value, Mode mode)
        where TTo : INumberBase<TTo> where TFrom : INumberBase<TFrom> => mode switch
        {
            Mode.Checked => TTo.CreateChecked(value),
            Mode.Saturating => TTo.CreateSaturating(value),
            _ => TTo.CreateTruncating(value),
        };

    /// <summary>A standard number or a primal becomes a constant; other types are declined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryFrom<TSelf, TPrimal, TOther>(TOther value, Mode mode, out TSelf result)
        where TSelf : struct, IDifferentiableScalar<TSelf, TPrimal>
        where TPrimal : IFloatingPointIeee754<TPrimal>
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(TPrimal))
        {
            result = TSelf.Constant(Unsafe.As<TOther, TPrimal>(ref value));
            return true;
        }
        if (IsStandard<TOther>())
        {
            result = TSelf.Constant(Convert<TPrimal, TOther>(value, mode));
            return true;
        }
        result = default;
        return false;
    }

    /// <summary>The primal converted to a standard number (the derivative part is dropped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryTo<TPrimal, TOther>(TPrimal primal, Mode mode, out TOther result)
        where TPrimal : IFloatingPointIeee754<TPrimal>
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(TPrimal))
        {
            result = Unsafe.As<TPrimal, TOther>(ref primal);
            return true;
        }
        if (IsStandard<TOther>())
        {
            result = Convert<TOther, TPrimal>(primal, mode);
            return true;
        }
        result = default!;
        return false;
    }
}
