using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.AutoDiff;

/// <summary>
/// The whole objective contract from a function whose derivative code was written at compile time by the
/// derivative generator (<see cref="GenerateDerivativesAttribute"/>), through <see cref="GeneratedCode"/>: the
/// gradient by the generated adjoint code, Hv by the generated second-order adjoint code, the Hessian by n
/// Hessian-vector products. No tape is recorded.
/// </summary>
public sealed class GeneratedCodeObjective : ScalarFunctionObjective, IHessianObjective
{
    private readonly IGeneratedDerivatives generated;

    /// <summary>Uses the generated derivatives of <paramref name="function"/>.</summary>
    /// <param name="function">A function whose <c>Evaluate&lt;T&gt;</c> is marked <see cref="GenerateDerivativesAttribute"/>.</param>
    public GeneratedCodeObjective(IGeneratedDerivatives function) : base(function) => generated = function;

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => GeneratedCode.ValueAndGradient(generated, x, gradient);

    /// <inheritdoc cref="GeneratedCode.ValueAndDirectionalDerivative"/>
    public double ValueAndDirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative) =>
        GeneratedCode.ValueAndDirectionalDerivative(generated, x, direction, out derivative);

    /// <inheritdoc cref="GeneratedCode.HessianVector"/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) =>
        GeneratedCode.HessianVector(generated, x, v, result);

    /// <inheritdoc cref="GeneratedCode.Hessian"/>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian) => GeneratedCode.Hessian(generated, x, hessian);
}
