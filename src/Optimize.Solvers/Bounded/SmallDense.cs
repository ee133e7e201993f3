namespace Optimize.Solvers.Bounded;

/// <summary>
/// Cholesky factorization and triangular solves on small dense row-major blocks (order at most 2m), the LINPACK
/// <c>dpofa</c>/<c>dtrsl</c> operations the compact L-BFGS-B representation needs. No allocation.
/// </summary>
internal static class SmallDense
{
    /// <summary>
    /// Factors the symmetric block of order <paramref name="size"/> at (<paramref name="offset"/>, <paramref name="offset"/>)
    /// as RᵀR, R upper triangular, overwriting the upper triangle (only it is read). False when the block is not
    /// numerically positive definite.
    /// </summary>
    public static bool CholeskyUpper(Span<double> a, int stride, int offset, int size)
    {
        for (int j = 0; j < size; j++)
        {
            double sum = 0;
            int column = offset + j;
            for (int k = 0; k < j; k++)
            {
                int row = offset + k;
                double t = a[row * stride + column];
                for (int i = 0; i < k; i++) t -= a[(offset + i) * stride + row] * a[(offset + i) * stride + column];
                t /= a[row * stride + row];
                a[row * stride + column] = t;
                sum += t * t;
            }
            double diagonal = a[column * stride + column] - sum;
            if (!(diagonal > 0) || double.IsInfinity(diagonal)) return false;
            a[column * stride + column] = Math.Sqrt(diagonal);
        }
        return true;
    }

    /// <summary>Solves Rᵀx = b in place (b ← x) for R the upper triangle of order <paramref name="size"/> at the origin of <paramref name="r"/>.</summary>
    public static bool SolveTransposed(ReadOnlySpan<double> r, int stride, int size, Span<double> b)
    {
        for (int i = 0; i < size; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= r[k * stride + i] * b[k];
            double diagonal = r[i * stride + i];
            if (diagonal == 0) return false;
            b[i] = sum / diagonal;
        }
        return true;
    }

    /// <summary>Solves Rx = b in place (b ← x) for R the upper triangle of order <paramref name="size"/> at the origin of <paramref name="r"/>.</summary>
    public static bool Solve(ReadOnlySpan<double> r, int stride, int size, Span<double> b)
    {
        for (int i = size - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int k = i + 1; k < size; k++) sum -= r[i * stride + k] * b[k];
            double diagonal = r[i * stride + i];
            if (diagonal == 0) return false;
            b[i] = sum / diagonal;
        }
        return true;
    }
}
