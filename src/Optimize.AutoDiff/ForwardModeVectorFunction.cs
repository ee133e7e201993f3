using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;

namespace Optimize.AutoDiff;

/// <summary>
/// The vector-function contract (value, Jacobian, JVP, VJP) from F: ℝⁿ → ℝᵐ written once, by forward mode:
/// the Jacobian by columns in ⌈n/8⌉ vector-mode passes, J·p in one dual pass, wᵀJ from the Jacobian's columns
/// (forward mode has no cheaper VJP). Preferable when n ≤ m.
/// </summary>
public sealed class ForwardModeVectorFunction : VectorScalarFunctionOracle, IVectorFunction
{
    /// <summary>Differentiates <paramref name="function"/> by forward mode.</summary>
    /// <param name="function">The vector function written once over the generic scalar.</param>
    public ForwardModeVectorFunction(IVectorScalarFunction function) : base(function) { }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian) =>
        ForwardMode.ValueAndJacobian<Chunk8>(Function, x, [], jacobian);

    /// <inheritdoc/>
    public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result) =>
        ForwardMode.ValueAndJvp(Function, x, p, [], result);

    /// <inheritdoc/>
    public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        Guard.Length(w.Length, OutputDimension, nameof(w));
        Guard.Length(result.Length, Dimension, nameof(result));
        var jacobian = Matrix<double>.Build.Dense(OutputDimension, Dimension);
        Jacobian(x, jacobian);
        for (int j = 0; j < Dimension; j++)
        {
            double sum = 0;
            for (int i = 0; i < OutputDimension; i++) sum += w[i] * jacobian[i, j];
            result[j] = sum;
        }
    }
}
