namespace Optimize.FiniteDifferences;

/// <summary>
/// A partition of a sparse matrix's columns into groups of structurally orthogonal columns (no two
/// columns of a group have a nonzero in the same row), so that one perturbation per group recovers every
/// column of the group at once (Curtis, Powell &amp; Reid, "On the estimation of sparse Jacobian matrices",
/// J. Inst. Maths Applics 13, 1974). Applied to a symmetric Hessian pattern this is a distance-2 colouring
/// of its adjacency graph, which permits direct recovery of the Hessian from gradient differences
/// (Gebremedhin, Manne &amp; Pothen, "What color is your Jacobian?", SIAM Review 47(4), 2005, §4; the
/// symmetry-exploiting star colouring of Powell &amp; Toint 1979 can use fewer groups).
/// </summary>
public sealed class ColumnColoring
{
    private readonly int[] colors;
    private readonly int[] order;
    private readonly int[] starts;

    private ColumnColoring(SparsityPattern pattern, int[] colors, int colorCount)
    {
        Pattern = pattern;
        this.colors = colors;
        ColorCount = colorCount;
        starts = new int[colorCount + 1];
        foreach (int c in colors) starts[c + 1]++;
        for (int c = 0; c < colorCount; c++) starts[c + 1] += starts[c];
        order = new int[colors.Length];
        var next = starts[..colorCount];
        for (int j = 0; j < colors.Length; j++) order[next[colors[j]]++] = j;
    }

    /// <summary>The pattern that was coloured.</summary>
    public SparsityPattern Pattern { get; }

    /// <summary>The number of groups (colours): the number of perturbations needed.</summary>
    public int ColorCount { get; }

    /// <summary>The colour of column <paramref name="column"/>, 0 … <see cref="ColorCount"/> − 1.</summary>
    /// <param name="column">The column index.</param>
    public int ColorOf(int column) => colors[column];

    /// <summary>All columns sorted by colour (ascending column within a colour).</summary>
    public ReadOnlySpan<int> ColumnOrder => order;

    /// <summary>Where colour <paramref name="color"/> starts in <see cref="ColumnOrder"/> (colour count + 1 entries).</summary>
    /// <param name="color">The colour, 0 … <see cref="ColorCount"/>.</param>
    public int ColorStart(int color) => starts[color];

    /// <summary>The columns of colour <paramref name="color"/>.</summary>
    /// <param name="color">The colour.</param>
    public ReadOnlySpan<int> ColumnsOf(int color) => order.AsSpan(starts[color], starts[color + 1] - starts[color]);

    /// <summary>
    /// The greedy (sequential) colouring of Curtis, Powell &amp; Reid: columns in natural order, each taking the
    /// smallest colour not used by an earlier column sharing a row with it. For a matrix of bandwidth
    /// b (nonzeros with |i − j| ≤ b) it uses at most 2b + 1 colours — 3 for a tridiagonal matrix.
    /// </summary>
    /// <param name="pattern">The sparsity pattern.</param>
    public static ColumnColoring Greedy(SparsityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        int n = pattern.Columns;
        // Row-wise lists of columns, to find a column's neighbours (columns sharing a row).
        var rowStarts = new int[pattern.Rows + 1];
        for (int e = 0; e < pattern.NonZeroCount; e++) rowStarts[pattern.RowIndex(e) + 1]++;
        for (int i = 0; i < pattern.Rows; i++) rowStarts[i + 1] += rowStarts[i];
        var rowColumns = new int[pattern.NonZeroCount];
        var fill = rowStarts[..pattern.Rows];
        for (int j = 0; j < n; j++)
            foreach (int i in pattern.RowsOf(j))
                rowColumns[fill[i]++] = j;

        var colors = new int[n];
        Array.Fill(colors, -1);
        var forbiddenBy = new int[n + 1];
        Array.Fill(forbiddenBy, -1);
        int colorCount = 0;
        for (int j = 0; j < n; j++)
        {
            foreach (int i in pattern.RowsOf(j))
                for (int k = rowStarts[i]; k < rowStarts[i + 1]; k++)
                {
                    int neighbour = rowColumns[k];
                    if (colors[neighbour] >= 0) forbiddenBy[colors[neighbour]] = j;
                }
            int color = 0;
            while (forbiddenBy[color] == j) color++;
            colors[j] = color;
            colorCount = Math.Max(colorCount, color + 1);
        }
        return new ColumnColoring(pattern, colors, colorCount);
    }

    /// <summary>Whether every group is structurally orthogonal (no two of its columns share a row).</summary>
    public bool IsStructurallyOrthogonal()
    {
        var seenBy = new int[Pattern.Rows];
        Array.Fill(seenBy, -1);
        for (int c = 0; c < ColorCount; c++)
            foreach (int j in ColumnsOf(c))
                foreach (int i in Pattern.RowsOf(j))
                {
                    if (seenBy[i] == c) return false;
                    seenBy[i] = c;
                }
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ColorCount} colours for {Pattern.Columns} columns";
}
