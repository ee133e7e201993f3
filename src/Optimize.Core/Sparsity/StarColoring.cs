using Optimize.FiniteDifferences;

namespace Optimize.Sparsity;

/// <summary>
/// A star colouring of the adjacency graph of a symmetric sparsity pattern, and the direct recovery of the
/// Hessian from the products B = H·S, where column c of the seed S has ones at the variables of colour c
/// (Gebremedhin, Manne &amp; Pothen, "What color is your Jacobian? Graph coloring for computing derivatives",
/// SIAM Review 47(4), 2005, §4.3 and §6: star colouring, Algorithm 4.1, and direct recovery, Theorem 6.1).
/// </summary>
/// <remarks>
/// <para>A star colouring is a distance-1 colouring in which every path on four vertices uses at least three
/// colours. Then for every structural nonzero hᵢⱼ, j is the only vertex of its colour among the neighbours of i,
/// or i is the only one of its colour among the neighbours of j, so hᵢⱼ is read directly from B[i, colour(j)] or
/// B[j, colour(i)] — one Hessian-vector product per colour, no linear solve. A band of half-width k needs at
/// most 2k + 1 colours (three for a tridiagonal matrix), whatever the dimension.</para>
/// <para>Immutable, so one instance is safe to share between threads.</para>
/// </remarks>
public sealed class StarColoring
{
    private readonly int[] colors;
    private readonly int[] sources; // per nonzero of the pattern (CSC order): where in B (column-major n×p) it is read

    private StarColoring(SparsityPattern pattern, int[] colors, int colorCount)
    {
        Pattern = pattern;
        this.colors = colors;
        ColorCount = colorCount;
        sources = RecoverySources(pattern, colors, colorCount);
    }

    /// <summary>The symmetric pattern that was coloured.</summary>
    public SparsityPattern Pattern { get; }

    /// <summary>The number of colours p: the number of Hessian-vector products a Hessian costs.</summary>
    public int ColorCount { get; }

    /// <summary>The colour of each variable, 0 … p − 1.</summary>
    public ReadOnlySpan<int> Colors => colors;

    /// <summary>
    /// Colours the adjacency graph of <paramref name="pattern"/> (vertex i adjacent to j ≠ i when (i, j) is a
    /// structural nonzero) by the greedy star colouring of Gebremedhin, Manne &amp; Pothen (2005), Algorithm 4.1,
    /// visiting the vertices in natural order. A pattern with every entry nonzero gets one colour per variable.
    /// </summary>
    /// <param name="pattern">A square, symmetric pattern.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    /// <exception cref="ArgumentException">The pattern is not square or not symmetric.</exception>
    public static StarColoring Compute(SparsityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!pattern.IsSymmetric)
            throw new ArgumentException($"pattern must be square and symmetric (a Hessian's); got {pattern}.", nameof(pattern));
        int n = pattern.Columns;
        var color = new int[n]; // 1-based while colouring, 0 = not yet coloured
        if ((long)pattern.NonZeroCount >= (long)n * n - n)
        {
            for (int v = 0; v < n; v++) color[v] = v;
            return new StarColoring(pattern, color, n);
        }
        var forbidden = new int[n + 2];
        Array.Fill(forbidden, -1);
        int colorCount = 0;
        for (int v = 0; v < n; v++)
        {
            foreach (int w in pattern.RowsOf(v))
            {
                if (w == v) continue;
                int cw = color[w];
                if (cw != 0) forbidden[cw] = v;
                foreach (int x in pattern.RowsOf(w))
                {
                    if (x == w || x == v) continue;
                    int cx = color[x];
                    if (cx == 0) continue;
                    // v–w–x with w uncoloured: x's colour is forbidden outright (w may later close a two-coloured path).
                    if (cw == 0) { forbidden[cx] = v; continue; }
                    // v–w–x–y with colour(y) = colour(w): giving v colour(x) would make a two-coloured path on four vertices.
                    foreach (int y in pattern.RowsOf(x))
                        if (y != x && y != w && color[y] == cw)
                        {
                            forbidden[cx] = v;
                            break;
                        }
                }
            }
            int c = 1;
            while (forbidden[c] == v) c++;
            color[v] = c;
            colorCount = Math.Max(colorCount, c);
        }
        for (int v = 0; v < n; v++) color[v]--;
        return new StarColoring(pattern, color, colorCount);
    }

    /// <summary>Writes the seed vector of colour <paramref name="color"/>: 1 at the variables of that colour, 0 elsewhere.</summary>
    /// <param name="color">A colour, 0 … p − 1.</param>
    /// <param name="seed">Destination of length n.</param>
    /// <exception cref="ArgumentException">A length or the colour is out of range.</exception>
    public void Seed(int color, Span<double> seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(color);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(color, ColorCount);
        Guard.Length(seed.Length, colors.Length, nameof(seed));
        for (int i = 0; i < seed.Length; i++) seed[i] = colors[i] == color ? 1 : 0;
    }

    /// <summary>
    /// Direct recovery: the Hessian's nonzeros from the compressed products B = H·S, column c of B (the product with
    /// the seed of colour c, <see cref="Seed"/>) at <c>compressed[c·n … c·n + n − 1]</c>.
    /// </summary>
    /// <param name="compressed">B, column-major, of length n·p.</param>
    /// <param name="hessian">The destination, on <see cref="Pattern"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or the destination is on another pattern.</exception>
    public void Recover(ReadOnlySpan<double> compressed, SparseSymmetricMatrix hessian)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        Guard.Length(compressed.Length, colors.Length * ColorCount, nameof(compressed));
        if (!ReferenceEquals(hessian.Pattern, Pattern))
            throw new ArgumentException("hessian must be a matrix on this colouring's pattern.", nameof(hessian));
        Span<double> values = hessian.Values;
        for (int e = 0; e < sources.Length; e++) values[e] = compressed[sources[e]];
    }

    /// <summary>For each nonzero (k, i) of column i: the index in B of the product that holds it alone.</summary>
    private static int[] RecoverySources(SparsityPattern pattern, int[] colors, int colorCount)
    {
        int n = colors.Length;
        var sources = new int[pattern.NonZeroCount];
        var count = new int[colorCount];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<int> neighbours = pattern.RowsOf(i);
            foreach (int k in neighbours) if (k != i) count[colors[k]]++;
            int start = pattern.ColumnStart(i);
            for (int e = 0; e < neighbours.Length; e++)
            {
                int k = neighbours[e];
                // hᵢᵢ sits alone in row i of B's column colour(i); hₖᵢ = hᵢₖ is alone in row i of column colour(k)
                // when k is the only neighbour of i with that colour, else alone in row k of column colour(i).
                if (k == i || count[colors[k]] == 1) sources[start + e] = colors[k] * n + i;
                else if (UniqueAmongNeighbours(pattern, colors, k, i)) sources[start + e] = colors[i] * n + k;
                else throw new InvalidOperationException($"The colouring is not a star colouring: h[{k},{i}] cannot be recovered.");
            }
            foreach (int k in neighbours) if (k != i) count[colors[k]] = 0;
        }
        return sources;
    }

    private static bool UniqueAmongNeighbours(SparsityPattern pattern, int[] colors, int row, int vertex)
    {
        foreach (int k in pattern.RowsOf(row))
            if (k != row && k != vertex && colors[k] == colors[vertex]) return false;
        return true;
    }
}
