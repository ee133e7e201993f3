using System.Numerics;

namespace Optimize.Oracles;

/// <summary>
/// A scalar function whose derivatives were written at compile time by source transformation of its
/// <see cref="IScalarFunction.Evaluate{T}"/> (see <see cref="GenerateDerivativesAttribute"/>).
/// </summary>
public interface IGeneratedDerivatives : IScalarFunction
{
    /// <summary>f(x) and ∇f(x) by the generated reverse-mode (adjoint) code.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n for ∇f(x); every entry is overwritten.</param>
    /// <returns>f(x).</returns>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> is not as long as <paramref name="x"/>.</exception>
    double EvaluateGradient(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>
    /// f(x) and ∇f(x) by the generated adjoint code, over any scalar type. Over dual numbers x + εv it gives
    /// ∇f(x) + ε∇²f(x)·v: the Hessian-vector product by forward mode over the generated reverse mode.
    /// </summary>
    /// <typeparam name="T">The scalar type: <see cref="double"/> or a forward-mode AD type.</typeparam>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n for ∇f(x); every entry is overwritten.</param>
    /// <returns>f(x).</returns>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> is not as long as <paramref name="x"/>.</exception>
    T EvaluateGradient<T>(ReadOnlySpan<T> x, Span<T> gradient) where T : IFloatingPointIeee754<T>;

    /// <summary>f(x) and the directional derivative ∇f(x)·p by the generated forward-mode (tangent) code.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="direction">The direction p, of length n.</param>
    /// <param name="derivative">∇f(x)·p.</param>
    /// <returns>f(x).</returns>
    /// <exception cref="ArgumentException"><paramref name="direction"/> is not as long as <paramref name="x"/>.</exception>
    double EvaluateDirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative);

    /// <summary>
    /// f(x), ∇f(x) and the Hessian-vector product ∇²f(x)·v by the generated second-order adjoint code, in the
    /// function's own scalar type: one forward sweep carries the values and their tangents along v, one backward
    /// sweep the adjoints and their tangents (the tangent of the adjoint code; Griewank &amp; Walther 2008, §5.4).
    /// </summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="direction">The direction v, of length n.</param>
    /// <param name="gradient">
    /// Destination of length n for ∇f(x), every entry overwritten; or empty, when only ∇²f(x)·v is wanted (the code then
    /// skips the stores of the gradient).
    /// </param>
    /// <param name="hessianVector">Destination of length n for ∇²f(x)·v; every entry is overwritten.</param>
    /// <returns>f(x).</returns>
    /// <exception cref="ArgumentException">The direction or a destination is not as long as <paramref name="x"/>.</exception>
    double EvaluateHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> hessianVector);
}
