using System.Numerics;
using System.Runtime.CompilerServices;

namespace Optimize.AutoDiff.Forward;

/// <summary>
/// A complex number a + ib with true complex arithmetic, as a generic scalar for complex-step
/// differentiation (Squire &amp; Trapp, "Using complex variables to estimate derivatives of real functions",
/// SIAM Review 40, 1998; Martins, Sturdza &amp; Alonso, ACM TOMS 29, 2003): for an analytic f,
/// f′(x) = Im f(x + ih) / h + O(h²), with no subtractive cancellation, so h = 1e-20 gives f′ to round-off.
/// </summary>
/// <remarks>
/// <para>Arithmetic, Sqrt, Exp, Log, Log10, Sin, Cos, Tan, Asin, Acos, Sinh, Cosh, Tanh and Pow are
/// evaluated in complex arithmetic (<see cref="Complex"/>); Pow with a real integer exponent multiplies
/// (exact for negative bases). The remaining functions (Atan among them: <see cref="Complex.Atan"/>
/// loses the tiny imaginary part to cancellation) use the first-order expansion
/// f(a) + i·b·f′(a), which equals the analytic continuation up to O(b²), far below round-off for a step b = h.</para>
/// <para>As the complex-step method requires (Martins et al., §3.3), comparisons, Min and Max act on the real
/// part, and Abs is the analytic continuation sign(a)·z rather than the modulus.</para>
/// </remarks>
public readonly struct ComplexScalar : IDifferentiableScalar<ComplexScalar, double>
{
    /// <summary>Creates a + ib.</summary>
    /// <param name="real">The real part a.</param>
    /// <param name="imaginary">The imaginary part b.</param>
    public ComplexScalar(double real, double imaginary)
    {
        Value = real;
        Imaginary = imaginary;
    }

    private ComplexScalar(Complex z) : this(z.Real, z.Imaginary) { }

    /// <summary>The real part a (the primal value).</summary>
    public double Value { get; }

    /// <summary>The imaginary part b.</summary>
    public double Imaginary { get; }

    private Complex AsComplex => new(Value, Imaginary);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ComplexScalar Constant(double value) => new(value, 0);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ComplexScalar Unary(ComplexScalar x, double value, double derivative, string operation) =>
        new(value, derivative * x.Imaginary);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ComplexScalar Binary(ComplexScalar x, ComplexScalar y, double value, double dx, double dy, string operation) =>
        new(value, dx * x.Imaginary + dy * y.Imaginary);

    /// <summary>Complex sum.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ComplexScalar operator +(ComplexScalar x, ComplexScalar y) => new(x.Value + y.Value, x.Imaginary + y.Imaginary);

    /// <summary>Complex difference.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ComplexScalar operator -(ComplexScalar x, ComplexScalar y) => new(x.Value - y.Value, x.Imaginary - y.Imaginary);

    /// <summary>Complex product.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ComplexScalar operator *(ComplexScalar x, ComplexScalar y) =>
        new(x.Value * y.Value - x.Imaginary * y.Imaginary, x.Value * y.Imaginary + x.Imaginary * y.Value);

    /// <summary>Complex quotient (Smith's algorithm, as <see cref="Complex"/> implements it).</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ComplexScalar operator /(ComplexScalar x, ComplexScalar y) => new(x.AsComplex / y.AsComplex);

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ComplexScalar operator -(ComplexScalar x) => new(-x.Value, -x.Imaginary);

    /// <summary>The analytic continuation of |x|: sign(Re x)·x.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Abs(ComplexScalar x) => x.Value < 0 ? -x : x;

    /// <summary>Complex square root.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Sqrt(ComplexScalar x) => new(Complex.Sqrt(x.AsComplex));

    /// <summary>Complex exponential.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Exp(ComplexScalar x) => new(Complex.Exp(x.AsComplex));

    /// <summary>Complex natural logarithm (principal branch).</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Log(ComplexScalar x) => new(Complex.Log(x.AsComplex));

    /// <summary>Complex base-10 logarithm.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Log10(ComplexScalar x) => new(Complex.Log10(x.AsComplex));

    /// <summary>Complex sine.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Sin(ComplexScalar x) => new(Complex.Sin(x.AsComplex));

    /// <summary>Complex cosine.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Cos(ComplexScalar x) => new(Complex.Cos(x.AsComplex));

    /// <summary>Complex tangent.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Tan(ComplexScalar x) => new(Complex.Tan(x.AsComplex));

    /// <summary>Complex arcsine.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Asin(ComplexScalar x) => new(Complex.Asin(x.AsComplex));

    /// <summary>Complex arccosine.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Acos(ComplexScalar x) => new(Complex.Acos(x.AsComplex));

    /// <summary>Complex hyperbolic sine.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Sinh(ComplexScalar x) => new(Complex.Sinh(x.AsComplex));

    /// <summary>Complex hyperbolic cosine.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Cosh(ComplexScalar x) => new(Complex.Cosh(x.AsComplex));

    /// <summary>Complex hyperbolic tangent.</summary>
    /// <param name="x">The argument.</param>
    public static ComplexScalar Tanh(ComplexScalar x) => new(Complex.Tanh(x.AsComplex));

    /// <summary>
    /// x^y: repeated complex multiplication for a real integer exponent, the first-order expansion for another
    /// real exponent, exp(y·log x) for a complex exponent.
    /// </summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    public static ComplexScalar Pow(ComplexScalar x, ComplexScalar y)
    {
        if (y.Imaginary != 0) return new(Complex.Pow(x.AsComplex, y.AsComplex));
        double b = y.Value;
        if (double.IsInteger(b) && Math.Abs(b) <= 1024) return IntegerPower(x, (int)b);
        return Unary(x, Math.Pow(x.Value, b), b == 0 ? 0 : b * Math.Pow(x.Value, b - 1), "pow");
    }

    private static ComplexScalar IntegerPower(ComplexScalar x, int n)
    {
        ComplexScalar result = Constant(1), power = x;
        for (int k = Math.Abs(n); k > 0; k >>= 1)
        {
            if ((k & 1) != 0) result *= power;
            power *= power;
        }
        return n < 0 ? Constant(1) / result : result;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ComplexScalar other && Value.Equals(other.Value);

    /// <summary>The hash of the real part (equality compares real parts).</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Shows a + bi.</summary>
    public override string ToString() => $"{Value} + {Imaginary}i";
}
