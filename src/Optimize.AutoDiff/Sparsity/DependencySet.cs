namespace Optimize.AutoDiff.Sparsity;

/// <summary>
/// The set of inputs an intermediate depends on, as a persistent union tree: a union is one node, O(1), and the
/// sorted indices are computed (and kept) only when a nonlinear operation needs them. A running sum over all
/// inputs therefore costs O(n) in all, not O(n²).
/// </summary>
internal sealed class DependencySet
{
    private int[]? indices;
    private readonly DependencySet? left, right;
    internal int Visit; // stamp of the last flattening that reached this node

    private DependencySet(int[]? indices, DependencySet? left, DependencySet? right)
    {
        this.indices = indices;
        this.left = left;
        this.right = right;
    }

    /// <summary>The set {<paramref name="input"/>}.</summary>
    public static DependencySet Single(int input) => new([input], null, null);

    /// <summary>a ∪ b; null stands for the empty set (a constant).</summary>
    public static DependencySet? Union(DependencySet? a, DependencySet? b) =>
        a is null ? b : b is null || ReferenceEquals(a, b) ? a : new DependencySet(null, a, b);

    /// <summary>The inputs, ascending.</summary>
    public int[] Indices(HessianSparsityRecording recording)
    {
        if (indices is not null) return indices;
        var found = new List<int>();
        var stack = new Stack<DependencySet>();
        int stamp = recording.NextStamp();
        stack.Push(this);
        while (stack.Count > 0)
        {
            DependencySet node = stack.Pop();
            if (node.Visit == stamp) continue;
            node.Visit = stamp;
            if (node.indices is { } known)
            {
                foreach (int i in known)
                    if (recording.Mark(i, stamp)) found.Add(i);
                continue;
            }
            stack.Push(node.left!);
            stack.Push(node.right!);
        }
        found.Sort();
        return indices = found.ToArray();
    }
}
