using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>
/// A scalar objective f: ℝⁿ → ℝ that can be evaluated. The weakest oracle of the contract:
/// derivative-free methods (Nelder–Mead) and finite differences need only this.
/// </summary>
/// <remarks>
/// Capabilities are expressed by the interface a type implements, never by flags: an objective
/// that can give gradients implements <see cref="IGradientObjective"/>, and so on.
/// </remarks>
public interface IObjective
{
    /// <summary>The number of variables n.</summary>
    int Dimension { get; }

    /// <summary>Evaluates f(x). <paramref name="x"/> has length <see cref="Dimension"/>.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <returns>f(x); may be non-finite, which solvers report rather than throw on.</returns>
    double Value(ReadOnlySpan<double> x);
}

/// <summary>An objective that also yields its gradient ∇f(x), fused with the value.</summary>
public interface IGradientObjective : IObjective
{
    /// <summary>Evaluates f(x) and writes ∇f(x) into the caller-owned <paramref name="gradient"/>.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n for ∇f(x).</param>
    /// <returns>f(x).</returns>
    double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);
}

/// <summary>An objective that also yields Hessian-vector products ∇²f(x)·v.</summary>
public interface IHessianVectorObjective : IGradientObjective
{
    /// <summary>Writes ∇²f(x)·v into <paramref name="result"/>.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length n.</param>
    void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result);
}

/// <summary>An objective that also yields its full Hessian ∇²f(x).</summary>
public interface IHessianObjective : IHessianVectorObjective
{
    /// <summary>Writes ∇²f(x) into the caller-owned n×n <paramref name="hessian"/>.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="hessian">Destination, an n×n matrix; every entry is overwritten.</param>
    void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian);
}

/// <summary>
/// A vector function F: ℝⁿ → ℝᵐ with its Jacobian J (m×n), Jacobian-vector products J·p (JVP)
/// and vector-Jacobian products wᵀJ (VJP).
/// </summary>
public interface IVectorFunction
{
    /// <summary>The number of inputs n.</summary>
    int Dimension { get; }

    /// <summary>The number of outputs m.</summary>
    int OutputDimension { get; }

    /// <summary>Writes F(x) into <paramref name="value"/> (length m).</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="value">Destination of length m.</param>
    void Evaluate(ReadOnlySpan<double> x, Span<double> value);

    /// <summary>Writes the m×n Jacobian J(x) into <paramref name="jacobian"/>.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="jacobian">Destination, an m×n matrix; every entry is overwritten.</param>
    void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian);

    /// <summary>Writes the JVP J(x)·p (length m) into <paramref name="result"/>.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="p">The input direction, of length n.</param>
    /// <param name="result">Destination of length m.</param>
    void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result);

    /// <summary>Writes the VJP wᵀJ(x) (length n) into <paramref name="result"/>.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="w">The output cotangent, of length m.</param>
    /// <param name="result">Destination of length n.</param>
    void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result);
}
