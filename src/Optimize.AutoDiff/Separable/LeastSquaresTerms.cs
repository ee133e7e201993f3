using System.Numerics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.AutoDiff.Separable;

/// <summary>The terms ½‖rₖ(x_{Sₖ})‖² of a least-squares problem given by residual blocks.</summary>
/// <typeparam name="TBlocks">The residual blocks type.</typeparam>
public struct LeastSquaresTerms<TBlocks> : IPartiallySeparableFunction where TBlocks : IResidualBlocks
{
    private TBlocks blocks;

    /// <summary>Wraps <paramref name="blocks"/>.</summary>
    /// <param name="blocks">The residual blocks.</param>
    public LeastSquaresTerms(TBlocks blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        this.blocks = blocks;
    }

    /// <inheritdoc/>
    public readonly int Dimension => blocks.Dimension;

    /// <inheritdoc/>
    public readonly int TermCount => blocks.BlockCount;

    /// <inheritdoc/>
    public ReadOnlySpan<int> TermVariables(int term) => blocks.BlockVariables(term);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T EvaluateTerm<T>(int term, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        int m = blocks.ResidualCount(term);
        ResidualBuffer<T> inline = default;
        T[]? rented = m > ResidualBuffer<T>.Length ? Scratch<T>.Rent(m) : null;
        Span<T> residuals = rented is null ? ((Span<T>)inline)[..m] : rented.AsSpan(0, m);
        blocks.EvaluateBlock(term, x, residuals);
        T sum = T.Zero;
        foreach (T r in residuals) sum += r * r;
        if (rented is not null) Scratch<T>.Return(rented);
        return sum / (T.One + T.One);
    }
}
