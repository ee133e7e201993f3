namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>The check every residual function of the set makes on its index.</summary>
internal static class ResidualIndex
{
    /// <summary>Throws unless 0 ≤ <paramref name="index"/> &lt; <paramref name="count"/>.</summary>
    public static void Check(int index, int count)
    {
        if ((uint)index >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be between 0 and {count - 1}.");
    }
}
