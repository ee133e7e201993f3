using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Optimize.Oracles;

namespace Optimize;

/// <summary>
/// A vector function of double arrays seen as a vector function written once, so that the difference sources of
/// <see cref="AutoDiff.DerivativeSources"/> build its Jacobian. It evaluates over <see cref="double"/> only;
/// <see cref="Optimization"/> hands it to no other source.
/// </summary>
internal sealed class ValuesOnlyVectorFunction(int dimension, int outputDimension, Func<double[], double[]> function) : IVectorScalarFunction
{
    public int Dimension => dimension;

    public int OutputDimension => outputDimension;

    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> value) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(double))
            throw new NotSupportedException($"A function of doubles cannot be evaluated over {typeof(T).Name}; only difference sources apply to it.");
        Guard.Length(x.Length, dimension, nameof(x));
        Guard.Length(value.Length, outputDimension, nameof(value));
        var result = function(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(x)), x.Length).ToArray());
        if (result is null || result.Length != outputDimension)
            throw new InvalidOperationException($"The function returned {result?.Length.ToString() ?? "null"} values at one point and {outputDimension} at x; it must return the same number at every point.");
        result.AsSpan().CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(value)), value.Length));
    }
}
