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
