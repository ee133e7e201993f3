using System.Numerics.Tensors;

namespace Optimize.Solvers.Bounded;

/// <summary>
/// The subspace step of L-BFGS-B by the direct primal method (Byrd, Lu, Nocedal &amp; Zhu 1995, §5.1): minimize the
/// quadratic model over the variables free at the Cauchy point, the others held at their bounds. The reduced gradient
/// r = −Zᵀ(g + B(x_cp − x)) (the 3.0 code's <c>cmprlb</c>) and the unconstrained reduced step
/// d = (ZᵀBZ)⁻¹r by the Sherman–Morrison–Woodbury formula with the factored K (<c>subsm</c>); then the refinement of
/// Morales &amp; Nocedal (2011, "Remark on Algorithm 778", ACM TOMS 38(1)): the point x_cp + d is projected onto the box,
/// and only when that projected point is not a descent direction from x does the original backtrack to the first bound
/// along d apply.
/// </summary>
internal static class SubspaceMinimization
{
    /// <summary>Moves <see cref="Lbfgsb.State.CauchyPoint"/> to the subspace minimizer. False when K or M is singular.</summary>
    public static bool Refine(Lbfgsb.State state, int freeCount)
    {
        var memory = state.Memory;
        int col = memory.Count;
        if (freeCount == 0 || col == 0) return true;
        var index = state.Index;
        var free = index.AsSpan(0, freeCount);
        if (!memory.FormK(state.IsFree, free, index.AsSpan(freeCount))) return false;

        var x = state.X;
        var g = state.Gradient;
        var z = state.CauchyPoint;
        var r = state.Reduced.AsSpan(0, freeCount);
        double theta = memory.Theta;
        for (int i = 0; i < freeCount; i++) r[i] = -theta * (z[free[i]] - x[free[i]]) - g[free[i]];
        if (state.Constrained)
        {
            var v = state.V.AsSpan(0, 2 * col);
            if (!memory.MultiplyMiddle(state.C.AsSpan(0, 2 * col), v)) return false;
            for (int j = 0; j < col; j++)
            {
                double a1 = v[j], a2 = theta * v[col + j];
                var y = memory.Change(j);
                var s = memory.Step(j);
                for (int i = 0; i < freeCount; i++) r[i] += y[free[i]] * a1 + s[free[i]] * a2;
            }
        }

        // d = (1/θ)r + (1/θ²)ZᵀW K⁻¹ WᵀZ r.
        var wv = state.Wv.AsSpan(0, 2 * col);
        for (int j = 0; j < col; j++)
        {
            var y = memory.Change(j);
            var s = memory.Step(j);
            double ty = 0, ts = 0;
            for (int i = 0; i < freeCount; i++)
            {
                ty += y[free[i]] * r[i];
                ts += s[free[i]] * r[i];
            }
            wv[j] = ty;
            wv[col + j] = theta * ts;
        }
        if (!memory.SolveK(wv)) return false;
        for (int j = 0; j < col; j++)
        {
            var y = memory.Change(j);
            var s = memory.Step(j);
            double wy = wv[j] / theta, ws = wv[col + j];
            for (int i = 0; i < freeCount; i++) r[i] += y[free[i]] * wy + s[free[i]] * ws;
        }
        TensorPrimitives.Multiply(r, 1 / theta, r);

        ProjectOrBacktrack(state, free, r);
        return true;
    }

    /// <summary>The Morales–Nocedal step: project x_cp + d; fall back to the backtrack when that is not a descent direction.</summary>
    private static void ProjectOrBacktrack(Lbfgsb.State state, ReadOnlySpan<int> free, Span<double> d)
    {
        var z = state.CauchyPoint;
        var lower = state.Lower;
        var upper = state.Upper;
        var kind = state.Kind;
        z.CopyTo(state.Saved, 0);
        bool hitBound = false;
        for (int i = 0; i < free.Length; i++)
        {
            int k = free[i];
            double moved = z[k] + d[i];
            if (VariableKind.HasLower(kind[k]) && moved <= lower[k]) { moved = lower[k]; hitBound = true; }
            if (VariableKind.HasUpper(kind[k]) && moved >= upper[k]) { moved = upper[k]; hitBound = true; }
            z[k] = moved;
        }
        if (!hitBound) return;
        // Is the projected point still downhill from x?
        double slope = 0;
        var x = state.X;
        var g = state.Gradient;
        for (int i = 0; i < z.Length; i++) slope += (z[i] - x[i]) * g[i];
        if (!(slope > 0)) return;

        state.Saved.CopyTo(z, 0);
        state.Backtracks++;
        double alpha = 1, limit = alpha;
        int blocking = -1;
        for (int i = 0; i < free.Length; i++)
        {
            int k = free[i];
            double dk = d[i];
            if (dk < 0 && VariableKind.HasLower(kind[k]))
            {
                double room = lower[k] - z[k];
                if (room >= 0) limit = 0;
                else if (dk * alpha < room) limit = room / dk;
            }
            else if (dk > 0 && VariableKind.HasUpper(kind[k]))
            {
                double room = upper[k] - z[k];
                if (room <= 0) limit = 0;
                else if (dk * alpha > room) limit = room / dk;
            }
            if (limit < alpha)
            {
                alpha = limit;
                blocking = i;
            }
        }
        if (alpha < 1 && blocking >= 0)
        {
            int k = free[blocking];
            if (d[blocking] > 0) z[k] = upper[k];
            else if (d[blocking] < 0) z[k] = lower[k];
            d[blocking] = 0;
        }
        for (int i = 0; i < free.Length; i++) z[free[i]] += alpha * d[i];
    }
}
