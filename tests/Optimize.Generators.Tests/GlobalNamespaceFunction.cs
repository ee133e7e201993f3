using System.Numerics;
using Optimize.Oracles;

/// <summary>A partial type in the global namespace.</summary>
public sealed partial class GlobalNamespaceFunction : IScalarFunction
{
    public int Dimension => 2;

    [GenerateDerivatives]
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => T.Tanh(x[0] - x[1]) * x[0];
}
