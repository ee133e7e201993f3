using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Optimize.Oracles;

namespace Optimize;

/// <summary>
/// A function of doubles seen as a function written once, so that the difference sources of
/// <see cref="AutoDiff.DerivativeSources"/> (which read values through <see cref="IObjective.Value"/>) build its
/// oracle. It evaluates over <see cref="double"/> only; <see cref="Optimization"/> hands it to no other source.
/// </summary>
internal sealed class ValuesOnlyFunction(int dimension, ValueFunction value) : IScalarFunction, IObjective
{
    public int Dimension => dimension;

    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, dimension, nameof(x));
        return value(x);
    }

    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(double))
            throw new NotSupportedException($"A function of doubles cannot be evaluated over {typeof(T).Name}; only difference sources apply to it.");
        double result = Value(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(x)), x.Length));
        return Unsafe.As<double, T>(ref result);
    }
}
