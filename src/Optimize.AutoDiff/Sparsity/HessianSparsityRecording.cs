namespace Optimize.AutoDiff.Sparsity;

/// <summary>
/// The Hessian pattern collected while a function runs on <see cref="HessianSparsityTracer"/>: the pairs of inputs
/// that meet in a nonlinear operation. One per detection, held by the detecting thread.
/// </summary>
internal sealed class HessianSparsityRecording(int dimension)
{
    [ThreadStatic] private static HessianSparsityRecording? current;

    private readonly int[] marks = new int[dimension];
    private int stamp;

    public int Dimension { get; } = dimension;

    /// <summary>Pairs (i, j), i ≤ j, packed as i·n + j.</summary>
    public HashSet<long> Pairs { get; } = [];

    public static HessianSparsityRecording Current => current ??
        throw new InvalidOperationException(
            "An operation on HessianSparsityTracer ran outside HessianSparsity.Detect on this thread.");

    public static HessianSparsityRecording? Swap(HessianSparsityRecording? recording)
    {
        HessianSparsityRecording? previous = current;
        current = recording;
        return previous;
    }

    public int NextStamp()
    {
        if (++stamp == int.MaxValue)
        {
            Array.Clear(marks);
            stamp = 1;
        }
        return stamp;
    }

    /// <summary>Marks input <paramref name="i"/> for this stamp; false when it already was.</summary>
    public bool Mark(int i, int stampValue)
    {
        if (marks[i] == stampValue) return false;
        marks[i] = stampValue;
        return true;
    }

    /// <summary>Adds every pair of <paramref name="a"/> × <paramref name="b"/> (both orders are one entry).</summary>
    public void AddProduct(DependencySet? a, DependencySet? b)
    {
        if (a is null || b is null) return;
        int[] first = a.Indices(this), second = ReferenceEquals(a, b) ? first : b.Indices(this);
        foreach (int i in first)
            foreach (int j in second)
                Pairs.Add(i <= j ? (long)i * Dimension + j : (long)j * Dimension + i);
    }
}
