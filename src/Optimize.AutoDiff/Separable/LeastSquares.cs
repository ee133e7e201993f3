using System.Numerics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.AutoDiff.Separable;

/// <summary>A few scalars on the stack, for any scalar type.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
[InlineArray(Length)]
internal struct ResidualBuffer<T>
{
    internal const int Length = 8;
    private T element;
}
