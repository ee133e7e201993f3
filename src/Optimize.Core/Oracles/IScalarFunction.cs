using System.Numerics;

namespace Optimize.Oracles;

/// <summary>
/// A scalar function written once, generic over the scalar type, in the manner of a Ceres
/// templated functor. The same code runs with <see cref="double"/> at native speed and with the
/// automatic-differentiation scalar types (dual numbers, tape variables, nested types).
/// </summary>
/// <example>
/// <code>
/// sealed class Rosenbrock : IScalarFunction
/// {
///     public int Dimension => 2;
///     public T Evaluate&lt;T&gt;(ReadOnlySpan&lt;T&gt; x) where T : IFloatingPointIeee754&lt;T&gt;
///     {
///         T a = T.One - x[0], b = x[1] - x[0] * x[0];
///         return a * a + T.CreateChecked(100.0) * b * b;
///     }
/// }
/// </code>
/// </example>
public interface IScalarFunction
{
    /// <summary>The number of variables n.</summary>
    int Dimension { get; }

    /// <summary>Evaluates f(x) over the scalar type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The scalar type: <see cref="double"/> or an AD type.</typeparam>
    /// <param name="x">The point, of length n.</param>
    /// <returns>f(x).</returns>
    T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;
}
