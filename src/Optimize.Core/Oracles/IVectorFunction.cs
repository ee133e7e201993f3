using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

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
