using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>
/// An oracle whose plain values come from one objective and whose derivatives come from compiled code
/// (hand-coded, generated or symbolic). Giving value-only calls to the function's own objective (a
/// <see cref="CountedFunction"/>, say) makes every derivative source report evaluations of f the same way;
/// the compiled derivative calls are not evaluations of f and are not counted there.
/// </summary>
/// <remarks>Safe to share between threads when both parts are.</remarks>
public sealed class CompiledDerivativesObjective : IHessianObjective
{
    private readonly IObjective values;
    private readonly IHessianObjective derivatives;

    /// <summary>Combines <paramref name="values"/> and <paramref name="derivatives"/>.</summary>
    /// <param name="values">Where <see cref="Value"/> goes.</param>
    /// <param name="derivatives">Where gradients, Hessian-vector products and Hessians go; the same dimension.</param>
    public CompiledDerivativesObjective(IObjective values, IHessianObjective derivatives)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(derivatives);
        if (values.Dimension != derivatives.Dimension)
            throw new ArgumentException(
                $"derivatives has dimension {derivatives.Dimension}; expected the dimension of values, {values.Dimension}.", nameof(derivatives));
        this.values = values;
        this.derivatives = derivatives;
    }

    /// <inheritdoc/>
    public int Dimension => values.Dimension;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x) => values.Value(x);

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => derivatives.ValueAndGradient(x, gradient);

    /// <inheritdoc/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) =>
        derivatives.HessianVector(x, v, result);

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian) => derivatives.Hessian(x, hessian);
}
