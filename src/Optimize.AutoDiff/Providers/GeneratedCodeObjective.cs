using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.AutoDiff;

/// <summary>
/// The whole objective contract from a function whose derivative code was written at compile time by the
/// derivative generator (<see cref="GenerateDerivativesAttribute"/>): the gradient by the generated adjoint
/// code (reverse mode by source transformation, as in Tapenade; Hascoët &amp; Pascual 2013), which stores no
/// tape; Hv by forward over reverse and the Hessian by n Hessian-vector products, on the runtime tape.
/// </summary>
public sealed class GeneratedCodeObjective : ScalarFunctionObjective, IHessianObjective
{
    private readonly IGeneratedDerivatives generated;

    /// <summary>Uses the generated derivatives of <paramref name="function"/>.</summary>
    /// <param name="function">A function whose <c>Evaluate&lt;T&gt;</c> is marked <see cref="GenerateDerivativesAttribute"/>.</param>
    public GeneratedCodeObjective(IGeneratedDerivatives function) : base(function) => generated = function;

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        return generated.EvaluateGradient(x, gradient);
    }

    /// <summary>f(x) and the directional derivative ∇f(x)·p by the generated tangent code (forward mode).</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="direction">The direction p, of length n.</param>
    /// <param name="derivative">∇f(x)·p.</param>
    /// <returns>f(x).</returns>
    public double ValueAndDirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(direction.Length, Dimension, nameof(direction));
        return generated.EvaluateDirectionalDerivative(x, direction, out derivative);
    }

    /// <inheritdoc/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) =>
        ReverseMode.HessianVector(Function, x, v, result);

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian) => ReverseMode.Hessian(Function, x, hessian);
}
