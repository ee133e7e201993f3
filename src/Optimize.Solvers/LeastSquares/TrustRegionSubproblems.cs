using MathNet.Numerics.LinearAlgebra;
using Optimize.Solvers.LinearAlgebra;

namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// The small pieces of the trust-region reflective method, after scipy's <c>scipy.optimize._lsq.common</c>
/// (<c>solve_lsq_trust_region</c>, <c>solve_trust_region_2d</c>, <c>build_quadratic_1d</c>,
/// <c>minimize_quadratic_1d</c>, <c>evaluate_quadratic</c>, <c>intersect_trust_region</c>, <c>step_size_to_bound</c>,
/// <c>find_active_constraints</c>, <c>make_strictly_feasible</c>, <c>CL_scaling_vector</c>).
/// </summary>
internal static class TrustRegionSubproblems
{
    private const double Epsilon = Minpack.MachineEpsilon;

    /// <summary>
    /// min ‖J p + f‖ subject to ‖p‖ ≤ Δ from the singular values s and right singular vectors V of J (m×n) and
    /// suf = s∘(Uᵀf) = Vᵀ(Jᵀf): the Gauss–Newton step if it fits, else p(α) = −V(suf/(s² + α)) with α from
    /// Moré's safeguarded Newton iteration on ‖p(α)‖ − Δ (Moré 1978; Nocedal &amp; Wright, Numerical Optimization,
    /// §10.3). <paramref name="alpha"/> is the warm start on entry and the parameter found on return.
    /// </summary>
    public static void SolveLeastSquares(int n, int m, double[] suf, double[] s, Matrix<double> v, double delta, ref double alpha, double[] p)
    {
        bool fullRank = m >= n && s[n - 1] > Epsilon * m * s[0];
        var coefficients = new double[n];
        if (fullRank)
        {
            for (int k = 0; k < n; k++) coefficients[k] = -suf[k] / (s[k] * s[k]);
            Combine(v, coefficients, p);
            if (Norm(p) <= delta)
            {
                alpha = 0;
                return;
            }
        }
        double alphaUpper = Norm(suf) / delta, alphaLower = 0;
        if (fullRank)
        {
            var (phi0, phiPrime0) = Phi(0, suf, s, delta);
            alphaLower = -phi0 / phiPrime0;
        }
        if (!fullRank && alpha == 0) alpha = Math.Max(0.001 * alphaUpper, Math.Sqrt(alphaLower * alphaUpper));
        for (int iteration = 0; iteration < 10; iteration++)
        {
            if (alpha < alphaLower || alpha > alphaUpper) alpha = Math.Max(0.001 * alphaUpper, Math.Sqrt(alphaLower * alphaUpper));
            var (phi, phiPrime) = Phi(alpha, suf, s, delta);
            if (phi < 0) alphaUpper = alpha;
            double ratio = phi / phiPrime;
            alphaLower = Math.Max(alphaLower, alpha - ratio);
            alpha -= (phi + delta) * ratio / delta;
            if (Math.Abs(phi) < 0.01 * delta) break;
        }
        for (int k = 0; k < n; k++) coefficients[k] = -suf[k] / (s[k] * s[k] + alpha);
        Combine(v, coefficients, p);
        double scale = delta / Norm(p);
        for (int k = 0; k < n; k++) p[k] *= scale;
    }

    private static (double Phi, double Derivative) Phi(double alpha, double[] suf, double[] s, double delta)
    {
        double norm = 0, sum = 0;
        for (int k = 0; k < s.Length; k++)
        {
            double denominator = s[k] * s[k] + alpha, q = suf[k] / denominator;
            norm += q * q;
            sum += suf[k] * suf[k] / (denominator * denominator * denominator);
        }
        norm = Math.Sqrt(norm);
        return (norm - delta, -sum / norm);
    }

    private static void Combine(Matrix<double> v, double[] coefficients, double[] result)
    {
        for (int i = 0; i < v.RowCount; i++)
        {
            double sum = 0;
            for (int k = 0; k < coefficients.Length; k++) sum += v[i, k] * coefficients[k];
            result[i] = sum;
        }
    }

    /// <summary>
    /// min ½pᵀBp + gᵀp subject to ‖p‖ ≤ Δ for a symmetric positive semidefinite B of size 1 or 2: the Newton step if
    /// it fits, else p(λ) = −(B + λI)⁻¹g with ‖p(λ)‖ = Δ found by bisection in the eigenbasis, with the hard case
    /// (g orthogonal to the eigenvector of the smallest eigenvalue) handled (Moré &amp; Sorensen 1983).
    /// </summary>
    public static double[] SolveSmall(double[,] b, double[] g, double delta)
    {
        int k = g.Length;
        double[] mu, gHat;
        double[,] q;
        if (k == 1)
        {
            mu = [b[0, 0]];
            q = new double[,] { { 1 } };
        }
        else
        {
            double a = b[0, 0], c = b[1, 1], off = b[0, 1];
            double mean = 0.5 * (a + c), radius = Math.Sqrt(0.25 * (a - c) * (a - c) + off * off);
            mu = [mean - radius, mean + radius];
            // Eigenvector of the smaller eigenvalue, then its perpendicular.
            double vx, vy;
            if (off != 0) { vx = mu[0] - c; vy = off; }
            else if (a <= c) { vx = 1; vy = 0; }
            else { vx = 0; vy = 1; }
            double length = Math.Sqrt(vx * vx + vy * vy);
            vx /= length;
            vy /= length;
            q = new double[,] { { vx, -vy }, { vy, vx } };
        }
        gHat = new double[k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) gHat[i] += q[j, i] * g[j];

        double Length(double lambda)
        {
            double sum = 0;
            for (int i = 0; i < k; i++)
            {
                double denominator = mu[i] + lambda;
                if (gHat[i] == 0) continue;
                sum += gHat[i] * gHat[i] / (denominator * denominator);
            }
            return Math.Sqrt(sum);
        }

        var pHat = new double[k];
        double lower = Math.Max(0, -mu[0]);
        double scaleMu = Math.Max(Math.Abs(mu[0]), Math.Abs(mu[k - 1]));
        bool positiveDefinite = mu[0] > Epsilon * Math.Max(scaleMu, Epsilon);
        if (positiveDefinite && Length(0) <= delta)
        {
            for (int i = 0; i < k; i++) pHat[i] = -gHat[i] / mu[i];
        }
        else
        {
            double gNorm = Math.Sqrt(gHat.Sum(v => v * v));
            bool hard = Math.Abs(gHat[0]) <= Epsilon * Math.Max(gNorm, Epsilon) && Length(lower) < delta;
            if (hard)
            {
                double sum = 0;
                for (int i = 1; i < k; i++)
                {
                    pHat[i] = mu[i] + lower == 0 ? 0 : -gHat[i] / (mu[i] + lower);
                    sum += pHat[i] * pHat[i];
                }
                pHat[0] = Math.Sqrt(Math.Max(delta * delta - sum, 0));
            }
            else
            {
                double upper = lower + gNorm / delta + scaleMu + Epsilon, low = lower;
                for (int iteration = 0; iteration < 200 && upper - low > Epsilon * Math.Max(upper, 1); iteration++)
                {
                    double middle = 0.5 * (low + upper);
                    if (Length(middle) > delta) low = middle;
                    else upper = middle;
                }
                for (int i = 0; i < k; i++) pHat[i] = gHat[i] == 0 ? 0 : -gHat[i] / (mu[i] + upper);
            }
        }
        var p = new double[k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) p[i] += q[i, j] * pHat[j];
        return p;
    }

    /// <summary>
    /// The coefficients of q(t) = ½‖J(s₀ + ts)‖² + ½(s₀ + ts)ᵀdiag(s₀ + ts) + gᵀ(s₀ + ts) = at² + bt + c.
    /// </summary>
    public static (double A, double B, double C) Quadratic1D(IRectangularOperator j, double[] g, double[] s, double[]? diagonal,
        double[]? s0, double[] rowsBuffer, double[] rowsBuffer2)
    {
        j.Multiply(s, rowsBuffer);
        double a = Dot(rowsBuffer, rowsBuffer);
        if (diagonal is not null) a += WeightedDot(s, diagonal, s);
        a *= 0.5;
        double b = Dot(g, s), c = 0;
        if (s0 is not null)
        {
            j.Multiply(s0, rowsBuffer2);
            b += Dot(rowsBuffer2, rowsBuffer);
            c = 0.5 * Dot(rowsBuffer2, rowsBuffer2) + Dot(g, s0);
            if (diagonal is not null)
            {
                b += WeightedDot(s0, diagonal, s);
                c += 0.5 * WeightedDot(s0, diagonal, s0);
            }
        }
        return (a, b, c);
    }

    /// <summary>The minimum of at² + bt + c over [lower, upper]: (t, value).</summary>
    public static (double T, double Value) MinimizeQuadratic1D(double a, double b, double lower, double upper, double c = 0)
    {
        double bestT = lower, best = lower * (a * lower + b) + c;
        void Try(double t)
        {
            double y = t * (a * t + b) + c;
            if (y < best) { best = y; bestT = t; }
        }
        Try(upper);
        if (a != 0)
        {
            double extremum = -0.5 * b / a;
            if (lower < extremum && extremum < upper) Try(extremum);
        }
        return (bestT, best);
    }

    /// <summary>½‖Js‖² + ½sᵀdiag s + gᵀs.</summary>
    public static double EvaluateQuadratic(IRectangularOperator j, double[] g, double[] s, double[] diagonal, double[] rowsBuffer)
    {
        j.Multiply(s, rowsBuffer);
        return 0.5 * (Dot(rowsBuffer, rowsBuffer) + WeightedDot(s, diagonal, s)) + Dot(s, g);
    }

    /// <summary>The values t₁ &lt; 0 &lt; t₂ with ‖x + ts‖ = Δ, for ‖x‖ ≤ Δ and s ≠ 0.</summary>
    public static (double Negative, double Positive) IntersectTrustRegion(double[] x, double[] s, double delta)
    {
        double a = Dot(s, s), b = Dot(x, s), c = Dot(x, x) - delta * delta;
        double d = Math.Sqrt(Math.Max(b * b - a * c, 0));
        double q = -(b + Math.CopySign(d, b));
        double t1 = q / a, t2 = c / q;
        return t1 < t2 ? (t1, t2) : (t2, t1);
    }

    /// <summary>The largest t ≥ 0 with l ≤ x + ts ≤ u, and which bounds x + ts then reaches (−1, 0, 1 per variable, the sign of s).</summary>
    public static double StepToBound(ReadOnlySpan<double> x, ReadOnlySpan<double> s, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, int[]? hits)
    {
        double minimum = double.PositiveInfinity;
        for (int i = 0; i < x.Length; i++)
            if (s[i] != 0) minimum = Math.Min(minimum, Math.Max((lower[i] - x[i]) / s[i], (upper[i] - x[i]) / s[i]));
        if (hits is not null)
            for (int i = 0; i < x.Length; i++)
                hits[i] = s[i] != 0 && Math.Max((lower[i] - x[i]) / s[i], (upper[i] - x[i]) / s[i]) == minimum ? Math.Sign(s[i]) : 0;
        return minimum;
    }

    /// <summary>−1 where x is at (within rtol·max(1, |l|) of) its lower bound, +1 at its upper, 0 elsewhere.</summary>
    public static int ActiveBound(double x, double lower, double upper, double rtol)
    {
        if (rtol == 0) return x <= lower ? -1 : x >= upper ? 1 : 0;
        double lowerDistance = x - lower, upperDistance = upper - x;
        if (double.IsFinite(lower) && lowerDistance <= Math.Min(upperDistance, rtol * Math.Max(1, Math.Abs(lower)))) return -1;
        if (double.IsFinite(upper) && upperDistance <= Math.Min(lowerDistance, rtol * Math.Max(1, Math.Abs(upper)))) return 1;
        return 0;
    }

    /// <summary>Moves entries at a bound just inside it (by rstep·max(1, |bound|), or one ulp when rstep = 0).</summary>
    public static void MakeStrictlyFeasible(Span<double> x, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double rstep)
    {
        for (int i = 0; i < x.Length; i++)
        {
            int active = ActiveBound(x[i], lower[i], upper[i], rstep);
            if (active == -1) x[i] = rstep == 0 ? Math.BitIncrement(lower[i]) : lower[i] + rstep * Math.Max(1, Math.Abs(lower[i]));
            else if (active == 1) x[i] = rstep == 0 ? Math.BitDecrement(upper[i]) : upper[i] - rstep * Math.Max(1, Math.Abs(upper[i]));
            if (x[i] < lower[i] || x[i] > upper[i]) x[i] = 0.5 * (lower[i] + upper[i]);
        }
    }

    /// <summary>
    /// The Coleman–Li scaling (Coleman &amp; Li, "An interior trust region approach for nonlinear minimization subject
    /// to bounds", SIAM J. Optim. 6(2), 1996): vᵢ = uᵢ − xᵢ where gᵢ &lt; 0 and uᵢ is finite (dvᵢ = −1), xᵢ − lᵢ where
    /// gᵢ &gt; 0 and lᵢ is finite (dvᵢ = 1), else 1 (dvᵢ = 0).
    /// </summary>
    public static void ColemanLiScaling(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper,
        Span<double> v, Span<double> dv)
    {
        for (int i = 0; i < x.Length; i++)
        {
            v[i] = 1;
            dv[i] = 0;
            if (g[i] < 0 && double.IsFinite(upper[i])) { v[i] = upper[i] - x[i]; dv[i] = -1; }
            else if (g[i] > 0 && double.IsFinite(lower[i])) { v[i] = x[i] - lower[i]; dv[i] = 1; }
        }
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    public static double Norm(ReadOnlySpan<double> a) => System.Numerics.Tensors.TensorPrimitives.Norm(a);

    private static double WeightedDot(double[] a, double[] w, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * w[i] * b[i];
        return sum;
    }
}
