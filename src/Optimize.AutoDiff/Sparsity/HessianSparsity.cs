using Optimize.AutoDiff.Reverse;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Optimize.Sparsity;

namespace Optimize.AutoDiff.Sparsity;

/// <summary>
/// Sparse Hessians of functions written once over the generic scalar: the pattern detected by running the
/// function on <see cref="HessianSparsityTracer"/>, a star colouring of it (<see cref="StarColoring"/>), and the
/// Hessian recovered from one Hessian-vector product per colour (Gebremedhin, Manne &amp; Pothen, SIAM Review
/// 47(4), 2005; Walther, ACM TOMS 34(1), 2008).
/// </summary>
/// <example>
/// <code>
/// var pattern = HessianSparsity.Detect(problem, problem.StartingPoint);
/// var coloring = StarColoring.Compute(pattern);              // 3 colours for a tridiagonal Hessian
/// var hessian = new SparseSymmetricMatrix(pattern);
/// HessianSparsity.Hessian(problem, x, coloring, hessian);    // 3 Hessian-vector products
/// </code>
/// </example>
public static class HessianSparsity
{
    /// <summary>
    /// The structural nonzeros of ∇²f, detected from one run of <paramref name="f"/> on tracing scalars at
    /// <paramref name="x"/> (its branches are those taken at x). The pattern is symmetric, holds both triangles
    /// and always the whole diagonal.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point whose branches are traced, of length n.</param>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong length.</exception>
    public static SparsityPattern Detect(IScalarFunction f, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
        int n = x.Length;
        var recording = new HessianSparsityRecording(n);
        var inputs = new HessianSparsityTracer[n];
        for (int i = 0; i < n; i++) inputs[i] = HessianSparsityTracer.Input(x[i], i);
        HessianSparsityRecording? outer = HessianSparsityRecording.Swap(recording);
        try { f.Evaluate<HessianSparsityTracer>(inputs); }
        finally { HessianSparsityRecording.Swap(outer); }
        return Symmetric(n, recording.Pairs);
    }

    /// <summary>The symmetric pattern with the diagonal and both (i, j) and (j, i) for every packed pair i·n + j.</summary>
    private static SparsityPattern Symmetric(int n, HashSet<long> pairs)
    {
        var entries = new List<(int Row, int Column)>(2 * pairs.Count + n);
        for (int i = 0; i < n; i++) entries.Add((i, i));
        foreach (long pair in pairs)
        {
            int i = (int)(pair / n), j = (int)(pair % n);
            if (i == j) continue;
            entries.Add((i, j));
            entries.Add((j, i));
        }
        return SparsityPattern.FromEntries(n, n, entries);
    }

    /// <summary>
    /// ∇²f(x) on the colouring's pattern from one Hessian-vector product per colour (forward over reverse on the
    /// tape, <see cref="ReverseMode.HessianVector"/>) and direct recovery.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="coloring">A star colouring of a pattern that contains ∇²f's.</param>
    /// <param name="hessian">Destination on the colouring's pattern.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A length is wrong, or the destination is on another pattern.</exception>
    public static void Hessian(IScalarFunction f, ReadOnlySpan<double> x, StarColoring coloring, SparseSymmetricMatrix hessian)
    {
        ArgumentNullException.ThrowIfNull(f);
        Hessian(f, null, x, coloring, hessian);
    }

    /// <summary>∇²f(x) on the colouring's pattern from one product of <paramref name="objective"/> per colour.</summary>
    /// <param name="objective">An oracle of Hessian-vector products.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="coloring">A star colouring of a pattern that contains ∇²f's.</param>
    /// <param name="hessian">Destination on the colouring's pattern.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A length is wrong, or the destination is on another pattern.</exception>
    public static void Hessian(IHessianVectorObjective objective, ReadOnlySpan<double> x, StarColoring coloring, SparseSymmetricMatrix hessian)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Hessian(null, objective, x, coloring, hessian);
    }

    /// <summary>The products with one of <paramref name="f"/> (on the tape) or <paramref name="objective"/>, then recovery.</summary>
    private static void Hessian(IScalarFunction? f, IHessianVectorObjective? objective, ReadOnlySpan<double> x, StarColoring coloring,
        SparseSymmetricMatrix hessian)
    {
        int n = f?.Dimension ?? objective!.Dimension;
        Guard.Length(x.Length, n, nameof(x));
        ArgumentNullException.ThrowIfNull(coloring);
        ArgumentNullException.ThrowIfNull(hessian);
        Guard.Length(coloring.Colors.Length, n, nameof(coloring));
        var seed = new double[n];
        var compressed = new double[n * coloring.ColorCount];
        for (int c = 0; c < coloring.ColorCount; c++)
        {
            coloring.Seed(c, seed);
            Span<double> column = compressed.AsSpan(c * n, n);
            if (f is not null) ReverseMode.HessianVector(f, x, seed, column);
            else objective!.HessianVector(x, seed, column);
        }
        coloring.Recover(compressed, hessian);
    }
}
