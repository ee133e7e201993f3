using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.AutoDiff;

/// <summary>
/// What every AD objective over a function written once shares: the function, its dimension, and plain
/// evaluation over <see cref="double"/> at native speed.
/// </summary>
public abstract class ScalarFunctionObjective : IObjective
{
    /// <summary>Wraps <paramref name="function"/>.</summary>
    /// <param name="function">The function written once over the generic scalar.</param>
    protected ScalarFunctionObjective(IScalarFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
    }

    /// <summary>The function being differentiated.</summary>
    public IScalarFunction Function { get; }

    /// <inheritdoc/>
    public int Dimension => Function.Dimension;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        return Function.Evaluate(x);
    }
}

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
