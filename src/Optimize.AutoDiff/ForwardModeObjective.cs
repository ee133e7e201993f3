using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;

namespace Optimize.AutoDiff;

/// <summary>
/// The whole objective contract (value, gradient, Hessian-vector product, Hessian) from a function written
/// once, by forward mode: gradients by ⌈n/8⌉ passes of vector-mode duals, Hv and Hessians by forward over
/// forward. Suited to small n; see <see cref="ReverseModeObjective"/> for large n.
/// </summary>
public sealed class ForwardModeObjective : ScalarFunctionObjective, IHessianObjective
{
    /// <summary>Differentiates <paramref name="function"/> by forward mode.</summary>
    /// <param name="function">The function written once over the generic scalar.</param>
    public ForwardModeObjective(IScalarFunction function) : base(function) { }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) =>
        ForwardMode.ValueAndGradient<Chunk8>(Function, x, gradient);

    /// <inheritdoc/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) =>
        ForwardMode.HessianVector<Chunk8>(Function, x, v, result);

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian) => ForwardMode.Hessian<Chunk8>(Function, x, hessian);
}
