using System.Numerics;
using Optimize.Oracles;

namespace Optimize.AutoDiff.Separable;

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
