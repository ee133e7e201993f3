using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Optimize.Solvers.LinearAlgebra;

/// <summary>
/// Cholesky factorizations of B + τI on a work array allocated once. With a native MathNet linear-algebra
/// provider (BLAS/LAPACK) the factorization goes through it; with MathNet's managed provider, whose Cholesky is
/// unvectorized, a left-looking column Cholesky vectorized with <see cref="TensorPrimitives"/> is used instead.
/// Both store L column-major in the lower triangle.
/// </summary>
public sealed class SymmetricFactorization
{
    private readonly int n;
    private double[]? scale;
    private readonly bool useProvider = LinearAlgebraControl.Provider is not ManagedLinearAlgebraProvider;

    /// <summary>Allocates the work array for n×n matrices.</summary>
    /// <param name="dimension">n.</param>
    public SymmetricFactorization(int dimension)
    {
        Guard.Positive(dimension, nameof(dimension));
        n = dimension;
        Factor = new double[dimension * dimension];
    }

    /// <summary>The lower-triangular factor L (column-major) of the last successful factorization.</summary>
    public double[] Factor { get; }

    /// <summary>The shift τ of the last successful factorization.</summary>
    public double Shift { get; private set; }

    /// <summary>Tries to factor B + τI = LLᵀ; false when it is not (numerically) positive definite.</summary>
    /// <param name="matrix">B, symmetric.</param>
    /// <param name="shift">τ.</param>
    public bool TryFactor(DenseMatrix matrix, double shift) => TryFactor(matrix, shift, null);

    private bool TryFactor(DenseMatrix matrix, double shift, double[]? diagonal)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Guard.Shape(matrix, n, n, nameof(matrix));
        Array.Copy(matrix.Values, Factor, Factor.Length);
        for (int i = 0; i < n; i++) Factor[i * n + i] += diagonal is null ? shift : shift * diagonal[i];
        for (int i = 0; i < n; i++)
            if (!(Factor[i * n + i] > 0) || !double.IsFinite(Factor[i * n + i])) return false;
        bool factored = useProvider ? ProviderCholesky() : ColumnCholesky();
        if (!factored) return false;
        for (int i = 0; i < n; i++)
            if (!(Factor[i * n + i] > 0) || !double.IsFinite(Factor[i * n + i])) return false;
        Shift = shift;
        return true;
    }

    private bool ProviderCholesky()
    {
        try
        {
            LinearAlgebraControl.Provider.CholeskyFactor(Factor, n);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Left-looking column Cholesky (Golub &amp; Van Loan, Algorithm 4.2.2, gaxpy form): column j of L is
    /// (A[j:, j] − Σₖ&lt;ⱼ L[j, k]·L[j:, k]) / √(·), every update a contiguous SIMD multiply-add. Zero
    /// multipliers L[j, k] are skipped, so banded and block-diagonal matrices cost far less than n³/3.
    /// </summary>
    private bool ColumnCholesky()
    {
        var a = Factor.AsSpan();
        for (int j = 0; j < n; j++)
        {
            int length = n - j;
            var column = a.Slice(j * n + j, length);
            for (int k = 0; k < j; k++)
            {
                double ljk = a[k * n + j];
                if (ljk != 0) TensorPrimitives.MultiplyAdd(a.Slice(k * n + j, length), -ljk, column, column);
            }
            double pivot = column[0];
            if (!(pivot > 0) || !double.IsFinite(pivot)) return false;
            double root = Math.Sqrt(pivot);
            column[0] = root;
            if (length > 1) TensorPrimitives.Multiply(column[1..], 1 / root, column[1..]);
        }
        return true;
    }

    /// <summary>
    /// Factors B + τI with the smallest τ of the sequence 0 (when min Bᵢᵢ &gt; 0), −min Bᵢᵢ + β, 2τ, 4τ, … that
    /// succeeds: Cholesky with added multiple of the identity (Nocedal &amp; Wright, Algorithm 3.3), β = 10⁻³·max(1, max|Bᵢᵢ|).
    /// </summary>
    /// <param name="matrix">B, symmetric.</param>
    /// <returns>Whether a factorization was found (false only for non-finite B).</returns>
    public bool FactorWithAddedIdentity(DenseMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double minimumDiagonal = double.PositiveInfinity, maximumDiagonal = 0;
        for (int i = 0; i < n; i++)
        {
            double d = matrix.Values[i * n + i];
            minimumDiagonal = Math.Min(minimumDiagonal, d);
            maximumDiagonal = Math.Max(maximumDiagonal, Math.Abs(d));
        }
        if (!double.IsFinite(minimumDiagonal) || !double.IsFinite(maximumDiagonal)) return false;
        double beta = 1e-3 * Math.Max(1, maximumDiagonal);
        double shift = minimumDiagonal > 0 ? 0 : beta - minimumDiagonal;
        for (int attempt = 0; attempt < 200; attempt++)
        {
            if (TryFactor(matrix, shift)) return true;
            shift = Math.Max(2 * shift, beta);
        }
        return false;
    }

    /// <summary>
    /// Factors B + τD, D = diag(max(|Bᵢᵢ|, 10⁻⁸·max(1, maxⱼ|Bⱼⱼ|))), with the smallest τ of the sequence 0 (when
    /// min Bᵢᵢ &gt; 0), −min Bᵢᵢ/Dᵢᵢ + β, 2τ, 4τ, … that succeeds, β = 10⁻³: Algorithm 3.3 of Nocedal &amp; Wright
    /// (Cholesky with added multiple of the identity) applied to the Jacobi-scaled matrix D^{-1/2}BD^{-1/2}. Unlike
    /// a multiple of I sized by the largest diagonal entry, the shift is relative to each variable's own curvature,
    /// so a Hessian whose diagonal spans many orders of magnitude (Meyer's function: 10¹⁵ against 10⁻²) is not
    /// turned into a tiny multiple of the identity in its weakly curved directions. <see cref="Shift"/> is τ.
    /// </summary>
    /// <param name="matrix">B, symmetric.</param>
    /// <returns>Whether a factorization was found (false only for non-finite B).</returns>
    public bool FactorWithAddedDiagonal(DenseMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Guard.Shape(matrix, n, n, nameof(matrix));
        scale ??= new double[n];
        double largest = 0;
        for (int i = 0; i < n; i++) largest = Math.Max(largest, Math.Abs(matrix.Values[i * n + i]));
        if (!double.IsFinite(largest)) return false;
        double floor = 1e-8 * Math.Max(1, largest), minimumScaled = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            double d = matrix.Values[i * n + i];
            scale[i] = Math.Max(Math.Abs(d), floor);
            minimumScaled = Math.Min(minimumScaled, d / scale[i]);
        }
        const double beta = 1e-3;
        double shift = minimumScaled > 0 ? 0 : beta - minimumScaled;
        for (int attempt = 0; attempt < 200; attempt++)
        {
            if (TryFactor(matrix, shift, scale)) return true;
            shift = Math.Max(2 * shift, beta);
        }
        return false;
    }

    /// <summary>Solves (B + τI)x = b in place with the current factor: Lz = b, then Lᵀx = z.</summary>
    /// <param name="rightHandSide">b on entry, x on exit.</param>
    public void Solve(Span<double> rightHandSide)
    {
        SolveLower(rightHandSide);
        var factor = Factor.AsSpan();
        for (int i = n - 1; i >= 0; i--)
        {
            int below = n - i - 1;
            double sum = below > 0 ? TensorPrimitives.Dot(factor.Slice(i * n + i + 1, below), rightHandSide.Slice(i + 1, below)) : 0;
            rightHandSide[i] = (rightHandSide[i] - sum) / factor[i * n + i];
        }
    }

    /// <summary>Solves Lq = b in place (forward substitution), column by column.</summary>
    /// <param name="rightHandSide">b on entry, q on exit.</param>
    public void SolveLower(Span<double> rightHandSide)
    {
        Guard.Length(rightHandSide.Length, n, nameof(rightHandSide));
        var factor = Factor.AsSpan();
        for (int k = 0; k < n; k++)
        {
            double value = rightHandSide[k] / factor[k * n + k];
            rightHandSide[k] = value;
            int below = n - k - 1;
            if (below > 0)
                TensorPrimitives.MultiplyAdd(factor.Slice(k * n + k + 1, below), -value, rightHandSide.Slice(k + 1, below), rightHandSide.Slice(k + 1, below));
        }
    }
}
