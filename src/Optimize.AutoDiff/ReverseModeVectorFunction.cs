using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;

namespace Optimize.AutoDiff;

/// <summary>
/// The vector-function contract from F: ℝⁿ → ℝᵐ written once, by reverse mode: wᵀJ by one recording and one
/// backward sweep, the Jacobian by rows (m sweeps of one recording), J·p by one forward-mode dual pass
/// (reverse mode would need m sweeps). Preferable when m ≤ n.
/// </summary>
public sealed class ReverseModeVectorFunction : VectorScalarFunctionOracle, IVectorFunction
{
    /// <summary>Differentiates <paramref name="function"/> by reverse mode.</summary>
    /// <param name="function">The vector function written once over the generic scalar.</param>
    public ReverseModeVectorFunction(IVectorScalarFunction function) : base(function) { }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian) =>
        ReverseMode.ValueAndJacobian(Function, x, [], jacobian);

    /// <inheritdoc/>
    public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result) =>
        ForwardMode.ValueAndJvp(Function, x, p, [], result);

    /// <inheritdoc/>
    public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result) =>
        ReverseMode.ValueAndVjp(Function, x, w, [], result);
}
