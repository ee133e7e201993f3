using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>
/// Jacobian-vector and vector-Jacobian products of an <see cref="IVectorFunction"/> that only has a dense Jacobian:
/// J(x) is formed (m×n) and multiplied, O(mn) work and memory per product. For functions whose Jacobian is cheap to
/// form (hand-coded, small m and n); forward and reverse mode give these products without J.
/// </summary>
public static class DenseJacobianProducts
{
    /// <summary>Writes J(x)·p, with J(x) formed by <paramref name="function"/>'s <see cref="IVectorFunction.Jacobian"/>.</summary>
    /// <param name="function">The vector function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="p">The input direction, of length n.</param>
    /// <param name="result">Destination of length m.</param>
    /// <exception cref="ArgumentException"><paramref name="p"/> or <paramref name="result"/> has the wrong length.</exception>
    public static void JacobianVector(IVectorFunction function, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(function);
        Guard.Length(p.Length, function.Dimension, nameof(p));
        Guard.Length(result.Length, function.OutputDimension, nameof(result));
        var jacobian = JacobianAt(function, x);
        for (int i = 0; i < result.Length; i++)
        {
            double sum = 0;
            for (int j = 0; j < p.Length; j++) sum += jacobian[i, j] * p[j];
            result[i] = sum;
        }
    }

    /// <summary>Writes wᵀJ(x), with J(x) formed by <paramref name="function"/>'s <see cref="IVectorFunction.Jacobian"/>.</summary>
    /// <param name="function">The vector function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="w">The output cotangent, of length m.</param>
    /// <param name="result">Destination of length n.</param>
    /// <exception cref="ArgumentException"><paramref name="w"/> or <paramref name="result"/> has the wrong length.</exception>
    public static void VectorJacobian(IVectorFunction function, ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(function);
        Guard.Length(w.Length, function.OutputDimension, nameof(w));
        Guard.Length(result.Length, function.Dimension, nameof(result));
        var jacobian = JacobianAt(function, x);
        for (int j = 0; j < result.Length; j++)
        {
            double sum = 0;
            for (int i = 0; i < w.Length; i++) sum += w[i] * jacobian[i, j];
            result[j] = sum;
        }
    }

    private static Matrix<double> JacobianAt(IVectorFunction function, ReadOnlySpan<double> x)
    {
        var jacobian = Matrix<double>.Build.Dense(function.OutputDimension, function.Dimension);
        function.Jacobian(x, jacobian);
        return jacobian;
    }
}
