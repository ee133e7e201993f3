using System.Numerics.Tensors;

namespace Optimize.Solvers.Bounded;

/// <summary>
/// The generalized Cauchy point of L-BFGS-B (Byrd, Lu, Nocedal &amp; Zhu 1995, §4, Algorithm CP): the first local
/// minimizer of the quadratic model m(x) = f + gᵀ(x − xₖ) + ½(x − xₖ)ᵀB(x − xₖ) along the projected steepest-descent
/// path P(xₖ − tg), t ≥ 0. The path is piecewise linear with a breakpoint where each variable reaches its bound; the
/// segments are examined in order of breakpoint (taken from a heap, so the common case of stopping in the first
/// segment costs no sort), with f′ and f″ of the model along the segment updated in O(m²) per breakpoint from
/// p = Wᵀd and c = Wᵀ(x_cp − xₖ). On return c holds Wᵀ(x_cp − xₖ) for the subspace step.
/// </summary>
internal static class GeneralizedCauchyPoint
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Computes x_cp into <see cref="Lbfgsb.State.CauchyPoint"/> and classifies the variables. False when M is singular.</summary>
    public static bool Compute(Lbfgsb.State state)
    {
        var x = state.X;
        var g = state.Gradient;
        var lower = state.Lower;
        var upper = state.Upper;
        var kind = state.Kind;
        var where = state.Where;
        var memory = state.Memory;
        int n = x.Length, col = memory.Count, col2 = 2 * col;
        double theta = memory.Theta;
        var xcp = state.CauchyPoint;
        var d = state.CauchyDirection;
        var breakpoints = state.Breakpoints;
        var order = state.Order;
        var p = state.P.AsSpan(0, col2);
        var c = state.C.AsSpan(0, col2);
        var v = state.V.AsSpan(0, col2);
        var wbp = state.Wbp.AsSpan(0, col2);

        bool bounded = true;
        int nfree = n, nbreak = 0, smallest = 0;
        double smallestBreak = 0, f1 = 0;
        for (int i = 0; i < n; i++)
        {
            double negativeGradient = -g[i];
            double toLower = 0, toUpper = 0;
            bool hasLower = VariableKind.HasLower(kind[i]), hasUpper = VariableKind.HasUpper(kind[i]);
            if (where[i] != VariableWhere.Fixed && where[i] != VariableWhere.Unbounded)
            {
                if (hasLower) toLower = x[i] - lower[i];
                if (hasUpper) toUpper = upper[i] - x[i];
                where[i] = VariableWhere.Free;
                if (hasLower && toLower <= 0)
                {
                    if (negativeGradient <= 0) where[i] = VariableWhere.AtLower;
                }
                else if (hasUpper && toUpper <= 0)
                {
                    if (negativeGradient >= 0) where[i] = VariableWhere.AtUpper;
                }
                else if (Math.Abs(negativeGradient) <= 0)
                {
                    where[i] = VariableWhere.FreeWithoutDescent;
                }
            }
            if (where[i] != VariableWhere.Free && where[i] != VariableWhere.Unbounded)
            {
                d[i] = 0;
                continue;
            }
            d[i] = negativeGradient;
            f1 -= negativeGradient * negativeGradient;
            if (hasLower && negativeGradient < 0)
            {
                breakpoints[nbreak] = toLower / -negativeGradient;
                order[nbreak] = i;
                if (nbreak == 0 || breakpoints[nbreak] < smallestBreak) { smallestBreak = breakpoints[nbreak]; smallest = nbreak; }
                nbreak++;
            }
            else if (hasUpper && negativeGradient > 0)
            {
                breakpoints[nbreak] = toUpper / negativeGradient;
                order[nbreak] = i;
                if (nbreak == 0 || breakpoints[nbreak] < smallestBreak) { smallestBreak = breakpoints[nbreak]; smallest = nbreak; }
                nbreak++;
            }
            else
            {
                nfree--;
                order[nfree] = i;
                if (Math.Abs(negativeGradient) > 0) bounded = false;
            }
        }
        // p = Wᵀd, W = [Y θS].
        for (int j = 0; j < col; j++)
        {
            p[j] = TensorPrimitives.Dot(memory.Change(j), d);
            p[col + j] = theta * TensorPrimitives.Dot(memory.Step(j), d);
        }
        x.CopyTo(xcp, 0);
        c.Clear();
        if (nbreak == 0 && nfree == n) return true;

        double f2 = -theta * f1, f2Original = f2;
        if (col > 0)
        {
            if (!memory.MultiplyMiddle(p, v)) return false;
            f2 -= TensorPrimitives.Dot(v, p);
        }
        double dtm = -f1 / f2, tsum = 0, tj = 0;
        int left = nbreak;
        for (int segment = 1; left > 0; segment++)
        {
            double tj0 = tj;
            int breaking;
            if (segment == 1)
            {
                tj = smallestBreak;
                breaking = order[smallest];
            }
            else
            {
                if (segment == 2 && smallest != nbreak - 1)
                {
                    // The smallest breakpoint is used: the last one takes its place before the heap is built.
                    breakpoints[smallest] = breakpoints[nbreak - 1];
                    order[smallest] = order[nbreak - 1];
                }
                PopSmallest(breakpoints, order, left, build: segment == 2);
                tj = breakpoints[left - 1];
                breaking = order[left - 1];
            }
            double dt = tj - tj0;
            if (dtm < dt) break;

            // The model still decreases past this breakpoint: fix the variable at its bound and go on.
            tsum += dt;
            left--;
            double db = d[breaking], zb;
            d[breaking] = 0;
            if (db > 0)
            {
                zb = upper[breaking] - x[breaking];
                xcp[breaking] = upper[breaking];
                where[breaking] = VariableWhere.AtUpper;
            }
            else
            {
                zb = lower[breaking] - x[breaking];
                xcp[breaking] = lower[breaking];
                where[breaking] = VariableWhere.AtLower;
            }
            if (left == 0 && nbreak == n)
            {
                // Every variable is at a bound.
                if (col > 0) TensorPrimitives.MultiplyAdd(p, dt, c, c);
                return true;
            }
            double db2 = db * db;
            f1 += dt * f2 + db2 - theta * db * zb;
            f2 -= theta * db2;
            if (col > 0)
            {
                TensorPrimitives.MultiplyAdd(p, dt, c, c);
                for (int j = 0; j < col; j++)
                {
                    wbp[j] = memory.Change(j)[breaking];
                    wbp[col + j] = theta * memory.Step(j)[breaking];
                }
                if (!memory.MultiplyMiddle(wbp, v)) return false;
                double wmc = TensorPrimitives.Dot(c, v), wmp = TensorPrimitives.Dot(p, v), wmw = TensorPrimitives.Dot(wbp, v);
                TensorPrimitives.MultiplyAdd(wbp, -db, p, p);
                f1 += db * wmc;
                f2 += 2 * db * wmp - db2 * wmw;
            }
            f2 = Math.Max(MachineEpsilon * f2Original, f2);
            if (left > 0) dtm = -f1 / f2;
            else if (bounded) dtm = 0;
            else dtm = -f1 / f2;
        }
        if (dtm <= 0) dtm = 0;
        tsum += dtm;
        TensorPrimitives.MultiplyAdd(d, tsum, xcp, xcp);
        if (col > 0) TensorPrimitives.MultiplyAdd(p, dtm, c, c);
        return true;
    }

    /// <summary>
    /// Moves the smallest of breakpoints[0..count) to position count − 1, keeping the others a binary min-heap
    /// (built first when <paramref name="build"/>), as the 3.0 code's <c>hpsolb</c>.
    /// </summary>
    private static void PopSmallest(double[] breakpoints, int[] order, int count, bool build)
    {
        if (build)
        {
            for (int k = 1; k < count; k++)
            {
                double key = breakpoints[k];
                int index = order[k], i = k;
                while (i > 0 && breakpoints[(i - 1) / 2] > key)
                {
                    breakpoints[i] = breakpoints[(i - 1) / 2];
                    order[i] = order[(i - 1) / 2];
                    i = (i - 1) / 2;
                }
                breakpoints[i] = key;
                order[i] = index;
            }
        }
        if (count <= 1) return;
        double smallest = breakpoints[0], moved = breakpoints[count - 1];
        int smallestIndex = order[0], movedIndex = order[count - 1], last = count - 1, at = 0;
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= last) break;
            if (child + 1 < last && breakpoints[child + 1] < breakpoints[child]) child++;
            if (!(breakpoints[child] < moved)) break;
            breakpoints[at] = breakpoints[child];
            order[at] = order[child];
            at = child;
        }
        breakpoints[at] = moved;
        order[at] = movedIndex;
        breakpoints[count - 1] = smallest;
        order[count - 1] = smallestIndex;
    }
}
