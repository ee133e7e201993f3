using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.AutoDiff.Reverse;

namespace Optimize.AutoDiff;

/// <summary>
/// The whole objective contract from a function written once, by reverse mode: the gradient by one recorded
/// evaluation and one backward sweep, Hv by forward over reverse, the Hessian by n Hessian-vector products.
/// </summary>
public sealed class ReverseModeObjective : ScalarFunctionObjective, IHessianObjective
{
    /// <summary>Differentiates <paramref name="function"/> by reverse mode.</summary>
    /// <param name="function">The function written once over the generic scalar.</param>
    public ReverseModeObjective(IScalarFunction function) : base(function) { }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => ReverseMode.ValueAndGradient(Function, x, gradient);

    /// <inheritdoc/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) =>
        ReverseMode.HessianVector(Function, x, v, result);

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian) => ReverseMode.Hessian(Function, x, hessian);
}
