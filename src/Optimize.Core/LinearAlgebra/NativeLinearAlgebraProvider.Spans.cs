using System.Numerics.Tensors;

namespace Optimize.LinearAlgebra;

/// <summary>Span-based BLAS level 1 and 2 for hot loops: caller-owned memory, no allocation, the same backend as the array methods.</summary>
public sealed unsafe partial class NativeLinearAlgebraProvider
{
    /// <summary>Computes xᵀy (BLAS ddot; TensorPrimitives.Dot without a native library).</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as <paramref name="x"/>.</param>
    public double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Guard.Length(y.Length, x.Length, nameof(y));
        if (blas is null)
            return TensorPrimitives.Dot(x, y);
        fixed (double* px = x, py = y)
            return blas.Ddot(x.Length, px, 1, py, 1);
    }

    /// <summary>Computes y ← α·x + y (BLAS daxpy). <paramref name="x"/> and <paramref name="y"/> must not overlap unless they are the same span.</summary>
    /// <param name="alpha">The scale of <paramref name="x"/>.</param>
    /// <param name="x">The vector added.</param>
    /// <param name="y">The vector updated in place, as long as <paramref name="x"/>.</param>
    public void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        Guard.Length(y.Length, x.Length, nameof(y));
        if (blas is null)
        {
            TensorPrimitives.MultiplyAdd(x, alpha, y, y);
            return;
        }
        fixed (double* px = x, py = y)
            blas.Daxpy(x.Length, alpha, px, 1, py, 1);
    }

    /// <summary>Computes x ← α·x (BLAS dscal).</summary>
    /// <param name="alpha">The scale.</param>
    /// <param name="x">The vector scaled in place.</param>
    public void Scale(double alpha, Span<double> x)
    {
        if (blas is null)
        {
            TensorPrimitives.Multiply(x, alpha, x);
            return;
        }
        fixed (double* px = x)
            blas.Dscal(x.Length, alpha, px, 1);
    }

    /// <summary>Computes the Euclidean norm ‖x‖₂ (BLAS dnrm2, scaled against overflow; TensorPrimitives.Norm without a native library).</summary>
    /// <param name="x">The vector.</param>
    public double Norm2(ReadOnlySpan<double> x)
    {
        if (blas is null)
            return TensorPrimitives.Norm(x);
        fixed (double* px = x)
            return blas.Dnrm2(x.Length, px, 1);
    }

    /// <summary>Computes y ← α·op(A)·x + β·y for a column-major <paramref name="rows"/>×<paramref name="columns"/> matrix A (BLAS dgemv).</summary>
    /// <param name="transpose">Whether op(A) is Aᵀ.</param>
    /// <param name="rows">Rows of A as stored.</param>
    /// <param name="columns">Columns of A as stored.</param>
    /// <param name="alpha">The scale of the product.</param>
    /// <param name="a">The matrix entries, column by column.</param>
    /// <param name="x">The vector multiplied: <paramref name="columns"/> long, or <paramref name="rows"/> when transposed.</param>
    /// <param name="beta">The scale of the previous y; with 0 its entries are not read.</param>
    /// <param name="y">The result: <paramref name="rows"/> long, or <paramref name="columns"/> when transposed. Must not overlap the inputs.</param>
    public void MatrixVector(bool transpose, int rows, int columns, double alpha, ReadOnlySpan<double> a, ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        ShapeChecks.Dimension(rows, nameof(rows));
        ShapeChecks.Dimension(columns, nameof(columns));
        Guard.Length(a.Length, rows * columns, nameof(a));
        Guard.Length(x.Length, transpose ? rows : columns, nameof(x));
        Guard.Length(y.Length, transpose ? columns : rows, nameof(y));
        if (blas is null)
        {
            ManagedMatrixVector(transpose, rows, columns, alpha, a, x, beta, y);
            return;
        }
        if (y.IsEmpty)
            return;
        fixed (double* pa = a, px = x, py = y)
            blas.Dgemv(CblasRoutines.ColumnMajor, transpose ? CblasRoutines.Transpose : CblasRoutines.NoTranspose,
                rows, columns, alpha, pa, Lead(rows), px, 1, beta, py, 1);
    }

    private static void ManagedMatrixVector(bool transpose, int rows, int columns, double alpha, ReadOnlySpan<double> a, ReadOnlySpan<double> x, double beta, Span<double> y)
    {
        if (transpose)
        {
            for (int j = 0; j < columns; j++)
            {
                double product = alpha * TensorPrimitives.Dot(a.Slice(j * rows, rows), x);
                y[j] = beta == 0.0 ? product : product + beta * y[j];
            }
            return;
        }
        if (beta == 0.0)
            y.Clear();
        else if (beta != 1.0)
            TensorPrimitives.Multiply(y, beta, y);
        for (int j = 0; j < columns; j++)
            TensorPrimitives.MultiplyAdd(a.Slice(j * rows, rows), alpha * x[j], y, y);
    }
}
