using System.Numerics.Tensors;

namespace Optimize.Solvers.Bounded;

/// <summary>
/// The compact limited-memory BFGS matrix B = θI − W M Wᵀ of L-BFGS-B, W = [Y θS] (n × 2m), M⁻¹ = [[−D, Lᵀ], [L, θSᵀS]]
/// (Byrd, Nocedal &amp; Schnabel 1994, Theorem 2.3; Byrd, Lu, Nocedal &amp; Zhu 1995, §3), with the products the
/// generalized Cauchy point and the subspace minimization need: M·v through the Cholesky factor of
/// T = θSᵀS + LD⁻¹Lᵀ (the 3.0 code's <c>formt</c> and <c>bmv</c>), and the factored middle matrix K of the reduced
/// Hessian ZᵀBZ (<c>formk</c>). Pairs live in a ring of m slots; the products over free and active variables that K
/// needs are kept per slot and updated only for the variables that enter or leave the free set and for new pairs,
/// so an iteration costs O(mn) plus O(m²) per changed variable. Everything is allocated once.
/// </summary>
internal sealed class CompactLimitedMemory
{
    private readonly int n, m;
    private readonly double[] steps, changes;
    // By slot (m × m): sₐᵀy_b and sₐᵀs_b over all variables; y·y and sᵀy over the free set and s·s, sᵀy over the active set.
    private readonly double[] stepChange, stepStep, changeChangeFree, stepStepActive, stepChangeFree, stepChangeActive;
    private readonly bool[] stale;
    private readonly bool[] summedFree;
    // By position, oldest first: SᵀY, SᵀS, the factor of T (m × m), and the factored K (2m × 2m).
    private readonly double[] sy, ss, t, k;
    private int head;

    public CompactLimitedMemory(int dimension, int memory)
    {
        n = dimension;
        m = memory;
        steps = new double[m * n];
        changes = new double[m * n];
        stepChange = new double[m * m];
        stepStep = new double[m * m];
        changeChangeFree = new double[m * m];
        stepStepActive = new double[m * m];
        stepChangeFree = new double[m * m];
        stepChangeActive = new double[m * m];
        stale = new bool[m];
        summedFree = new bool[n];
        sy = new double[m * m];
        ss = new double[m * m];
        t = new double[m * m];
        k = new double[4 * m * m];
    }

    /// <summary>The number of stored pairs (col of the 3.0 code).</summary>
    public int Count { get; private set; }

    /// <summary>θ of B₀ = θI: yᵀy/sᵀy of the newest pair, 1 with no pair.</summary>
    public double Theta { get; private set; } = 1;

    /// <summary>The ring slot of the pair at <paramref name="position"/> (0 the oldest).</summary>
    public int Slot(int position) => (head + position) % m;

    /// <summary>The step sᵢ of the pair at <paramref name="position"/>.</summary>
    public ReadOnlySpan<double> Step(int position) => steps.AsSpan(Slot(position) * n, n);

    /// <summary>The gradient change yᵢ of the pair at <paramref name="position"/>.</summary>
    public ReadOnlySpan<double> Change(int position) => changes.AsSpan(Slot(position) * n, n);

    /// <summary>Forgets every pair (B = I), as the 3.0 code's refresh of the memory.</summary>
    public void Reset()
    {
        Count = 0;
        head = 0;
        Theta = 1;
    }

    /// <summary>
    /// Adds the pair (s, y) with sᵀy = <paramref name="curvature"/> &gt; 0 and yᵀy = <paramref name="changeNorm2"/>,
    /// dropping the oldest when full, and refactors T (<c>matupd</c>, <c>formt</c>). False when T is not positive
    /// definite; the caller then resets the memory.
    /// </summary>
    public bool Add(ReadOnlySpan<double> s, ReadOnlySpan<double> y, double curvature, double changeNorm2)
    {
        int slot;
        if (Count < m)
        {
            slot = Slot(Count);
            Count++;
        }
        else
        {
            slot = head;
            head = (head + 1) % m;
        }
        s.CopyTo(steps.AsSpan(slot * n, n));
        y.CopyTo(changes.AsSpan(slot * n, n));
        Theta = changeNorm2 / curvature;
        for (int p = 0; p < Count; p++)
        {
            int b = Slot(p);
            var sb = steps.AsSpan(b * n, n);
            stepChange[slot * m + b] = TensorPrimitives.Dot(s, changes.AsSpan(b * n, n));
            stepChange[b * m + slot] = TensorPrimitives.Dot(sb, y);
            stepStep[slot * m + b] = stepStep[b * m + slot] = TensorPrimitives.Dot(s, sb);
        }
        stale[slot] = true;
        for (int i = 0; i < Count; i++)
            for (int j = 0; j < Count; j++)
            {
                sy[i * m + j] = stepChange[Slot(i) * m + Slot(j)];
                ss[i * m + j] = stepStep[Slot(i) * m + Slot(j)];
            }
        return FormT();
    }

    /// <summary>T = θSᵀS + LD⁻¹Lᵀ (L the strictly lower part of SᵀY, D its diagonal), factored as RᵀR.</summary>
    private bool FormT()
    {
        int col = Count;
        for (int i = 0; i < col; i++)
            for (int j = i; j < col; j++)
            {
                double sum = Theta * ss[i * m + j];
                for (int q = 0; q < i; q++) sum += sy[i * m + q] * sy[j * m + q] / sy[q * m + q];
                t[i * m + j] = sum;
            }
        return SmallDense.CholeskyUpper(t, m, 0, col);
    }

    /// <summary>
    /// p = M·v for v of length 2·<see cref="Count"/>, through M⁻¹ = [[D^½, 0], [−LD^−½, J]]·[[−D^½, D^−½Lᵀ], [0, Jᵀ]]
    /// with JJᵀ = T (the 3.0 code's <c>bmv</c>). False when a triangular factor is singular.
    /// </summary>
    public bool MultiplyMiddle(ReadOnlySpan<double> v, Span<double> p)
    {
        int col = Count;
        if (col == 0) return true;
        p[col] = v[col];
        for (int i = 1; i < col; i++)
        {
            double sum = 0;
            for (int q = 0; q < i; q++) sum += sy[i * m + q] * v[q] / sy[q * m + q];
            p[col + i] = v[col + i] + sum;
        }
        var lower = p.Slice(col, col);
        if (!SmallDense.SolveTransposed(t, m, col, lower)) return false;
        for (int i = 0; i < col; i++) p[i] = v[i] / Math.Sqrt(sy[i * m + i]);
        if (!SmallDense.Solve(t, m, col, lower)) return false;
        for (int i = 0; i < col; i++) p[i] = -p[i] / Math.Sqrt(sy[i * m + i]);
        for (int i = 0; i < col; i++)
        {
            double sum = 0;
            for (int q = i + 1; q < col; q++) sum += sy[q * m + i] * p[col + q] / sy[i * m + i];
            p[i] += sum;
        }
        return true;
    }

    /// <summary>
    /// Forms and factors K = [[−D − YᵀZZᵀY/θ, L_Aᵀ − R_Zᵀ], [L_A − R_Z, θSᵀAAᵀS]] = RᵀER, E = diag(−I, I), for the free
    /// set <paramref name="free"/> (Z) and its complement (A); L_A is the strictly lower part of SᵀAAᵀY and R_Z the
    /// upper part of SᵀZZᵀY (the 3.0 code's <c>formk</c>). False when a block is not positive definite.
    /// </summary>
    /// <param name="free">Whether each variable is free at the Cauchy point.</param>
    /// <param name="freeIndices">The free variables.</param>
    /// <param name="activeIndices">The other variables.</param>
    public bool FormK(ReadOnlySpan<bool> free, ReadOnlySpan<int> freeIndices, ReadOnlySpan<int> activeIndices)
    {
        int col = Count;
        // Variables that entered or left the free set since the sums were formed: add or remove their terms.
        for (int v = 0; v < n; v++)
        {
            if (free[v] == summedFree[v]) continue;
            double sign = free[v] ? 1 : -1;
            for (int pa = 0; pa < col; pa++)
            {
                int a = Slot(pa);
                if (stale[a]) continue;
                double ya = changes[a * n + v], sa = steps[a * n + v];
                for (int pb = 0; pb < col; pb++)
                {
                    int b = Slot(pb);
                    if (stale[b]) continue;
                    double yb = changes[b * n + v], sb = steps[b * n + v];
                    changeChangeFree[a * m + b] += sign * ya * yb;
                    stepStepActive[a * m + b] -= sign * sa * sb;
                    stepChangeFree[a * m + b] += sign * sa * yb;
                    stepChangeActive[a * m + b] -= sign * sa * yb;
                }
            }
            summedFree[v] = free[v];
        }
        // New pairs: their sums over the current sets.
        for (int pa = 0; pa < col; pa++)
        {
            int a = Slot(pa);
            if (!stale[a]) continue;
            for (int pb = 0; pb < col; pb++)
            {
                int b = Slot(pb);
                changeChangeFree[a * m + b] = changeChangeFree[b * m + a] = Gathered(changes, a, changes, b, freeIndices);
                stepStepActive[a * m + b] = stepStepActive[b * m + a] = Gathered(steps, a, steps, b, activeIndices);
                stepChangeFree[a * m + b] = Gathered(steps, a, changes, b, freeIndices);
                stepChangeFree[b * m + a] = Gathered(steps, b, changes, a, freeIndices);
                stepChangeActive[a * m + b] = Gathered(steps, a, changes, b, activeIndices);
                stepChangeActive[b * m + a] = Gathered(steps, b, changes, a, activeIndices);
            }
        }
        for (int pa = 0; pa < col; pa++) stale[Slot(pa)] = false;

        // The upper triangle of [[D + YᵀZZᵀY/θ, −L_Aᵀ + R_Zᵀ], [·, θSᵀAAᵀS]], by position.
        int stride = 2 * m;
        for (int i = 0; i < col; i++)
        {
            int a = Slot(i);
            for (int j = 0; j <= i; j++)
            {
                int b = Slot(j);
                k[j * stride + i] = changeChangeFree[a * m + b] / Theta;
                k[(col + j) * stride + col + i] = stepStepActive[a * m + b] * Theta;
            }
            for (int j = 0; j < col; j++)
            {
                int b = Slot(j);
                // Entry (j, col + i) is −L_A[i, j] for i > j and R_Z[i, j] for i ≤ j.
                k[j * stride + col + i] = i > j ? -stepChangeActive[a * m + b] : stepChangeFree[a * m + b];
            }
            k[i * stride + i] += sy[i * m + i];
        }
        if (!SmallDense.CholeskyUpper(k, stride, 0, col)) return false;
        // The (1,2) block becomes R₁₁⁻ᵀ(−L_Aᵀ + R_Zᵀ), column by column.
        for (int js = col; js < 2 * col; js++)
            for (int i = 0; i < col; i++)
            {
                double sum = k[i * stride + js];
                for (int q = 0; q < i; q++) sum -= k[q * stride + i] * k[q * stride + js];
                k[i * stride + js] = sum / k[i * stride + i];
            }
        for (int i = col; i < 2 * col; i++)
            for (int j = i; j < 2 * col; j++)
            {
                double sum = 0;
                for (int q = 0; q < col; q++) sum += k[q * stride + i] * k[q * stride + j];
                k[i * stride + j] += sum;
            }
        return SmallDense.CholeskyUpper(k, stride, col, col);
    }

    /// <summary>v ← K⁻¹v = R⁻¹ E R⁻ᵀ v for v of length 2·<see cref="Count"/> (after <see cref="FormK"/>).</summary>
    public bool SolveK(Span<double> v)
    {
        int col = Count, stride = 2 * m;
        if (!SmallDense.SolveTransposed(k, stride, 2 * col, v)) return false;
        for (int i = 0; i < col; i++) v[i] = -v[i];
        return SmallDense.Solve(k, stride, 2 * col, v);
    }

    private double Gathered(double[] left, int a, double[] right, int b, ReadOnlySpan<int> indices)
    {
        double sum = 0;
        int la = a * n, rb = b * n;
        foreach (int v in indices) sum += left[la + v] * right[rb + v];
        return sum;
    }
}
