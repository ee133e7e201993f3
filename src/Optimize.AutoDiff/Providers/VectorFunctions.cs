using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.AutoDiff;

/// <summary>
/// What every AD vector function over a function written once shares: the function, its dimensions, and
/// plain evaluation over <see cref="double"/>.
/// </summary>
public abstract class VectorScalarFunctionOracle
{
    /// <summary>Wraps <paramref name="function"/>.</summary>
    /// <param name="function">The vector function written once over the generic scalar.</param>
    protected VectorScalarFunctionOracle(IVectorScalarFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
    }

    /// <summary>The function being differentiated.</summary>
    public IVectorScalarFunction Function { get; }

    /// <summary>The number of inputs n.</summary>
    public int Dimension => Function.Dimension;

    /// <summary>The number of outputs m.</summary>
    public int OutputDimension => Function.OutputDimension;

    /// <summary>Writes F(x) into <paramref name="value"/> (length m).</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="value">Destination of length m.</param>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> value)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(value.Length, OutputDimension, nameof(value));
        Function.Evaluate(x, value);
    }
}

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
