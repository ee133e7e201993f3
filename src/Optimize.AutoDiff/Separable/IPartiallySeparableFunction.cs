using System.Numerics;

namespace Optimize.AutoDiff;

/// <summary>
/// A partially separable function f(x) = Σₖ fₖ(x_{Sₖ}): a sum of terms, each touching a few variables
/// (Griewank &amp; Toint, "On the unconstrained optimization of partially separable functions", 1982;
/// Nocedal &amp; Wright, <i>Numerical Optimization</i>, §7.4). Each term is written once over the generic scalar
/// on its local variables; <see cref="PartiallySeparableObjective{TFunction}"/> differentiates term by term
/// with forward-mode vector duals sized to the term.
/// </summary>
/// <remarks>Implement it as a struct for speed: the objective is generic over the implementing type, so the
/// per-term calls are then direct instead of generic virtual calls, and marking <see cref="EvaluateTerm{T}"/>
/// <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c> lets the term's arithmetic be compiled into the
/// objective's loop (as <see cref="ExtendedRosenbrockTerms"/> does). The objective may call the members on a copy
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

/// <summary>
/// Residual blocks of a least-squares problem ½‖r(x)‖² with r = (r₁(x_{S₁}), r₂(x_{S₂}), …), each block a
/// small vector function of a few variables written once over the generic scalar (the residual blocks and
/// templated cost functors of Ceres Solver).
/// </summary>
/// <remarks>Implement it as a struct for speed, as for <see cref="IPartiallySeparableFunction"/>.</remarks>
public interface IResidualBlocks
{
    /// <summary>The number of variables n.</summary>
    int Dimension { get; }

    /// <summary>The number of blocks.</summary>
    int BlockCount { get; }

    /// <summary>The indices of the variables block <paramref name="block"/> reads, in the order it reads them.</summary>
    /// <param name="block">0 ≤ block &lt; BlockCount.</param>
    ReadOnlySpan<int> BlockVariables(int block);

    /// <summary>The number of residuals block <paramref name="block"/> produces.</summary>
    /// <param name="block">0 ≤ block &lt; BlockCount.</param>
    int ResidualCount(int block);

    /// <summary>Writes the block's residuals.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="block">0 ≤ block &lt; BlockCount.</param>
    /// <param name="x">The block's local variables.</param>
    /// <param name="residuals">Destination of length ResidualCount(block).</param>
    void EvaluateBlock<T>(int block, ReadOnlySpan<T> x, Span<T> residuals) where T : IFloatingPointIeee754<T>;
}
