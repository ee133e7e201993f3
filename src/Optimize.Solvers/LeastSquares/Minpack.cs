namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// The linear-algebra kernels of MINPACK-1's Levenberg–Marquardt code (Moré, Garbow &amp; Hillstrom, User Guide for
/// MINPACK-1, ANL-80-74, 1980; Moré, "The Levenberg–Marquardt algorithm: implementation and theory", Lecture Notes
/// in Mathematics 630, 1978): <c>enorm</c>, <c>qrfac</c>, <c>qrsolv</c> and <c>lmpar</c>, written afresh over
/// column-major arrays with leading dimension <c>ld</c>. They follow the published algorithms step for step so that
/// iteration counts can be compared with MINPACK's.
/// </summary>
internal static class Minpack
{
    /// <summary>The unit round-off ε = 2⁻⁵², MINPACK's <c>dpmpar(1)</c>.</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The smallest positive normalized double, MINPACK's <c>dpmpar(2)</c>.</summary>
    public const double Dwarf = 2.2250738585072014e-308;

    /// <summary>
    /// The Euclidean norm as MINPACK's <c>enorm</c> computes it: small, intermediate and large components summed
    /// separately so that nothing overflows or underflows. NaN when a component is NaN.
    /// </summary>
    public static double Enorm(ReadOnlySpan<double> x)
    {
        const double rdwarf = 3.834e-20, rgiant = 1.304e19;
        double s1 = 0, s2 = 0, s3 = 0, x1max = 0, x3max = 0;
        double agiant = rgiant / Math.Max(x.Length, 1);
        foreach (double value in x)
        {
            double xabs = Math.Abs(value);
            if (xabs > rdwarf && xabs < agiant)
            {
                s2 += xabs * xabs;
            }
            else if (xabs <= rdwarf)
            {
                if (xabs > x3max)
                {
                    double r = x3max / xabs;
                    s3 = 1 + s3 * r * r;
                    x3max = xabs;
                }
                else if (xabs != 0)
                {
                    double r = xabs / x3max;
                    s3 += r * r;
                }
            }
            else if (xabs > x1max)
            {
                double r = x1max / xabs;
                s1 = 1 + s1 * r * r;
                x1max = xabs;
            }
            else
            {
                double r = xabs / x1max;
                s1 += r * r;
            }
        }
        if (s1 != 0) return x1max * Math.Sqrt(s1 + s2 / x1max / x1max);
        if (s2 != 0)
            return Math.Sqrt(s2 >= x3max ? s2 * (1 + x3max / s2 * (x3max * s3)) : x3max * (s2 / x3max + x3max * s3));
        return x3max * Math.Sqrt(s3);
    }

    /// <summary>
    /// <c>qrfac</c> with column pivoting: A·P = Q·R by Householder reflections, the column of largest remaining norm
    /// first. On return the upper trapezoid of <paramref name="a"/> holds R without its diagonal (which is in
    /// <paramref name="rdiag"/>) and the lower trapezoid the Householder vectors; <paramref name="acnorm"/> holds the
    /// norms of A's columns and <paramref name="ipvt"/> the permutation (column j of A·P is column ipvt[j] of A).
    /// </summary>
    public static void QrFactor(int m, int n, double[] a, int ld, int[] ipvt, double[] rdiag, double[] acnorm, double[] wa)
    {
        for (int j = 0; j < n; j++)
        {
            acnorm[j] = Enorm(a.AsSpan(j * ld, m));
            rdiag[j] = acnorm[j];
            wa[j] = rdiag[j];
            ipvt[j] = j;
        }
        int minmn = Math.Min(m, n);
        for (int j = 0; j < minmn; j++)
        {
            int kmax = j;
            for (int k = j; k < n; k++)
                if (rdiag[k] > rdiag[kmax]) kmax = k;
            if (kmax != j)
            {
                for (int i = 0; i < m; i++)
                    (a[i + j * ld], a[i + kmax * ld]) = (a[i + kmax * ld], a[i + j * ld]);
                rdiag[kmax] = rdiag[j];
                wa[kmax] = wa[j];
                (ipvt[j], ipvt[kmax]) = (ipvt[kmax], ipvt[j]);
            }
            double ajnorm = Enorm(a.AsSpan(j + j * ld, m - j));
            if (ajnorm != 0)
            {
                if (a[j + j * ld] < 0) ajnorm = -ajnorm;
                for (int i = j; i < m; i++) a[i + j * ld] /= ajnorm;
                a[j + j * ld] += 1;
                for (int k = j + 1; k < n; k++)
                {
                    double sum = 0;
                    for (int i = j; i < m; i++) sum += a[i + j * ld] * a[i + k * ld];
                    double temp = sum / a[j + j * ld];
                    for (int i = j; i < m; i++) a[i + k * ld] -= temp * a[i + j * ld];
                    if (rdiag[k] != 0)
                    {
                        temp = a[j + k * ld] / rdiag[k];
                        rdiag[k] *= Math.Sqrt(Math.Max(0, 1 - temp * temp));
                        double ratio = rdiag[k] / wa[k];
                        if (0.05 * ratio * ratio <= MachineEpsilon)
                        {
                            rdiag[k] = Enorm(a.AsSpan(j + 1 + k * ld, m - j - 1));
                            wa[k] = rdiag[k];
                        }
                    }
                }
            }
            rdiag[j] = -ajnorm;
        }
    }

    /// <summary>
    /// <c>qrsolv</c>: given the QR factors of A·P (R in the upper triangle of <paramref name="r"/>), the diagonal D and
    /// Qᵀb, solves min ‖[A; D]x − [b; 0]‖ by Givens rotations that eliminate D: writes x, the diagonal of the
    /// resulting triangular S in <paramref name="sdiag"/>, and S's strict upper triangle (transposed) in the strict
    /// lower triangle of <paramref name="r"/>. R's upper triangle and diagonal are kept.
    /// </summary>
    public static void QrSolve(int n, double[] r, int ld, int[] ipvt, ReadOnlySpan<double> diag, ReadOnlySpan<double> qtb,
        Span<double> x, Span<double> sdiag, Span<double> wa)
    {
        for (int j = 0; j < n; j++)
        {
            for (int i = j; i < n; i++) r[i + j * ld] = r[j + i * ld];
            x[j] = r[j + j * ld];
            wa[j] = qtb[j];
        }
        for (int j = 0; j < n; j++)
        {
            int l = ipvt[j];
            if (diag[l] != 0)
            {
                for (int k = j; k < n; k++) sdiag[k] = 0;
                sdiag[j] = diag[l];
                double qtbpj = 0;
                for (int k = j; k < n; k++)
                {
                    if (sdiag[k] == 0) continue;
                    double rkk = r[k + k * ld], cos, sin;
                    if (Math.Abs(rkk) < Math.Abs(sdiag[k]))
                    {
                        double cotan = rkk / sdiag[k];
                        sin = 0.5 / Math.Sqrt(0.25 + 0.25 * cotan * cotan);
                        cos = sin * cotan;
                    }
                    else
                    {
                        double tan = sdiag[k] / rkk;
                        cos = 0.5 / Math.Sqrt(0.25 + 0.25 * tan * tan);
                        sin = cos * tan;
                    }
                    r[k + k * ld] = cos * rkk + sin * sdiag[k];
                    double temp = cos * wa[k] + sin * qtbpj;
                    qtbpj = -sin * wa[k] + cos * qtbpj;
                    wa[k] = temp;
                    for (int i = k + 1; i < n; i++)
                    {
                        temp = cos * r[i + k * ld] + sin * sdiag[i];
                        sdiag[i] = -sin * r[i + k * ld] + cos * sdiag[i];
                        r[i + k * ld] = temp;
                    }
                }
            }
            sdiag[j] = r[j + j * ld];
            r[j + j * ld] = x[j];
        }
        int nsing = n;
        for (int j = 0; j < n; j++)
        {
            if (sdiag[j] == 0 && nsing == n) nsing = j;
            if (nsing < n) wa[j] = 0;
        }
        for (int j = nsing - 1; j >= 0; j--)
        {
            double sum = 0;
            for (int i = j + 1; i < nsing; i++) sum += r[i + j * ld] * wa[i];
            wa[j] = (wa[j] - sum) / sdiag[j];
        }
        for (int j = 0; j < n; j++) x[ipvt[j]] = wa[j];
    }

    /// <summary>
    /// <c>lmpar</c>: the Levenberg–Marquardt parameter λ ≥ 0 such that x = −(JᵀJ + λD²)⁻¹Jᵀf satisfies
    /// ‖Dx‖ ≈ Δ (within 10 %), or λ = 0 when the Gauss–Newton step is shorter than 1.1Δ, by Moré's safeguarded
    /// Newton iteration on φ(λ) = ‖Dx(λ)‖ − Δ with bounds [parl, paru] (Moré 1978, §5, algorithm (5.5)), at most 10
    /// iterations. <paramref name="par"/> is the initial estimate on entry and the result on return.
    /// </summary>
    public static void LmParameter(int n, double[] r, int ld, int[] ipvt, ReadOnlySpan<double> diag, ReadOnlySpan<double> qtb,
        double delta, ref double par, Span<double> x, Span<double> sdiag, Span<double> wa1, Span<double> wa2)
    {
        // The Gauss–Newton direction, a least-squares solution when J is rank-deficient.
        int nsing = n;
        for (int j = 0; j < n; j++)
        {
            wa1[j] = qtb[j];
            if (r[j + j * ld] == 0 && nsing == n) nsing = j;
            if (nsing < n) wa1[j] = 0;
        }
        for (int j = nsing - 1; j >= 0; j--)
        {
            wa1[j] /= r[j + j * ld];
            double temp = wa1[j];
            for (int i = 0; i < j; i++) wa1[i] -= r[i + j * ld] * temp;
        }
        for (int j = 0; j < n; j++) x[ipvt[j]] = wa1[j];

        int iter = 0;
        for (int j = 0; j < n; j++) wa2[j] = diag[j] * x[j];
        double dxnorm = Enorm(wa2[..n]);
        double fp = dxnorm - delta;
        if (fp <= 0.1 * delta)
        {
            par = 0;
            return;
        }

        // Lower bound parl from the Newton step at λ = 0 (only when J has full rank).
        double parl = 0;
        if (nsing >= n)
        {
            for (int j = 0; j < n; j++)
            {
                int l = ipvt[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int i = 0; i < j; i++) sum += r[i + j * ld] * wa1[i];
                wa1[j] = (wa1[j] - sum) / r[j + j * ld];
            }
            double norm = Enorm(wa1[..n]);
            parl = fp / delta / norm / norm;
        }

        // Upper bound paru = ‖(JD⁻¹)ᵀf‖/Δ.
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i <= j; i++) sum += r[i + j * ld] * qtb[i];
            wa1[j] = sum / diag[ipvt[j]];
        }
        double gnorm = Enorm(wa1[..n]);
        double paru = gnorm / delta;
        if (paru == 0) paru = Dwarf / Math.Min(delta, 0.1);

        par = Math.Max(par, parl);
        par = Math.Min(par, paru);
        if (par == 0) par = gnorm / dxnorm;

        while (true)
        {
            iter++;
            if (par == 0) par = Math.Max(Dwarf, 0.001 * paru);
            double sqrtPar = Math.Sqrt(par);
            for (int j = 0; j < n; j++) wa1[j] = sqrtPar * diag[j];
            QrSolve(n, r, ld, ipvt, wa1, qtb, x, sdiag, wa2);
            for (int j = 0; j < n; j++) wa2[j] = diag[j] * x[j];
            dxnorm = Enorm(wa2[..n]);
            double previous = fp;
            fp = dxnorm - delta;
            if (Math.Abs(fp) <= 0.1 * delta || (parl == 0 && fp <= previous && previous < 0) || iter == 10) break;

            // Newton correction.
            for (int j = 0; j < n; j++)
            {
                int l = ipvt[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }
            for (int j = 0; j < n; j++)
            {
                wa1[j] /= sdiag[j];
                double temp = wa1[j];
                for (int i = j + 1; i < n; i++) wa1[i] -= r[i + j * ld] * temp;
            }
            double norm = Enorm(wa1[..n]);
            double parc = fp / delta / norm / norm;
            if (fp > 0) parl = Math.Max(parl, par);
            if (fp < 0) paru = Math.Min(paru, par);
            par = Math.Max(parl, par + parc);
        }
    }
}
