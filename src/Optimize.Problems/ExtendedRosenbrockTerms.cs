using System.Numerics;
using System.Runtime.CompilerServices;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>
/// The extended Rosenbrock function (<see cref="ExtendedRosenbrock"/>) declared as a sum of n/2 two-variable terms,
/// fₖ(x₂ₖ, x₂ₖ₊₁) = 100(x₂ₖ₊₁ − x₂ₖ²)² + (1 − x₂ₖ)² (Moré, Garbow &amp; Hillstrom, ACM TOMS 7, 1981, problem 21):
/// the worked example of <see cref="IPartiallySeparableFunction"/>. Obtain it from
/// <see cref="ExtendedRosenbrock.Terms"/>; its term is the body of the loop in <see cref="ExtendedRosenbrock.Evaluate{T}"/>.
/// </summary>
public readonly struct ExtendedRosenbrockTerms : IPartiallySeparableFunction
{
    private readonly int[] indices;

    /// <summary>Declares the sum for an even dimension.</summary>
    /// <param name="dimension">n, even and at least 2.</param>
    public ExtendedRosenbrockTerms(int dimension)
    {
        if (dimension < 2 || dimension % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be even and at least 2.");
        indices = Enumerable.Range(0, dimension).ToArray();
    }

    /// <inheritdoc/>
    public int Dimension => indices.Length;

    /// <inheritdoc/>
    public int TermCount => indices.Length / 2;

    /// <inheritdoc/>
    public ReadOnlySpan<int> TermVariables(int term) => indices.AsSpan(2 * term, 2);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T EvaluateTerm<T>(int term, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T a = x[0], t = x[1] - a * a, s = T.One - a;
        return T.CreateTruncating(100) * t * t + s * s;
    }
}
