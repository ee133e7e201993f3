using Optimize.FiniteDifferences;

namespace Optimize.AutoDiff.Separable;

/// <summary>
/// The Jacobian structure of residual blocks: block k's rows depend only on the variables it reads
/// (<see cref="IResidualBlocks.BlockVariables"/>), as in Ceres' residual blocks (Agarwal, Mierle et al., Ceres
/// Solver). With the rows in the order of <see cref="ResidualBlocksFunction{TBlocks}"/>, this is the pattern to pass
/// to the trust-region reflective method's sparse path, whose column grouping then needs as few JVPs as the blocks'
/// overlap allows (Curtis, Powell &amp; Reid 1974).
/// </summary>
public static class ResidualBlockSparsity
{
    /// <summary>The ΣResidualCount × Dimension pattern with an entry (row of block k, each variable of block k).</summary>
    /// <typeparam name="TBlocks">The residual blocks type.</typeparam>
    /// <param name="blocks">The blocks; at least one residual in all.</param>
    /// <returns>The pattern; entries repeated within a block are merged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="blocks"/> is null.</exception>
    /// <exception cref="ArgumentException">A block reads a variable outside [0, n), has a negative residual count, or there are no residuals.</exception>
    public static SparsityPattern Of<TBlocks>(TBlocks blocks) where TBlocks : IResidualBlocks
    {
        ArgumentNullException.ThrowIfNull(blocks);
        int rows = new ResidualBlocksFunction<TBlocks>(blocks).OutputDimension;
        if (rows < 1) throw new ArgumentException("blocks have no residuals; expected at least one.", nameof(blocks));
        return SparsityPattern.FromEntries(rows, blocks.Dimension, Entries(blocks));
    }

    private static IEnumerable<(int Row, int Column)> Entries<TBlocks>(TBlocks blocks) where TBlocks : IResidualBlocks
    {
        int row = 0;
        for (int k = 0; k < blocks.BlockCount; k++)
        {
            int m = blocks.ResidualCount(k);
            int[] variables = blocks.BlockVariables(k).ToArray();
            for (int r = 0; r < m; r++, row++)
                foreach (int j in variables) yield return (row, j);
        }
    }
}
