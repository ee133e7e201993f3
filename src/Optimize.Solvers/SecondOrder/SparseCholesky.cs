using Optimize.FiniteDifferences;
using Optimize.Sparsity;

namespace Optimize.Solvers.SecondOrder;

/// <summary>
/// The Cholesky factorization A + τD = LLᵀ of a sparse symmetric matrix by the up-looking algorithm (Davis,
/// <i>Direct Methods for Sparse Linear Systems</i>, SIAM 2006, §4.1–4.3: elimination tree, row patterns by
/// ereach, cs_chol), with the added diagonal of Nocedal &amp; Wright's Algorithm 3.3 for matrices that are not
/// positive definite. The symbolic analysis (elimination tree, the pattern of L) is done once per pattern; each
/// factorization reuses it and allocates nothing.
/// </summary>
/// <remarks>
/// The variables are eliminated in their natural order (no fill-reducing permutation): a band or block-banded
/// pattern keeps its fill inside the band, as for the Hessians of discretized one-dimensional problems and of
/// sums of terms on neighbouring variables; a pattern with long-range couplings may fill in much more.
/// Not safe to share between threads (it holds the factor).
/// </remarks>
public sealed class SparseCholesky
{
    private readonly SparsityPattern pattern;
    private readonly int n;
    private readonly int[] parent, columnStarts, rowIndices, next, stack, marks;
    private readonly double[] factor, work, scale;

    /// <summary>Analyses <paramref name="pattern"/>: its elimination tree and the pattern of L.</summary>
    /// <param name="pattern">A square, symmetric pattern (both triangles; the upper one is read).</param>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    /// <exception cref="ArgumentException">The pattern is not square and symmetric.</exception>
    public SparseCholesky(SparsityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!pattern.IsSymmetric)
            throw new ArgumentException($"pattern must be square and symmetric; got {pattern}.", nameof(pattern));
        this.pattern = pattern;
        n = pattern.Columns;
        parent = EliminationTree(pattern);
        next = new int[n];
        stack = new int[n];
        marks = new int[n];
        work = new double[n];
        scale = new double[n];
        // Column counts of L: row k of L has the nodes of ereach(k) plus the diagonal.
        var counts = new int[n];
        Array.Fill(marks, -1);
        for (int k = 0; k < n; k++)
        {
            for (int p = Reach(k); p < n; p++) counts[stack[p]]++;
            counts[k]++;
        }
        columnStarts = new int[n + 1];
        for (int k = 0; k < n; k++) columnStarts[k + 1] = columnStarts[k] + counts[k];
        rowIndices = new int[columnStarts[n]];
        factor = new double[columnStarts[n]];
    }

    /// <summary>The number of nonzeros of L (diagonal included).</summary>
    public int FactorNonZeroCount => columnStarts[n];

    /// <summary>The τ of the last successful factorization (0 when A itself was positive definite).</summary>
    public double Shift { get; private set; }

    /// <summary>
    /// Factors A + τD, D = diag(max(|Aᵢᵢ|, 10⁻⁸·max(1, maxⱼ|Aⱼⱼ|))), with the smallest τ of the sequence 0 (when
    /// min Aᵢᵢ &gt; 0), −min Aᵢᵢ/Dᵢᵢ + β, 2τ, 4τ, … that succeeds, β = 10⁻³ (Nocedal &amp; Wright, Algorithm 3.3, on the
    /// Jacobi-scaled matrix, as the dense Newton method does).
    /// </summary>
    /// <param name="matrix">A, on the analysed pattern.</param>
    /// <returns>Whether a factorization was found (false only for a non-finite A).</returns>
    /// <exception cref="ArgumentException">The matrix is on another pattern.</exception>
    public bool FactorWithAddedDiagonal(SparseSymmetricMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (!ReferenceEquals(matrix.Pattern, pattern))
            throw new ArgumentException("matrix must be on the pattern the factorization was analysed for.", nameof(matrix));
        double largest = 0;
        for (int i = 0; i < n; i++) largest = Math.Max(largest, Math.Abs(matrix[i, i]));
        if (!double.IsFinite(largest)) return false;
        foreach (double value in matrix.Values)
            if (!double.IsFinite(value)) return false;
        double floor = 1e-8 * Math.Max(1, largest), minimumScaled = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            double d = matrix[i, i];
            scale[i] = Math.Max(Math.Abs(d), floor);
            minimumScaled = Math.Min(minimumScaled, d / scale[i]);
        }
        const double beta = 1e-3;
        double shift = minimumScaled > 0 ? 0 : beta - minimumScaled;
        for (int attempt = 0; attempt < 200; attempt++)
        {
            if (TryFactor(matrix, shift))
            {
                Shift = shift;
                return true;
            }
            shift = Math.Max(2 * shift, beta);
        }
        return false;
    }

    /// <summary>Factors A + τD (D as in <see cref="FactorWithAddedDiagonal"/>); false when it is not numerically positive definite.</summary>
    private bool TryFactor(SparseSymmetricMatrix matrix, double shift)
    {
        ReadOnlySpan<double> values = matrix.Values;
        Array.Clear(work);
        Array.Fill(marks, -1);
        for (int k = 0; k < n; k++) next[k] = columnStarts[k];
        for (int k = 0; k < n; k++)
        {
            int top = Reach(k);
            // Scatter the upper part of column k of A into work.
            ReadOnlySpan<int> rows = pattern.RowsOf(k);
            int start = pattern.ColumnStart(k);
            for (int e = 0; e < rows.Length && rows[e] <= k; e++) work[rows[e]] = values[start + e];
            double d = work[k] + shift * scale[k];
            work[k] = 0;
            // Row k of L by a sparse triangular solve along the elimination tree.
            for (int p = top; p < n; p++)
            {
                int i = stack[p];
                double lki = work[i] / factor[columnStarts[i]];
                work[i] = 0;
                for (int q = columnStarts[i] + 1; q < next[i]; q++) work[rowIndices[q]] -= factor[q] * lki;
                d -= lki * lki;
                int slot = next[i]++;
                rowIndices[slot] = k;
                factor[slot] = lki;
            }
            if (!(d > 0)) return false;
            int diagonal = next[k]++;
            rowIndices[diagonal] = k;
            factor[diagonal] = Math.Sqrt(d);
        }
        return true;
    }

    /// <summary>Solves (A + τD)x = b in place with the current factor: Ly = b, then Lᵀx = y.</summary>
    /// <param name="rightHandSide">b on entry, x on exit.</param>
    /// <exception cref="ArgumentException">The length is not n.</exception>
    public void Solve(Span<double> rightHandSide)
    {
        Guard.Length(rightHandSide.Length, n, nameof(rightHandSide));
        for (int j = 0; j < n; j++)
        {
            double yj = rightHandSide[j] /= factor[columnStarts[j]];
            for (int q = columnStarts[j] + 1; q < columnStarts[j + 1]; q++) rightHandSide[rowIndices[q]] -= factor[q] * yj;
        }
        for (int j = n - 1; j >= 0; j--)
        {
            double sum = rightHandSide[j];
            for (int q = columnStarts[j] + 1; q < columnStarts[j + 1]; q++) sum -= factor[q] * rightHandSide[rowIndices[q]];
            rightHandSide[j] = sum / factor[columnStarts[j]];
        }
    }

    /// <summary>
    /// The nonzero pattern of row k of L, excluding the diagonal (Davis's cs_ereach): the nodes on the paths of the
    /// elimination tree from each i &lt; k with aᵢₖ ≠ 0 up to k, left in stack[top … n − 1] in topological order.
    /// </summary>
    private int Reach(int k)
    {
        int top = n;
        marks[k] = k;
        foreach (int row in pattern.RowsOf(k))
        {
            if (row >= k) break;
            int length = 0;
            for (int i = row; marks[i] != k; i = parent[i])
            {
                stack[length++] = i;
                marks[i] = k;
            }
            while (length > 0) stack[--top] = stack[--length];
        }
        return top;
    }

    /// <summary>The elimination tree of A's upper triangle, with path compression (Davis, cs_etree); −1 marks a root.</summary>
    private static int[] EliminationTree(SparsityPattern pattern)
    {
        int n = pattern.Columns;
        var parent = new int[n];
        var ancestor = new int[n];
        for (int k = 0; k < n; k++)
        {
            parent[k] = -1;
            ancestor[k] = -1;
            foreach (int row in pattern.RowsOf(k))
            {
                if (row >= k) break;
                for (int i = row; i != -1 && i < k;)
                {
                    int following = ancestor[i];
                    ancestor[i] = k;
                    if (following == -1) parent[i] = k;
                    i = following;
                }
            }
        }
        return parent;
    }
}
