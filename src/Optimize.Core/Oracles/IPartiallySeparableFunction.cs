using System.Numerics;

namespace Optimize.Oracles;

/// <summary>
/// A partially separable function f(x) = Σₖ fₖ(x_{Sₖ}): a sum of terms, each touching a few variables
/// (Griewank &amp; Toint, "On the unconstrained optimization of partially separable functions", 1982;
/// Nocedal &amp; Wright, <i>Numerical Optimization</i>, §7.4). Each term is written once over the generic scalar
/// on its local variables; the AD library's <c>PartiallySeparableObjective&lt;TFunction&gt;</c> differentiates term by term
/// with forward-mode vector duals sized to the term.
/// </summary>
/// <remarks>Implement it as a struct for speed: the objective is generic over the implementing type, so the
/// per-term calls are then direct instead of generic virtual calls, and marking <see cref="EvaluateTerm{T}"/>
/// <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c> lets the term's arithmetic be compiled into the
/// objective's loop (as the problem library's <c>ExtendedRosenbrockTerms</c> does). The objective may call the members on a copy
/// of a struct, so they should not mutate it.</remarks>
public interface IPartiallySeparableFunction
{
    /// <summary>The number of variables n.</summary>
    int Dimension { get; }

    /// <summary>The number of terms.</summary>
    int TermCount { get; }

    /// <summary>The indices Sₖ of the variables term <paramref name="term"/> reads, in the order it reads them.</summary>
    /// <param name="term">0 ≤ term &lt; TermCount.</param>
    ReadOnlySpan<int> TermVariables(int term);

    /// <summary>Evaluates term k on its local variables x_{Sₖ}.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="term">0 ≤ term &lt; TermCount.</param>
    /// <param name="x">The local variables, x[i] = x_{Sₖ[i]}.</param>
    T EvaluateTerm<T>(int term, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;
}
