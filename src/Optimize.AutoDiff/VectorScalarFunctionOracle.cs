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
