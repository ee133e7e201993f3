using System.Runtime.InteropServices;

namespace Optimize.LinearAlgebra;

/// <summary>The CBLAS entry points (BLAS Technical Forum standard, <c>cblas.h</c>) the provider calls.</summary>
internal sealed unsafe class CblasRoutines(nint handle)
{
    /// <summary><c>CblasColMajor</c>: MathNet stores matrices column by column.</summary>
    public const int ColumnMajor = 102;

    /// <summary><c>CblasNoTrans</c> (MathNet's <c>Transpose</c> uses the same values).</summary>
    public const int NoTranspose = 111;

    /// <summary><c>CblasTrans</c>.</summary>
    public const int Transpose = 112;

    /// <summary><c>CblasUpper</c>.</summary>
    public const int Upper = 121;

    /// <summary><c>CblasNonUnit</c>.</summary>
    public const int NonUnitDiagonal = 131;

    /// <summary><c>CblasLeft</c>.</summary>
    public const int Left = 141;

    /// <summary>C ← α·op(A)·op(B) + β·C.</summary>
    public readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Dgemm =
        (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)NativeLibrary.GetExport(handle, "cblas_dgemm");

    /// <summary>y ← α·op(A)·x + β·y.</summary>
    public readonly delegate* unmanaged<int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Dgemv =
        (delegate* unmanaged<int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)NativeLibrary.GetExport(handle, "cblas_dgemv");

    /// <summary>B ← α·op(A)⁻¹·B for triangular A (left side).</summary>
    public readonly delegate* unmanaged<int, int, int, int, int, int, int, double, double*, int, double*, int, void> Dtrsm =
        (delegate* unmanaged<int, int, int, int, int, int, int, double, double*, int, double*, int, void>)NativeLibrary.GetExport(handle, "cblas_dtrsm");

    /// <summary>xᵀy.</summary>
    public readonly delegate* unmanaged<int, double*, int, double*, int, double> Ddot =
        (delegate* unmanaged<int, double*, int, double*, int, double>)NativeLibrary.GetExport(handle, "cblas_ddot");

    /// <summary>y ← α·x + y.</summary>
    public readonly delegate* unmanaged<int, double, double*, int, double*, int, void> Daxpy =
        (delegate* unmanaged<int, double, double*, int, double*, int, void>)NativeLibrary.GetExport(handle, "cblas_daxpy");

    /// <summary>x ← α·x.</summary>
    public readonly delegate* unmanaged<int, double, double*, int, void> Dscal =
        (delegate* unmanaged<int, double, double*, int, void>)NativeLibrary.GetExport(handle, "cblas_dscal");

    /// <summary>‖x‖₂ without overflow.</summary>
    public readonly delegate* unmanaged<int, double*, int, double> Dnrm2 =
        (delegate* unmanaged<int, double*, int, double>)NativeLibrary.GetExport(handle, "cblas_dnrm2");
}

/// <summary>
/// The LAPACKE entry points (LAPACK's C interface, <c>lapacke.h</c>) the provider calls. Character
/// arguments are single bytes; every routine returns LAPACK's <c>info</c>.
/// </summary>
internal sealed unsafe class LapackeRoutines(nint handle)
{
    /// <summary><c>LAPACK_COL_MAJOR</c>.</summary>
    public const int ColumnMajor = 102;

    /// <summary>LU with partial pivoting, P·A = L·U (1-based pivots).</summary>
    public readonly delegate* unmanaged<int, int, int, double*, int, int*, int> Dgetrf =
        (delegate* unmanaged<int, int, int, double*, int, int*, int>)NativeLibrary.GetExport(handle, "LAPACKE_dgetrf");

    /// <summary>Solves with an LU factorization.</summary>
    public readonly delegate* unmanaged<int, byte, int, int, double*, int, int*, double*, int, int> Dgetrs =
        (delegate* unmanaged<int, byte, int, int, double*, int, int*, double*, int, int>)NativeLibrary.GetExport(handle, "LAPACKE_dgetrs");

    /// <summary>Inverse from an LU factorization.</summary>
    public readonly delegate* unmanaged<int, int, double*, int, int*, int> Dgetri =
        (delegate* unmanaged<int, int, double*, int, int*, int>)NativeLibrary.GetExport(handle, "LAPACKE_dgetri");

    /// <summary>Cholesky factorization A = L·Lᵀ.</summary>
    public readonly delegate* unmanaged<int, byte, int, double*, int, int> Dpotrf =
        (delegate* unmanaged<int, byte, int, double*, int, int>)NativeLibrary.GetExport(handle, "LAPACKE_dpotrf");

    /// <summary>Solves with a Cholesky factorization.</summary>
    public readonly delegate* unmanaged<int, byte, int, int, double*, int, double*, int, int> Dpotrs =
        (delegate* unmanaged<int, byte, int, int, double*, int, double*, int, int>)NativeLibrary.GetExport(handle, "LAPACKE_dpotrs");

    /// <summary>Householder QR, A = Q·R (Q as reflectors below the diagonal and in tau).</summary>
    public readonly delegate* unmanaged<int, int, int, double*, int, double*, int> Dgeqrf =
        (delegate* unmanaged<int, int, int, double*, int, double*, int>)NativeLibrary.GetExport(handle, "LAPACKE_dgeqrf");

    /// <summary>Forms the first columns of Q from Householder reflectors.</summary>
    public readonly delegate* unmanaged<int, int, int, int, double*, int, double*, int> Dorgqr =
        (delegate* unmanaged<int, int, int, int, double*, int, double*, int>)NativeLibrary.GetExport(handle, "LAPACKE_dorgqr");

    /// <summary>Least squares by QR: min ‖A·X − B‖.</summary>
    public readonly delegate* unmanaged<int, byte, int, int, int, double*, int, double*, int, int> Dgels =
        (delegate* unmanaged<int, byte, int, int, int, double*, int, double*, int, int>)NativeLibrary.GetExport(handle, "LAPACKE_dgels");

    /// <summary>Symmetric eigendecomposition by divide and conquer.</summary>
    public readonly delegate* unmanaged<int, byte, byte, int, double*, int, double*, int> Dsyevd =
        (delegate* unmanaged<int, byte, byte, int, double*, int, double*, int>)NativeLibrary.GetExport(handle, "LAPACKE_dsyevd");

    /// <summary>Singular value decomposition A = U·Σ·Vᵀ.</summary>
    public readonly delegate* unmanaged<int, byte, byte, int, int, double*, int, double*, double*, int, double*, int, double*, int> Dgesvd =
        (delegate* unmanaged<int, byte, byte, int, int, double*, int, double*, double*, int, double*, int, double*, int>)NativeLibrary.GetExport(handle, "LAPACKE_dgesvd");

    /// <summary>Matrix norms: one, infinity, Frobenius, largest absolute value.</summary>
    public readonly delegate* unmanaged<int, byte, int, int, double*, int, double> Dlange =
        (delegate* unmanaged<int, byte, int, int, double*, int, double>)NativeLibrary.GetExport(handle, "LAPACKE_dlange");
}
