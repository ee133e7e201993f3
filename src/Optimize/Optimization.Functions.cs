using System.Numerics;

namespace Optimize;

// Elementary functions for lambdas over HessianVectorVariable (whose own versions are reached only through the
// generic-math interfaces); generic, so they serve doubles and functions written once over T as well.
public static partial class Optimization
{
    /// <summary>x².</summary>
    /// <typeparam name="T">double, an AD number type, or any number type.</typeparam>
    /// <param name="x">The argument.</param>
    public static T Sqr<T>(T x) where T : IMultiplyOperators<T, T, T> => x * x;

    /// <summary>√x.</summary>
    /// <typeparam name="T">double, an AD number type, or any floating-point type.</typeparam>
    /// <param name="x">The argument.</param>
    public static T Sqrt<T>(T x) where T : IRootFunctions<T> => T.Sqrt(x);

    /// <summary>eˣ.</summary>
    /// <typeparam name="T">double, an AD number type, or any floating-point type.</typeparam>
    /// <param name="x">The argument.</param>
    public static T Exp<T>(T x) where T : IExponentialFunctions<T> => T.Exp(x);

    /// <summary>ln x.</summary>
    /// <typeparam name="T">double, an AD number type, or any floating-point type.</typeparam>
    /// <param name="x">The argument.</param>
    public static T Log<T>(T x) where T : ILogarithmicFunctions<T> => T.Log(x);

    /// <summary>xʸ.</summary>
    /// <typeparam name="T">double, an AD number type, or any floating-point type.</typeparam>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    public static T Pow<T>(T x, T y) where T : IPowerFunctions<T> => T.Pow(x, y);

    /// <summary>sin x.</summary>
    /// <typeparam name="T">double, an AD number type, or any floating-point type.</typeparam>
    /// <param name="x">The argument, in radians.</param>
    public static T Sin<T>(T x) where T : ITrigonometricFunctions<T> => T.Sin(x);

    /// <summary>cos x.</summary>
    /// <typeparam name="T">double, an AD number type, or any floating-point type.</typeparam>
    /// <param name="x">The argument, in radians.</param>
    public static T Cos<T>(T x) where T : ITrigonometricFunctions<T> => T.Cos(x);

    /// <summary>tanh x.</summary>
    /// <typeparam name="T">double, an AD number type, or any floating-point type.</typeparam>
    /// <param name="x">The argument.</param>
    public static T Tanh<T>(T x) where T : IHyperbolicFunctions<T> => T.Tanh(x);

    /// <summary>|x| (derivative 0 at 0, as every derivative source of the toolkit takes it).</summary>
    /// <typeparam name="T">double, an AD number type, or any number type.</typeparam>
    /// <param name="x">The argument.</param>
    public static T Abs<T>(T x) where T : INumberBase<T> => T.Abs(x);

    /// <summary>
    /// The softplus ln(1 + eˣ) (NumPy's <c>logaddexp(0, x)</c>), without overflow for large x: x + ln(1 + e⁻ˣ) for
    /// x &gt; 0, else ln(1 + eˣ); both branches are smooth, so the derivative (the logistic sigmoid) is exact
    /// everywhere. The loss of logistic regression is Σᵢ softplus(−yᵢ·aᵢᵀw).
    /// </summary>
    /// <typeparam name="T">double, an AD number type, or any floating-point type.</typeparam>
    /// <param name="x">The argument.</param>
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T> =>
        x > T.Zero ? x + T.LogP1(T.Exp(-x)) : T.LogP1(T.Exp(x));

    /// <summary>Σᵢ term(i) for i = 0 … count − 1, added in order: a sum over data rows or terms, written in one line.</summary>
    /// <typeparam name="T">double, an AD number type, or any number type.</typeparam>
    /// <param name="count">The number of terms, at least 0.</param>
    /// <param name="term">The i-th term.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static T Sum<T>(int count, Func<int, T> term) where T : INumberBase<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(term);
        T sum = T.Zero;
        for (int i = 0; i < count; i++) sum += term(i);
        return sum;
    }

    /// <summary>aᵀx = Σⱼ aⱼxⱼ for data a and variables x (a row of a data matrix times the parameters).</summary>
    /// <typeparam name="T">double, an AD number type, or any number type.</typeparam>
    /// <param name="a">The data, of x's length.</param>
    /// <param name="x">The variables.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static T Dot<T>(double[] a, T[] x) where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(x);
        if (a.Length != x.Length) throw new ArgumentException($"a has {a.Length} entries; x has {x.Length}.", nameof(a));
        T sum = T.Zero;
        for (int j = 0; j < a.Length; j++) sum += T.CreateTruncating(a[j]) * x[j];
        return sum;
    }
}
