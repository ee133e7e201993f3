using System.Numerics.Tensors;

namespace Optimize.Solvers.LinearAlgebra;

/// <summary>
/// LSQR (Paige &amp; Saunders, "LSQR: An algorithm for sparse linear equations and sparse least squares", ACM TOMS
/// 8(1), 1982): min ‖Ax − b‖² + λ²‖x‖² by Golub–Kahan bidiagonalization, one product with A and one with Aᵀ per
/// iteration and O(m + n) memory, with the stopping rules of §6 (atol, btol, conlim) as in their code and scipy's
/// <c>scipy.sparse.linalg.lsqr</c>. Mathematically equivalent to conjugate gradients on the normal equations, and
/// numerically more reliable.
/// </summary>
public static class Lsqr
{
    /// <summary>Solves min ‖Ax − b‖² + λ²‖x‖², starting from x = 0.</summary>
    /// <param name="a">The operator A (m×n).</param>
    /// <param name="b">The right-hand side, length m.</param>
    /// <param name="x">Destination for the solution, length n.</param>
    /// <param name="damping">λ ≥ 0. Default 0.</param>
    /// <param name="absoluteTolerance">atol: stop when ‖Aᵀr‖ ≤ atol·‖A‖‖r‖ (or, with btol, when the system is compatible). Default 1e-8.</param>
    /// <param name="relativeTolerance">btol: stop when ‖r‖ ≤ btol·‖b‖ + atol·‖A‖‖x‖. Default 1e-8.</param>
    /// <param name="conditionLimit">conlim: stop when the estimate of cond(A) exceeds it; 0 disables. Default 1e8.</param>
    /// <param name="maximumIterations">The most iterations; 0 means 2n. Default 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="ArgumentException">A length is wrong or a tolerance negative.</exception>
    public static LsqrResult Solve(IRectangularOperator a, ReadOnlySpan<double> b, Span<double> x, double damping = 0,
        double absoluteTolerance = 1e-8, double relativeTolerance = 1e-8, double conditionLimit = 1e8, int maximumIterations = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        int m = a.Rows, n = a.Columns;
        Guard.Length(b.Length, m, nameof(b));
        Guard.Length(x.Length, n, nameof(x));
        if (!(damping >= 0)) throw new ArgumentOutOfRangeException(nameof(damping), damping, "damping must be at least 0.");
        if (!(absoluteTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(absoluteTolerance), absoluteTolerance, "absoluteTolerance must be at least 0.");
        if (!(relativeTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "relativeTolerance must be at least 0.");
        if (!(conditionLimit >= 0)) throw new ArgumentOutOfRangeException(nameof(conditionLimit), conditionLimit, "conditionLimit must be at least 0.");
        ArgumentOutOfRangeException.ThrowIfNegative(maximumIterations);
        int iterationLimit = maximumIterations > 0 ? maximumIterations : 2 * n;
        const double eps = 2.220446049250313e-16;
        double ctol = conditionLimit > 0 ? 1 / conditionLimit : 0;
        double dampsq = damping * damping;

        var u = b.ToArray();
        var v = new double[n];
        var w = new double[n];
        var av = new double[m];
        var atu = new double[n];
        x.Clear();
        double anorm = 0, ddnorm = 0, res2 = 0, xnorm = 0, xxnorm = 0, z = 0, cs2 = -1, sn2 = 0;
        double bnorm = TensorPrimitives.Norm(u), beta = bnorm, alfa = 0;
        if (beta > 0)
        {
            TensorPrimitives.Multiply(u, 1 / beta, u);
            a.MultiplyTranspose(u, v);
            alfa = TensorPrimitives.Norm(v);
        }
        if (alfa > 0) TensorPrimitives.Multiply(v, 1 / alfa, v);
        v.CopyTo(w, 0);
        double rhobar = alfa, phibar = beta, rnorm = beta, arnorm = alfa * beta;
        if (arnorm == 0) return new LsqrResult(0, 0, rnorm, 0, 0);

        int iteration = 0, stop = 0;
        while (stop == 0)
        {
            iteration++;
            // Bidiagonalization: βu = Av − αu, αv = Aᵀu − βv.
            a.Multiply(v, av);
            for (int i = 0; i < m; i++) u[i] = av[i] - alfa * u[i];
            beta = TensorPrimitives.Norm(u);
            if (beta > 0)
            {
                TensorPrimitives.Multiply(u, 1 / beta, u);
                anorm = Math.Sqrt(anorm * anorm + alfa * alfa + beta * beta + dampsq);
                a.MultiplyTranspose(u, atu);
                for (int j = 0; j < n; j++) v[j] = atu[j] - beta * v[j];
                alfa = TensorPrimitives.Norm(v);
                if (alfa > 0) TensorPrimitives.Multiply(v, 1 / alfa, v);
            }

            // Eliminate the damping, then the subdiagonal, by plane rotations.
            double rhobar1 = rhobar, psi = 0;
            if (damping > 0)
            {
                rhobar1 = Math.Sqrt(rhobar * rhobar + dampsq);
                double cs1 = rhobar / rhobar1, sn1 = damping / rhobar1;
                psi = sn1 * phibar;
                phibar *= cs1;
            }
            var (cs, sn, rho) = Rotation(rhobar1, beta);
            double theta = sn * alfa;
            rhobar = -cs * alfa;
            double phi = cs * phibar;
            phibar = sn * phibar;
            double tau = sn * phi;

            // Update x and w.
            double t1 = phi / rho, t2 = -theta / rho, dknorm = 0;
            for (int j = 0; j < n; j++)
            {
                double dk = w[j] / rho;
                dknorm += dk * dk;
                x[j] += t1 * w[j];
                w[j] = v[j] + t2 * w[j];
            }
            ddnorm += dknorm;

            // Estimates of ‖x‖, cond(A), ‖r‖ and ‖Aᵀr‖.
            double delta = sn2 * rho, gambar = -cs2 * rho, rhs = phi - delta * z, zbar = rhs / gambar;
            xnorm = Math.Sqrt(xxnorm + zbar * zbar);
            double gamma = Math.Sqrt(gambar * gambar + theta * theta);
            cs2 = gambar / gamma;
            sn2 = theta / gamma;
            z = rhs / gamma;
            xxnorm += z * z;
            double acond = anorm * Math.Sqrt(ddnorm);
            res2 += psi * psi;
            rnorm = Math.Sqrt(phibar * phibar + res2);
            arnorm = alfa * Math.Abs(tau);

            double test1 = rnorm / bnorm, test2 = arnorm / (anorm * rnorm + eps), test3 = 1 / (acond + eps);
            double scaledTest1 = test1 / (1 + anorm * xnorm / bnorm);
            double rtol = relativeTolerance + absoluteTolerance * anorm * xnorm / bnorm;
            if (iteration >= iterationLimit) stop = 7;
            if (1 + test3 <= 1) stop = 6;
            if (1 + test2 <= 1) stop = 5;
            if (1 + scaledTest1 <= 1) stop = 4;
            if (test3 <= ctol) stop = 3;
            if (test2 <= absoluteTolerance) stop = 2;
            if (test1 <= rtol) stop = 1;
        }
        return new LsqrResult(stop, iteration, rnorm, arnorm, xnorm);
    }

    /// <summary>A stable plane rotation (c, s, r) with [c s; −s c]·[a; b] = [r; 0] (Paige &amp; Saunders' <c>sym_ortho</c>).</summary>
    private static (double Cos, double Sin, double Radius) Rotation(double a, double b)
    {
        if (b == 0) return (Math.Sign(a) == 0 ? 1 : Math.Sign(a), 0, Math.Abs(a));
        if (a == 0) return (0, Math.Sign(b), Math.Abs(b));
        if (Math.Abs(b) > Math.Abs(a))
        {
            double tau = a / b, s = Math.Sign(b) / Math.Sqrt(1 + tau * tau);
            return (s * tau, s, b / s);
        }
        else
        {
            double tau = b / a, c = Math.Sign(a) / Math.Sqrt(1 + tau * tau);
            return (c, c * tau, a / c);
        }
    }
}
