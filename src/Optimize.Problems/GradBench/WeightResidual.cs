using System.Numerics;
using Optimize.Oracles;

namespace Optimize.Problems.GradBench;

/// <summary>ADBench's bundle-adjustment weight residual 1 − w² (Zach's robust weighting), over the scalar type.</summary>
public readonly partial struct WeightResidual : IScalarFunction
{
    /// <summary>1: the weight.</summary>
    public int Dimension => 1;

    /// <summary>1 − w².</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="w">The weight, one entry.</param>
    [GenerateDerivatives]
    public T Evaluate<T>(ReadOnlySpan<T> w) where T : IFloatingPointIeee754<T> => T.One - w[0] * w[0];
}
