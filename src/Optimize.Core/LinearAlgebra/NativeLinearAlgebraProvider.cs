using System.Buffers;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace Optimize.LinearAlgebra;

/// <summary>
/// Optimize's implementation of MathNet.Numerics' linear-algebra provider interface. Double-precision
/// BLAS and LAPACK work goes to the native library chosen by <see cref="LinearAlgebraBackend"/> (Intel MKL
/// or OpenBLAS) through its CBLAS and LAPACKE entry points; single precision, complex numbers, element-wise
/// array arithmetic and the nonsymmetric eigenproblem go to MathNet's managed provider, as does everything
/// when no native library is present. <see cref="Describe"/> lists which operations are native.
/// </summary>
/// <remarks>
/// Matrices are column-major arrays, as everywhere in MathNet.Numerics. Install an instance as MathNet's
/// provider with <see cref="LinearAlgebraBackend.InstallInMathNet"/> so that <c>Matrix&lt;double&gt;</c>
/// products and factorizations run natively. Instances are thread-safe; temporaries come from a shared pool.
/// </remarks>
public sealed unsafe partial class NativeLinearAlgebraProvider : ILinearAlgebraProvider
{
    private static readonly ManagedLinearAlgebraProvider Managed = ManagedLinearAlgebraProvider.Instance;

    private readonly NativeBlasLibrary? library;
    private readonly CblasRoutines? blas;
    private readonly LapackeRoutines? lapack;

    internal NativeLinearAlgebraProvider(NativeBlasLibrary? library, string selection)
    {
        this.library = library;
        blas = library?.Blas;
        lapack = library?.Lapack;
        Selection = selection;
    }

    /// <summary>The backend that carries out double-precision work.</summary>
    public LinearAlgebraBackendKind Backend => library?.Kind ?? LinearAlgebraBackendKind.Managed;

    /// <summary>Why this backend was chosen (option, environment variable or automatic search, and any fallback).</summary>
    public string Selection { get; }

    /// <summary>
    /// Threads the backend uses: the native library's own count (<c>MKL_Set_Num_Threads</c> /
    /// <c>openblas_set_num_threads</c>, shared by every provider on that library), or MathNet's
    /// <c>Control.MaxDegreeOfParallelism</c> for the managed provider.
    /// </summary>
    public int Threads
    {
        get => library?.Threads ?? Control.MaxDegreeOfParallelism;
        set
        {
            Guard.Positive(value, nameof(value));
            if (library is null)
                Control.MaxDegreeOfParallelism = value;
            else
                library.Threads = value;
        }
    }

    /// <summary>Which backend and library file serve this provider, with how many threads, which CPU kernel, and which operations are native.</summary>
    public LinearAlgebraBackendDescription Describe()
    {
        var native = new List<string>();
        var managed = new List<string>();
        foreach (var (operation, routine, needsLapack) in Operations)
        {
            bool isNative = blas is not null && (!needsLapack || lapack is not null);
            (isNative ? native : managed).Add(isNative ? $"{operation}: {routine}" : operation);
        }
        managed.AddRange(AlwaysManaged);
        return new LinearAlgebraBackendDescription(
            Backend, library?.LibraryPath, library?.LapackPath, Threads, library?.CpuKernel,
            library?.Configuration, Selection, library?.Notes ?? [], native, managed);
    }

    /// <summary>The double-precision operations with their native routines; the flag marks those that need LAPACKE.</summary>
    private static readonly (string Operation, string Routine, bool NeedsLapack)[] Operations =
    [
        (nameof(DotProduct), "cblas_ddot", false),
        (nameof(Dot), "cblas_ddot", false),
        (nameof(AddVectorToScaledVector), "cblas_daxpy", false),
        (nameof(Axpy), "cblas_daxpy", false),
        (nameof(ScaleArray), "cblas_dscal", false),
        (nameof(Scale), "cblas_dscal", false),
        (nameof(Norm2), "cblas_dnrm2", false),
        (nameof(MatrixVector), "cblas_dgemv", false),
        (nameof(MatrixMultiply), "cblas_dgemm", false),
        (nameof(MatrixMultiplyWithUpdate), "cblas_dgemm (cblas_dgemv when one side is a vector)", false),
        (nameof(QRSolveFactored), "cblas_dgemm + cblas_dtrsm", false),
        (nameof(SvdSolveFactored), "cblas_dgemm", false),
        (nameof(MatrixNorm), "LAPACKE_dlange", true),
        (nameof(LUFactor), "LAPACKE_dgetrf", true),
        (nameof(LUInverse), "LAPACKE_dgetrf + LAPACKE_dgetri", true),
        (nameof(LUInverseFactored), "LAPACKE_dgetri", true),
        (nameof(LUSolve), "LAPACKE_dgetrf + LAPACKE_dgetrs", true),
        (nameof(LUSolveFactored), "LAPACKE_dgetrs", true),
        (nameof(CholeskyFactor), "LAPACKE_dpotrf", true),
        (nameof(CholeskySolve), "LAPACKE_dpotrf + LAPACKE_dpotrs", true),
        (nameof(CholeskySolveFactored), "LAPACKE_dpotrs", true),
        (nameof(QRFactor), "LAPACKE_dgeqrf + LAPACKE_dorgqr", true),
        (nameof(ThinQRFactor), "LAPACKE_dgeqrf + LAPACKE_dorgqr", true),
        (nameof(QRSolve), "LAPACKE_dgels", true),
        (nameof(SingularValueDecomposition), "LAPACKE_dgesvd", true),
        (nameof(SvdSolve), "LAPACKE_dgesvd + cblas_dgemm", true),
        (nameof(EigenDecomp) + " (symmetric)", "LAPACKE_dsyevd", true),
    ];

    private static readonly string[] AlwaysManaged =
    [
        nameof(EigenDecomp) + " (nonsymmetric)",
        "AddArrays, SubtractArrays, PointWiseMultiplyArrays, PointWiseDivideArrays, PointWisePowerArrays, ConjugateArray",
        "every single-precision and complex operation",
    ];

    /// <inheritdoc/>
    public bool IsAvailable() => true;

    /// <summary>Nothing to verify: the native library was loaded and its entry points resolved when this provider was created.</summary>
    public void InitializeVerify()
    {
    }

    /// <summary>Keeps the native library loaded: other providers and MathNet may still use it, and unloading BLAS is unsafe.</summary>
    public void FreeResources()
    {
    }

    /// <inheritdoc/>
    public override string ToString() => Describe().Summary;

    private static int Lead(int rows) => Math.Max(1, rows);

    private static int Cblas(Transpose transpose) => transpose == Transpose.DontTranspose ? CblasRoutines.NoTranspose : CblasRoutines.Transpose;

    private static void Check(int info, string routine)
    {
        if (info < 0)
            throw new InvalidOperationException($"{routine} rejected argument {-info}; this is a defect in Optimize's provider.");
    }

    /// <summary>Computes xᵀy (BLAS ddot).</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as <paramref name="x"/>.</param>
    public double DotProduct(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Dot(x, y);
    }

    /// <summary>Computes result = y + α·x (BLAS daxpy). <paramref name="result"/> may be <paramref name="x"/> or <paramref name="y"/>.</summary>
    /// <param name="y">The vector added to.</param>
    /// <param name="alpha">The scale of <paramref name="x"/>.</param>
    /// <param name="x">The scaled vector, as long as <paramref name="y"/>.</param>
    /// <param name="result">Where the sum goes, as long as <paramref name="y"/>.</param>
    public void AddVectorToScaledVector(double[] y, double alpha, double[] x, double[] result)
    {
        ArgumentNullException.ThrowIfNull(y);
        ShapeChecks.Vector(x, y.Length, nameof(x));
        ShapeChecks.Vector(result, y.Length, nameof(result));
        if (blas is null)
        {
            Managed.AddVectorToScaledVector(y, alpha, x, result);
            return;
        }
        if (ReferenceEquals(result, x) && !ReferenceEquals(result, y))
        {
            // result = α·result + y, since copying y first would destroy x.
            Scale(alpha, result);
            Axpy(1.0, y, result);
            return;
        }
        if (!ReferenceEquals(result, y))
            y.AsSpan().CopyTo(result);
        if (alpha != 0.0)
            Axpy(alpha, x, result);
    }

    /// <summary>Computes result = α·x (BLAS dscal). <paramref name="result"/> may be <paramref name="x"/>.</summary>
    /// <param name="alpha">The scale.</param>
    /// <param name="x">The vector or matrix entries to scale.</param>
    /// <param name="result">Where the scaled entries go, as long as <paramref name="x"/>.</param>
    public void ScaleArray(double alpha, double[] x, double[] result)
    {
        ArgumentNullException.ThrowIfNull(x);
        ShapeChecks.Vector(result, x.Length, nameof(result));
        if (blas is null)
        {
            Managed.ScaleArray(alpha, x, result);
            return;
        }
        if (!ReferenceEquals(x, result))
            x.AsSpan().CopyTo(result);
        if (alpha != 1.0)
            Scale(alpha, result);
    }

    /// <summary>Computes a matrix norm (LAPACK dlange): one-norm, infinity norm, Frobenius norm or largest absolute entry.</summary>
    /// <param name="norm">Which norm.</param>
    /// <param name="rows">Rows of the matrix.</param>
    /// <param name="columns">Columns of the matrix.</param>
    /// <param name="matrix">The column-major <paramref name="rows"/>×<paramref name="columns"/> matrix.</param>
    public double MatrixNorm(Norm norm, int rows, int columns, double[] matrix)
    {
        ShapeChecks.Dimension(rows, nameof(rows));
        ShapeChecks.Dimension(columns, nameof(columns));
        ShapeChecks.Matrix(matrix, rows, columns, nameof(matrix));
        if (!Enum.IsDefined(norm))
            throw new ArgumentOutOfRangeException(nameof(norm), norm, "Expected OneNorm, InfinityNorm, FrobeniusNorm or LargestAbsoluteValue.");
        if (lapack is null)
            return Managed.MatrixNorm(norm, rows, columns, matrix);
        fixed (double* a = matrix)
            return lapack.Dlange(LapackeRoutines.ColumnMajor, (byte)norm, rows, columns, a, Lead(rows));
    }

    /// <summary>Computes result = x·y (BLAS dgemm).</summary>
    /// <param name="x">The left factor, <paramref name="rowsX"/>×<paramref name="columnsX"/>.</param>
    /// <param name="rowsX">Rows of <paramref name="x"/>.</param>
    /// <param name="columnsX">Columns of <paramref name="x"/>, equal to <paramref name="rowsY"/>.</param>
    /// <param name="y">The right factor, <paramref name="rowsY"/>×<paramref name="columnsY"/>.</param>
    /// <param name="rowsY">Rows of <paramref name="y"/>.</param>
    /// <param name="columnsY">Columns of <paramref name="y"/>.</param>
    /// <param name="result">The <paramref name="rowsX"/>×<paramref name="columnsY"/> product.</param>
    public void MatrixMultiply(double[] x, int rowsX, int columnsX, double[] y, int rowsY, int columnsY, double[] result) =>
        MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1.0, x, rowsX, columnsX, y, rowsY, columnsY, 0.0, result);

    /// <summary>
    /// Computes c = α·op(a)·op(b) + β·c (BLAS dgemm; dgemv when the product is a single row or column).
    /// The dimensions describe <paramref name="a"/> and <paramref name="b"/> as stored, before op.
    /// </summary>
    /// <param name="transposeA">Whether op(a) is a or aᵀ (conjugate transpose means transpose for real numbers).</param>
    /// <param name="transposeB">Whether op(b) is b or bᵀ.</param>
    /// <param name="alpha">The scale of the product.</param>
    /// <param name="a">The column-major <paramref name="rowsA"/>×<paramref name="columnsA"/> matrix a.</param>
    /// <param name="rowsA">Rows of <paramref name="a"/> as stored.</param>
    /// <param name="columnsA">Columns of <paramref name="a"/> as stored.</param>
    /// <param name="b">The column-major <paramref name="rowsB"/>×<paramref name="columnsB"/> matrix b.</param>
    /// <param name="rowsB">Rows of <paramref name="b"/> as stored.</param>
    /// <param name="columnsB">Columns of <paramref name="b"/> as stored.</param>
    /// <param name="beta">The scale of the previous <paramref name="c"/>; with 0 its entries are not read.</param>
    /// <param name="c">The rows(op(a))×columns(op(b)) matrix updated in place.</param>
    public void MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, double alpha, double[] a, int rowsA, int columnsA, double[] b, int rowsB, int columnsB, double beta, double[] c)
    {
        ShapeChecks.Dimension(rowsA, nameof(rowsA));
        ShapeChecks.Dimension(columnsA, nameof(columnsA));
        ShapeChecks.Dimension(rowsB, nameof(rowsB));
        ShapeChecks.Dimension(columnsB, nameof(columnsB));
        ShapeChecks.Matrix(a, rowsA, columnsA, nameof(a));
        ShapeChecks.Matrix(b, rowsB, columnsB, nameof(b));
        bool ta = transposeA != Transpose.DontTranspose, tb = transposeB != Transpose.DontTranspose;
        int m = ta ? columnsA : rowsA, k = ta ? rowsA : columnsA;
        int kb = tb ? columnsB : rowsB, n = tb ? rowsB : columnsB;
        if (kb != k)
            throw new ArgumentException(
                $"op(b) has {kb} rows; expected {k}, the number of columns of op(a) (a is {rowsA}×{columnsA}{(ta ? ", transposed" : "")}; b is {rowsB}×{columnsB}{(tb ? ", transposed" : "")}).",
                nameof(b));
        ShapeChecks.Matrix(c, m, n, nameof(c));
        ShapeChecks.Distinct(a, c, nameof(a), nameof(c));
        ShapeChecks.Distinct(b, c, nameof(b), nameof(c));
        if (blas is null)
        {
            Managed.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);
            return;
        }
        if (m == 0 || n == 0)
            return;
        fixed (double* pa = a, pb = b, pc = c)
        {
            if (n == 1 && k > 0)
                // c = α·op(a)·b + β·c: b is a contiguous k-vector whether or not it is transposed.
                blas.Dgemv(CblasRoutines.ColumnMajor, Cblas(transposeA), rowsA, columnsA, alpha, pa, Lead(rowsA), pb, 1, beta, pc, 1);
            else if (m == 1 && k > 0)
                // cᵀ = α·op(b)ᵀ·aᵀ + β·cᵀ: a and c are contiguous vectors.
                blas.Dgemv(CblasRoutines.ColumnMajor, tb ? CblasRoutines.NoTranspose : CblasRoutines.Transpose,
                    rowsB, columnsB, alpha, pb, Lead(rowsB), pa, 1, beta, pc, 1);
            else
                blas.Dgemm(CblasRoutines.ColumnMajor, Cblas(transposeA), Cblas(transposeB), m, n, k,
                    alpha, pa, Lead(rowsA), pb, Lead(rowsB), beta, pc, Lead(m));
        }
    }

    /// <summary>Computes the LU factorization P·A = L·U in place (LAPACK dgetrf). A singular matrix still factors (U has a zero pivot).</summary>
    /// <param name="data">The square matrix; on exit L below the diagonal (unit diagonal implied) and U on and above it.</param>
    /// <param name="order">The order of the matrix.</param>
    /// <param name="ipiv">On exit the 0-based pivot rows: row i was interchanged with row ipiv[i].</param>
    public void LUFactor(double[] data, int order, int[] ipiv)
    {
        ShapeChecks.Dimension(order, nameof(order));
        ShapeChecks.Matrix(data, order, order, nameof(data));
        ShapeChecks.Vector(ipiv, order, nameof(ipiv));
        if (lapack is null)
        {
            Managed.LUFactor(data, order, ipiv);
            return;
        }
        fixed (double* a = data)
        fixed (int* p = ipiv)
            Check(lapack.Dgetrf(LapackeRoutines.ColumnMajor, order, order, a, Lead(order), p), "LAPACKE_dgetrf");
        for (int i = 0; i < order; i++)
            ipiv[i]--;
    }

    /// <summary>Inverts a square matrix in place through its LU factorization (LAPACK dgetrf and dgetri).</summary>
    /// <param name="a">The matrix; on exit its inverse.</param>
    /// <param name="order">The order of the matrix.</param>
    /// <exception cref="ArgumentException">The matrix is exactly singular.</exception>
    public void LUInverse(double[] a, int order)
    {
        ShapeChecks.Dimension(order, nameof(order));
        ShapeChecks.Matrix(a, order, order, nameof(a));
        if (lapack is null)
        {
            Managed.LUInverse(a, order);
            return;
        }
        int[] pivots = ArrayPool<int>.Shared.Rent(Math.Max(1, order));
        try
        {
            fixed (double* pa = a)
            fixed (int* p = pivots)
            {
                int info = lapack.Dgetrf(LapackeRoutines.ColumnMajor, order, order, pa, Lead(order), p);
                Check(info, "LAPACKE_dgetrf");
                if (info > 0)
                    throw new ArgumentException($"a is singular: U[{info - 1},{info - 1}] of its LU factorization is zero.", nameof(a));
                Check(lapack.Dgetri(LapackeRoutines.ColumnMajor, order, pa, Lead(order), p), "LAPACKE_dgetri");
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(pivots);
        }
    }

    /// <summary>Inverts a matrix in place from its LU factorization (LAPACK dgetri).</summary>
    /// <param name="a">The factors from <see cref="LUFactor"/>; on exit the inverse.</param>
    /// <param name="order">The order of the matrix.</param>
    /// <param name="ipiv">The 0-based pivots from <see cref="LUFactor"/>; not modified.</param>
    /// <exception cref="ArgumentException">The factored matrix is exactly singular.</exception>
    public void LUInverseFactored(double[] a, int order, int[] ipiv)
    {
        ShapeChecks.Dimension(order, nameof(order));
        ShapeChecks.Matrix(a, order, order, nameof(a));
        ShapeChecks.Pivots(ipiv, order, nameof(ipiv));
        if (lapack is null)
        {
            Managed.LUInverseFactored(a, order, ipiv);
            return;
        }
        int[] pivots = OneBasedPivots(ipiv);
        try
        {
            fixed (double* pa = a)
            fixed (int* p = pivots)
            {
                int info = lapack.Dgetri(LapackeRoutines.ColumnMajor, order, pa, Lead(order), p);
                Check(info, "LAPACKE_dgetri");
                if (info > 0)
                    throw new ArgumentException($"a is singular: U[{info - 1},{info - 1}] is zero.", nameof(a));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(pivots);
        }
    }

    /// <summary>Solves A·X = B through the LU factorization of A (LAPACK dgetrf and dgetrs); A is not modified.</summary>
    /// <param name="columnsOfB">Columns of B.</param>
    /// <param name="a">The square matrix A.</param>
    /// <param name="order">The order of A.</param>
    /// <param name="b">On entry B (<paramref name="order"/>×<paramref name="columnsOfB"/>); on exit X.</param>
    public void LUSolve(int columnsOfB, double[] a, int order, double[] b)
    {
        ShapeChecks.SquareSystem(a, order, b, columnsOfB, nameof(order), nameof(columnsOfB));
        if (lapack is null)
        {
            Managed.LUSolve(columnsOfB, a, order, b);
            return;
        }
        double[] factors = ArrayPool<double>.Shared.Rent(Math.Max(1, a.Length));
        int[] pivots = ArrayPool<int>.Shared.Rent(Math.Max(1, order));
        try
        {
            a.AsSpan().CopyTo(factors);
            fixed (double* pa = factors, pb = b)
            fixed (int* p = pivots)
            {
                // A zero pivot (info > 0) is not an error here: the solve then yields infinities, as the managed provider does.
                Check(lapack.Dgetrf(LapackeRoutines.ColumnMajor, order, order, pa, Lead(order), p), "LAPACKE_dgetrf");
                Check(lapack.Dgetrs(LapackeRoutines.ColumnMajor, (byte)'N', order, columnsOfB, pa, Lead(order), p, pb, Lead(order)), "LAPACKE_dgetrs");
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(factors);
            ArrayPool<int>.Shared.Return(pivots);
        }
    }

    /// <summary>Solves A·X = B from the LU factorization of A (LAPACK dgetrs).</summary>
    /// <param name="columnsOfB">Columns of B.</param>
    /// <param name="a">The factors from <see cref="LUFactor"/>.</param>
    /// <param name="order">The order of A.</param>
    /// <param name="ipiv">The 0-based pivots from <see cref="LUFactor"/>; not modified.</param>
    /// <param name="b">On entry B; on exit X.</param>
    public void LUSolveFactored(int columnsOfB, double[] a, int order, int[] ipiv, double[] b)
    {
        ShapeChecks.SquareSystem(a, order, b, columnsOfB, nameof(order), nameof(columnsOfB));
        ShapeChecks.Pivots(ipiv, order, nameof(ipiv));
        if (lapack is null)
        {
            Managed.LUSolveFactored(columnsOfB, a, order, ipiv, b);
            return;
        }
        int[] pivots = OneBasedPivots(ipiv);
        try
        {
            fixed (double* pa = a, pb = b)
            fixed (int* p = pivots)
                Check(lapack.Dgetrs(LapackeRoutines.ColumnMajor, (byte)'N', order, columnsOfB, pa, Lead(order), p, pb, Lead(order)), "LAPACKE_dgetrs");
        }
        finally
        {
            ArrayPool<int>.Shared.Return(pivots);
        }
    }

    private static int[] OneBasedPivots(int[] ipiv)
    {
        int[] pivots = ArrayPool<int>.Shared.Rent(Math.Max(1, ipiv.Length));
        for (int i = 0; i < ipiv.Length; i++)
            pivots[i] = ipiv[i] + 1;
        return pivots;
    }

    /// <summary>Computes the Cholesky factor L of a symmetric positive definite A = L·Lᵀ in place (LAPACK dpotrf); the upper triangle is zeroed.</summary>
    /// <param name="a">The matrix (its lower triangle is read); on exit L.</param>
    /// <param name="order">The order of the matrix.</param>
    /// <exception cref="ArgumentException">The matrix is not positive definite.</exception>
    public void CholeskyFactor(double[] a, int order)
    {
        ShapeChecks.Dimension(order, nameof(order));
        ShapeChecks.Matrix(a, order, order, nameof(a));
        if (lapack is null)
        {
            Managed.CholeskyFactor(a, order);
            return;
        }
        fixed (double* pa = a)
            FactorCholesky(pa, order, nameof(a));
        for (int column = 1; column < order; column++)
            a.AsSpan(column * order, column).Clear();
    }

    private void FactorCholesky(double* a, int order, string argument)
    {
        int info = lapack!.Dpotrf(LapackeRoutines.ColumnMajor, (byte)'L', order, a, Lead(order));
        Check(info, "LAPACKE_dpotrf");
        if (info > 0)
            throw new ArgumentException(
                $"{argument} is not positive definite: its leading minor of order {info} is not positive.", argument);
    }

    /// <summary>Solves A·X = B for symmetric positive definite A through its Cholesky factor (LAPACK dpotrf and dpotrs); A is not modified.</summary>
    /// <param name="a">The matrix A.</param>
    /// <param name="orderA">The order of A.</param>
    /// <param name="b">On entry B (<paramref name="orderA"/>×<paramref name="columnsB"/>); on exit X.</param>
    /// <param name="columnsB">Columns of B.</param>
    /// <exception cref="ArgumentException">A is not positive definite.</exception>
    public void CholeskySolve(double[] a, int orderA, double[] b, int columnsB)
    {
        ShapeChecks.SquareSystem(a, orderA, b, columnsB, nameof(orderA), nameof(columnsB));
        if (lapack is null)
        {
            Managed.CholeskySolve(a, orderA, b, columnsB);
            return;
        }
        double[] factor = ArrayPool<double>.Shared.Rent(Math.Max(1, a.Length));
        try
        {
            a.AsSpan().CopyTo(factor);
            fixed (double* pa = factor, pb = b)
            {
                FactorCholesky(pa, orderA, nameof(a));
                Check(lapack.Dpotrs(LapackeRoutines.ColumnMajor, (byte)'L', orderA, columnsB, pa, Lead(orderA), pb, Lead(orderA)), "LAPACKE_dpotrs");
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(factor);
        }
    }

    /// <summary>Solves A·X = B from the Cholesky factor L of A (LAPACK dpotrs).</summary>
    /// <param name="a">The factor from <see cref="CholeskyFactor"/>.</param>
    /// <param name="orderA">The order of A.</param>
    /// <param name="b">On entry B; on exit X.</param>
    /// <param name="columnsB">Columns of B.</param>
    public void CholeskySolveFactored(double[] a, int orderA, double[] b, int columnsB)
    {
        ShapeChecks.SquareSystem(a, orderA, b, columnsB, nameof(orderA), nameof(columnsB));
        if (lapack is null)
        {
            Managed.CholeskySolveFactored(a, orderA, b, columnsB);
            return;
        }
        fixed (double* pa = a, pb = b)
            Check(lapack.Dpotrs(LapackeRoutines.ColumnMajor, (byte)'L', orderA, columnsB, pa, Lead(orderA), pb, Lead(orderA)), "LAPACKE_dpotrs");
    }

    /// <summary>Computes the full QR factorization A = Q·R by Householder reflections (LAPACK dgeqrf and dorgqr).</summary>
    /// <param name="r">On entry A (<paramref name="rowsR"/>×<paramref name="columnsR"/>); on exit R, zero below the diagonal.</param>
    /// <param name="rowsR">Rows of A.</param>
    /// <param name="columnsR">Columns of A.</param>
    /// <param name="q">On exit the orthogonal <paramref name="rowsR"/>×<paramref name="rowsR"/> factor Q.</param>
    /// <param name="tau">At least min(rows, columns) entries; on exit the Householder scalars.</param>
    public void QRFactor(double[] r, int rowsR, int columnsR, double[] q, double[] tau)
    {
        ShapeChecks.Dimension(rowsR, nameof(rowsR));
        ShapeChecks.Dimension(columnsR, nameof(columnsR));
        ShapeChecks.Matrix(r, rowsR, columnsR, nameof(r));
        ShapeChecks.Matrix(q, rowsR, rowsR, nameof(q));
        int reflectors = Math.Min(rowsR, columnsR);
        ShapeChecks.AtLeast(tau, reflectors, nameof(tau));
        ShapeChecks.Distinct(r, q, nameof(r), nameof(q));
        if (lapack is null)
        {
            Managed.QRFactor(r, rowsR, columnsR, q, tau);
            return;
        }
        int m = rowsR;
        fixed (double* pr = r, pq = q, pt = tau)
        {
            Check(lapack.Dgeqrf(LapackeRoutines.ColumnMajor, m, columnsR, pr, Lead(m), pt), "LAPACKE_dgeqrf");
            Array.Clear(q);
            // The reflectors sit below R's diagonal: move them into Q, from which dorgqr forms Q explicitly.
            for (int j = 0; j < reflectors; j++)
            {
                var below = r.AsSpan(j * m + j + 1, m - j - 1);
                below.CopyTo(q.AsSpan(j * m + j + 1));
                below.Clear();
            }
            Check(lapack.Dorgqr(LapackeRoutines.ColumnMajor, m, m, reflectors, pq, Lead(m), pt), "LAPACKE_dorgqr");
        }
    }

    /// <summary>Computes the thin QR factorization A = Q·R of a tall matrix (LAPACK dgeqrf and dorgqr).</summary>
    /// <param name="a">On entry A (<paramref name="rowsA"/>×<paramref name="columnsA"/>, rows ≥ columns); on exit Q with orthonormal columns.</param>
    /// <param name="rowsA">Rows of A.</param>
    /// <param name="columnsA">Columns of A, at most <paramref name="rowsA"/>.</param>
    /// <param name="r">On exit the upper triangular <paramref name="columnsA"/>×<paramref name="columnsA"/> factor R.</param>
    /// <param name="tau">At least <paramref name="columnsA"/> entries; on exit the Householder scalars.</param>
    public void ThinQRFactor(double[] a, int rowsA, int columnsA, double[] r, double[] tau)
    {
        ShapeChecks.Dimension(rowsA, nameof(rowsA));
        ShapeChecks.Dimension(columnsA, nameof(columnsA));
        if (rowsA < columnsA)
            throw new ArgumentException($"A thin QR factorization needs rowsA ≥ columnsA; got {rowsA}×{columnsA}.", nameof(rowsA));
        ShapeChecks.Matrix(a, rowsA, columnsA, nameof(a));
        ShapeChecks.Matrix(r, columnsA, columnsA, nameof(r));
        ShapeChecks.AtLeast(tau, columnsA, nameof(tau));
        ShapeChecks.Distinct(a, r, nameof(a), nameof(r));
        if (lapack is null)
        {
            Managed.ThinQRFactor(a, rowsA, columnsA, r, tau);
            return;
        }
        int m = rowsA, n = columnsA;
        fixed (double* pa = a, pt = tau)
        {
            Check(lapack.Dgeqrf(LapackeRoutines.ColumnMajor, m, n, pa, Lead(m), pt), "LAPACKE_dgeqrf");
            Array.Clear(r);
            for (int j = 0; j < n; j++)
                a.AsSpan(j * m, j + 1).CopyTo(r.AsSpan(j * n));
            Check(lapack.Dorgqr(LapackeRoutines.ColumnMajor, m, n, n, pa, Lead(m), pt), "LAPACKE_dorgqr");
        }
    }

    /// <summary>Solves the least-squares problem min ‖A·X − B‖ for a full-rank A with rows ≥ columns by QR (LAPACK dgels); A and B are not modified.</summary>
    /// <param name="a">The matrix A.</param>
    /// <param name="rows">Rows of A.</param>
    /// <param name="columns">Columns of A, at most <paramref name="rows"/>.</param>
    /// <param name="b">The right-hand sides, <paramref name="rows"/>×<paramref name="columnsB"/>.</param>
    /// <param name="columnsB">Columns of B.</param>
    /// <param name="x">On exit the <paramref name="columns"/>×<paramref name="columnsB"/> solution.</param>
    /// <param name="method">Full or thin QR; both give the same solution here.</param>
    /// <exception cref="ArgumentException">A is rank deficient.</exception>
    public void QRSolve(double[] a, int rows, int columns, double[] b, int columnsB, double[] x, QRMethod method = QRMethod.Full)
    {
        ShapeChecks.Dimension(rows, nameof(rows));
        ShapeChecks.Dimension(columns, nameof(columns));
        ShapeChecks.Dimension(columnsB, nameof(columnsB));
        if (rows < columns)
            throw new ArgumentException($"QR least squares needs rows ≥ columns; got {rows}×{columns}.", nameof(rows));
        ShapeChecks.Matrix(a, rows, columns, nameof(a));
        ShapeChecks.Matrix(b, rows, columnsB, nameof(b));
        ShapeChecks.Matrix(x, columns, columnsB, nameof(x));
        if (lapack is null)
        {
            Managed.QRSolve(a, rows, columns, b, columnsB, x, method);
            return;
        }
        double[] factors = ArrayPool<double>.Shared.Rent(Math.Max(1, a.Length));
        double[] rhs = ArrayPool<double>.Shared.Rent(Math.Max(1, b.Length));
        try
        {
            a.AsSpan().CopyTo(factors);
            b.AsSpan().CopyTo(rhs);
            fixed (double* pa = factors, pb = rhs)
            {
                int info = lapack.Dgels(LapackeRoutines.ColumnMajor, (byte)'N', rows, columns, columnsB, pa, Lead(rows), pb, Lead(rows));
                Check(info, "LAPACKE_dgels");
                if (info > 0)
                    throw new ArgumentException($"a is rank deficient: R[{info - 1},{info - 1}] of its QR factorization is zero.", nameof(a));
            }
            for (int j = 0; j < columnsB; j++)
                rhs.AsSpan(j * rows, columns).CopyTo(x.AsSpan(j * columns));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(factors);
            ArrayPool<double>.Shared.Return(rhs);
        }
    }

    /// <summary>Solves min ‖A·X − B‖ from a QR factorization: X = R⁻¹·(Qᵀ·B) restricted to the first columns of Q (BLAS dgemm and dtrsm).</summary>
    /// <param name="q">Q from <see cref="QRFactor"/> (rows×rows) or <see cref="ThinQRFactor"/> (rows×columns).</param>
    /// <param name="r">R from the same factorization (rows×columns or columns×columns); only its upper triangle is read.</param>
    /// <param name="rowsA">Rows of A.</param>
    /// <param name="columnsA">Columns of A, at most <paramref name="rowsA"/>.</param>
    /// <param name="tau">The Householder scalars; not needed since Q is explicit, may be null.</param>
    /// <param name="b">The right-hand sides, <paramref name="rowsA"/>×<paramref name="columnsB"/>.</param>
    /// <param name="columnsB">Columns of B.</param>
    /// <param name="x">On exit the <paramref name="columnsA"/>×<paramref name="columnsB"/> solution.</param>
    /// <param name="method">Which factorization produced <paramref name="q"/> and <paramref name="r"/>.</param>
    public void QRSolveFactored(double[] q, double[] r, int rowsA, int columnsA, double[]? tau, double[] b, int columnsB, double[] x, QRMethod method = QRMethod.Full)
    {
        ShapeChecks.Dimension(rowsA, nameof(rowsA));
        ShapeChecks.Dimension(columnsA, nameof(columnsA));
        ShapeChecks.Dimension(columnsB, nameof(columnsB));
        if (rowsA < columnsA)
            throw new ArgumentException($"QR least squares needs rowsA ≥ columnsA; got {rowsA}×{columnsA}.", nameof(rowsA));
        bool full = method == QRMethod.Full;
        ShapeChecks.Matrix(q, rowsA, full ? rowsA : columnsA, nameof(q));
        ShapeChecks.Matrix(r, full ? rowsA : columnsA, columnsA, nameof(r));
        ShapeChecks.Matrix(b, rowsA, columnsB, nameof(b));
        ShapeChecks.Matrix(x, columnsA, columnsB, nameof(x));
        if (blas is null)
        {
            Managed.QRSolveFactored(q, r, rowsA, columnsA, tau, b, columnsB, x, method);
            return;
        }
        if (columnsA == 0 || columnsB == 0)
            return;
        fixed (double* pq = q, pr = r, pb = b, px = x)
        {
            blas.Dgemm(CblasRoutines.ColumnMajor, CblasRoutines.Transpose, CblasRoutines.NoTranspose, columnsA, columnsB, rowsA,
                1.0, pq, Lead(rowsA), pb, Lead(rowsA), 0.0, px, Lead(columnsA));
            blas.Dtrsm(CblasRoutines.ColumnMajor, CblasRoutines.Left, CblasRoutines.Upper, CblasRoutines.NoTranspose, CblasRoutines.NonUnitDiagonal,
                columnsA, columnsB, 1.0, pr, Lead(full ? rowsA : columnsA), px, Lead(columnsA));
        }
    }

    /// <summary>Computes the singular value decomposition A = U·Σ·Vᵀ (LAPACK dgesvd, Golub–Kahan bidiagonalization and implicit QR).</summary>
    /// <param name="computeVectors">Whether to compute U and Vᵀ.</param>
    /// <param name="a">The <paramref name="rowsA"/>×<paramref name="columnsA"/> matrix; destroyed on exit.</param>
    /// <param name="rowsA">Rows of A.</param>
    /// <param name="columnsA">Columns of A.</param>
    /// <param name="s">At least min(rows, columns) entries; on exit the singular values in decreasing order.</param>
    /// <param name="u">On exit U (<paramref name="rowsA"/>×<paramref name="rowsA"/>) when vectors are computed.</param>
    /// <param name="vt">On exit Vᵀ (<paramref name="columnsA"/>×<paramref name="columnsA"/>) when vectors are computed.</param>
    /// <exception cref="NonConvergenceException">The QR iteration did not converge.</exception>
    public void SingularValueDecomposition(bool computeVectors, double[] a, int rowsA, int columnsA, double[] s, double[] u, double[] vt)
    {
        ShapeChecks.Dimension(rowsA, nameof(rowsA));
        ShapeChecks.Dimension(columnsA, nameof(columnsA));
        ShapeChecks.Matrix(a, rowsA, columnsA, nameof(a));
        int count = Math.Min(rowsA, columnsA);
        ShapeChecks.AtLeast(s, count, nameof(s));
        if (computeVectors)
        {
            ShapeChecks.Matrix(u, rowsA, rowsA, nameof(u));
            ShapeChecks.Matrix(vt, columnsA, columnsA, nameof(vt));
        }
        if (lapack is null)
        {
            Managed.SingularValueDecomposition(computeVectors, a, rowsA, columnsA, s, u, vt);
            return;
        }
        double[] superdiagonal = ArrayPool<double>.Shared.Rent(Math.Max(1, count));
        try
        {
            byte job = computeVectors ? (byte)'A' : (byte)'N';
            fixed (double* pa = a, ps = s, pu = u, pv = vt, pw = superdiagonal)
            {
                int info = lapack.Dgesvd(LapackeRoutines.ColumnMajor, job, job, rowsA, columnsA, pa, Lead(rowsA), ps, pu, Lead(rowsA), pv, Lead(columnsA), pw);
                Check(info, "LAPACKE_dgesvd");
                if (info > 0)
                    throw new NonConvergenceException($"LAPACKE_dgesvd: {info} superdiagonals did not converge to zero.");
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(superdiagonal);
        }
    }

    /// <summary>Solves min ‖A·X − B‖ by the singular value decomposition of A (LAPACK dgesvd, then <see cref="SvdSolveFactored"/>); A is not modified.</summary>
    /// <param name="a">The matrix A.</param>
    /// <param name="rowsA">Rows of A.</param>
    /// <param name="columnsA">Columns of A.</param>
    /// <param name="b">The right-hand sides, <paramref name="rowsA"/>×<paramref name="columnsB"/>.</param>
    /// <param name="columnsB">Columns of B.</param>
    /// <param name="x">On exit the <paramref name="columnsA"/>×<paramref name="columnsB"/> solution.</param>
    public void SvdSolve(double[] a, int rowsA, int columnsA, double[] b, int columnsB, double[] x)
    {
        ShapeChecks.Dimension(rowsA, nameof(rowsA));
        ShapeChecks.Dimension(columnsA, nameof(columnsA));
        ShapeChecks.Dimension(columnsB, nameof(columnsB));
        ShapeChecks.Matrix(a, rowsA, columnsA, nameof(a));
        ShapeChecks.Matrix(b, rowsA, columnsB, nameof(b));
        ShapeChecks.Matrix(x, columnsA, columnsB, nameof(x));
        if (lapack is null)
        {
            Managed.SvdSolve(a, rowsA, columnsA, b, columnsB, x);
            return;
        }
        var s = new double[Math.Min(rowsA, columnsA)];
        var u = new double[rowsA * rowsA];
        var vt = new double[columnsA * columnsA];
        SingularValueDecomposition(true, (double[])a.Clone(), rowsA, columnsA, s, u, vt);
        SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);
    }

    /// <summary>Computes X = V·Σ⁻¹·Uᵀ·B from a singular value decomposition (BLAS dgemm), as the managed provider does (no truncation of zero singular values).</summary>
    /// <param name="rowsA">Rows of A.</param>
    /// <param name="columnsA">Columns of A.</param>
    /// <param name="s">The singular values, at least min(rows, columns).</param>
    /// <param name="u">U, <paramref name="rowsA"/>×<paramref name="rowsA"/>.</param>
    /// <param name="vt">Vᵀ, <paramref name="columnsA"/>×<paramref name="columnsA"/>.</param>
    /// <param name="b">The right-hand sides, <paramref name="rowsA"/>×<paramref name="columnsB"/>.</param>
    /// <param name="columnsB">Columns of B.</param>
    /// <param name="x">On exit the <paramref name="columnsA"/>×<paramref name="columnsB"/> solution.</param>
    public void SvdSolveFactored(int rowsA, int columnsA, double[] s, double[] u, double[] vt, double[] b, int columnsB, double[] x)
    {
        ShapeChecks.Dimension(rowsA, nameof(rowsA));
        ShapeChecks.Dimension(columnsA, nameof(columnsA));
        ShapeChecks.Dimension(columnsB, nameof(columnsB));
        int count = Math.Min(rowsA, columnsA);
        ShapeChecks.AtLeast(s, count, nameof(s));
        ShapeChecks.Matrix(u, rowsA, rowsA, nameof(u));
        ShapeChecks.Matrix(vt, columnsA, columnsA, nameof(vt));
        ShapeChecks.Matrix(b, rowsA, columnsB, nameof(b));
        ShapeChecks.Matrix(x, columnsA, columnsB, nameof(x));
        if (blas is null)
        {
            Managed.SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);
            return;
        }
        if (columnsA == 0 || columnsB == 0)
            return;
        if (count == 0)
        {
            Array.Clear(x);
            return;
        }
        double[] projected = ArrayPool<double>.Shared.Rent(count * columnsB);
        try
        {
            fixed (double* pu = u, pv = vt, pb = b, px = x, pt = projected)
            {
                // T = U[:, :count]ᵀ·B, then T ← Σ⁻¹·T, then X = Vᵀ[:count, :]ᵀ·T.
                blas.Dgemm(CblasRoutines.ColumnMajor, CblasRoutines.Transpose, CblasRoutines.NoTranspose, count, columnsB, rowsA,
                    1.0, pu, Lead(rowsA), pb, Lead(rowsA), 0.0, pt, count);
                for (int j = 0; j < columnsB; j++)
                    for (int i = 0; i < count; i++)
                        pt[j * count + i] /= s[i];
                blas.Dgemm(CblasRoutines.ColumnMajor, CblasRoutines.Transpose, CblasRoutines.NoTranspose, columnsA, columnsB, count,
                    1.0, pv, Lead(columnsA), pt, count, 0.0, px, Lead(columnsA));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(projected);
        }
    }

    /// <summary>
    /// Computes the eigendecomposition A = V·D·V⁻¹. Symmetric matrices go to LAPACK dsyevd (divide and conquer;
    /// eigenvalues ascending, orthonormal eigenvectors); nonsymmetric ones to the managed provider.
    /// </summary>
    /// <param name="isSymmetric">Whether A is symmetric (only its upper triangle is then read).</param>
    /// <param name="order">The order of A.</param>
    /// <param name="matrix">The matrix A; not modified.</param>
    /// <param name="matrixEv">On exit the eigenvectors, one per column.</param>
    /// <param name="vectorEv">On exit the eigenvalues.</param>
    /// <param name="matrixD">On exit the (block) diagonal matrix of eigenvalues.</param>
    /// <exception cref="NonConvergenceException">The eigenvalue iteration did not converge.</exception>
    public void EigenDecomp(bool isSymmetric, int order, double[] matrix, double[] matrixEv, Complex[] vectorEv, double[] matrixD)
    {
        ShapeChecks.Dimension(order, nameof(order));
        ShapeChecks.Matrix(matrix, order, order, nameof(matrix));
        ShapeChecks.Matrix(matrixEv, order, order, nameof(matrixEv));
        ShapeChecks.Vector(vectorEv, order, nameof(vectorEv));
        ShapeChecks.Matrix(matrixD, order, order, nameof(matrixD));
        if (lapack is null || !isSymmetric)
        {
            Managed.EigenDecomp(isSymmetric, order, matrix, matrixEv, vectorEv, matrixD);
            return;
        }
        double[] values = ArrayPool<double>.Shared.Rent(Math.Max(1, order));
        try
        {
            matrix.AsSpan().CopyTo(matrixEv);
            fixed (double* pv = matrixEv, pw = values)
            {
                int info = lapack.Dsyevd(LapackeRoutines.ColumnMajor, (byte)'V', (byte)'U', order, pv, Lead(order), pw);
                Check(info, "LAPACKE_dsyevd");
                if (info > 0)
                    throw new NonConvergenceException($"LAPACKE_dsyevd: {info} eigenvalues did not converge.");
            }
            Array.Clear(matrixD);
            for (int i = 0; i < order; i++)
            {
                vectorEv[i] = new Complex(values[i], 0.0);
                matrixD[i * order + i] = values[i];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
        }
    }
}
