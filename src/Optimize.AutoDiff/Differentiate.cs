using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;

namespace Optimize.AutoDiff;

/// <summary>
/// Derivative operators in the style of function transformations (JAX's <c>grad</c>, <c>jvp</c>, <c>vjp</c>,
/// <c>hessian</c>, <c>jacfwd</c>/<c>jacrev</c>; DiffSharp's <c>f</c>-prefixed twins that also return the value).
/// Each picks the mode that suits the shape: gradients and VJPs by reverse mode, JVPs by forward mode,
/// Hessian-vector products by forward over reverse, Jacobians by columns when n ≤ m and by rows otherwise.
/// A function whose derivative code was generated at compile time (<see cref="IGeneratedDerivatives"/>) is
/// differentiated by that code: the same modes, without a tape.
/// </summary>
public static class Differentiate
{
    /// <summary>f′(x) of a one-dimensional function written over dual numbers.</summary>
    /// <typeparam name="T">The primal type (double, or a dual type when nested).</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    public static T Derivative<T>(Func<Dual<T>, Dual<T>> f, T x) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return f(new Dual<T>(x, T.One)).Tangent;
    }

    /// <summary>
    /// Writes ∇f(x) into <paramref name="gradient"/> by reverse mode and returns f(x): by the generated adjoint
    /// code when f carries one (<see cref="IGeneratedDerivatives"/>), else on the tape.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n.</param>
    public static double Gradient(IScalarFunction f, ReadOnlySpan<double> x, Span<double> gradient) =>
        f is IGeneratedDerivatives generated
            ? GeneratedCode.ValueAndGradient(generated, x, gradient)
            : ReverseMode.ValueAndGradient(f, x, gradient);

    /// <summary>
    /// The directional derivative ∇f(x)·p by forward mode, in one pass: by the generated tangent code when f
    /// carries one (<see cref="IGeneratedDerivatives"/>), else on dual numbers.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="p">The direction, of length n.</param>
    public static double Jvp(IScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> p)
    {
        double derivative;
        if (f is IGeneratedDerivatives generated) GeneratedCode.ValueAndDirectionalDerivative(generated, x, p, out derivative);
        else ForwardMode.ValueAndJvp(f, x, p, out derivative);
        return derivative;
    }

    /// <summary>Writes J(x)·p (forward mode, one pass).</summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="p">The direction, of length n.</param>
    /// <param name="result">Destination of length m.</param>
    public static void Jvp(IVectorScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result) =>
        ForwardMode.ValueAndJvp(f, x, p, [], result);

    /// <summary>Writes wᵀJ(x) (reverse mode, one sweep).</summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="w">The cotangent, of length m.</param>
    /// <param name="result">Destination of length n.</param>
    public static void Vjp(IVectorScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result) =>
        ReverseMode.ValueAndVjp(f, x, w, [], result);

    /// <summary>
    /// Writes ∇²f(x)·v and returns f(x): by the generated second-order adjoint code (the tangent of the adjoint
    /// code, in doubles) when f carries one (<see cref="IGeneratedDerivatives"/>), else forward over reverse on the tape.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length n.</param>
    public static double Hvp(IScalarFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) =>
        f is IGeneratedDerivatives generated
            ? GeneratedCode.HessianVector(generated, x, v, result)
            : ReverseMode.HessianVector(f, x, v, result);

    /// <summary>Writes ∇²f(x): forward over forward for n ≤ 16, n Hessian-vector products otherwise.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="hessian">Destination n×n matrix.</param>
    public static void Hessian(IScalarFunction f, ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.Dimension <= 16) ForwardMode.Hessian<Chunk8>(f, x, hessian);
        else ReverseMode.Hessian(f, x, hessian);
    }

    /// <summary>Writes J(x): by columns (forward mode) when n ≤ m, by rows (reverse mode) otherwise.</summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="jacobian">Destination m×n matrix.</param>
    public static void Jacobian(IVectorScalarFunction f, ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.Dimension <= f.OutputDimension) ForwardMode.ValueAndJacobian<Chunk8>(f, x, [], jacobian);
        else ReverseMode.ValueAndJacobian(f, x, [], jacobian);
    }
}
