using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using MathNet.Numerics.Providers.LinearAlgebra;
using Optimize.LinearAlgebra;

namespace Optimize.AutoDiff.Tensors;

/// <summary>
/// An m×n view of a flat array: entry (i, j) sits at Offset + i·Row + j·Column. A zero stride broadcasts
/// (a 1×n row read by every row has Row = 0), and a transposed view swaps the strides.
/// </summary>
internal readonly record struct StridedView(double[] Array, int Offset, int Row, int Column)
{
    /// <summary>A rows×columns operand read as an m×n tensor by broadcasting its unit dimensions.</summary>
    public static StridedView Broadcast(double[] array, int rows, int columns) =>
        new(array, 0, rows == 1 ? 0 : columns, columns == 1 ? 0 : 1);

    /// <summary>A dense row-major view with <paramref name="columns"/> entries per row.</summary>
    public static StridedView Dense(double[] array, int columns, int offset = 0) => new(array, offset, columns, 1);
}

/// <summary>
/// The few loops every tensor rule is made of: z += s·x and z += s·x⊙y over strided m×n views (vectorized by
/// TensorPrimitives along contiguous rows, with reductions when z broadcasts), and row-major matrix products
/// through the native BLAS provider.
/// </summary>
internal static class StridedKernels
{
    /// <summary>z += scale·x over an m×n index range.</summary>
    public static void AddScaled(int m, int n, double scale, in StridedView x, in StridedView z)
    {
        var xa = x.Array;
        var za = z.Array;
        if (x.Column == 1 && z.Column == 1 && x.Row == n && z.Row == n && m > 1)
        {
            // Both dense: one contiguous row of m·n entries.
            AddScaled(1, m * n, scale, x, z);
            return;
        }
        if (x.Column == 1 && z.Column == 1)
        {
            for (int i = 0; i < m; i++)
            {
                var xr = new ReadOnlySpan<double>(xa, x.Offset + i * x.Row, n);
                var zr = new Span<double>(za, z.Offset + i * z.Row, n);
                if (scale == 1.0) TensorPrimitives.Add(zr, xr, zr);
                else TensorPrimitives.MultiplyAdd(xr, scale, zr, zr);
            }
            return;
        }
        if (x.Column == 0 && z.Column == 1)
        {
            for (int i = 0; i < m; i++)
            {
                var zr = new Span<double>(za, z.Offset + i * z.Row, n);
                TensorPrimitives.Add(zr, scale * xa[x.Offset + i * x.Row], zr);
            }
            return;
        }
        if (x.Column == 1 && z.Column == 0)
        {
            for (int i = 0; i < m; i++)
                za[z.Offset + i * z.Row] += scale * TensorPrimitives.Sum(new ReadOnlySpan<double>(xa, x.Offset + i * x.Row, n));
            return;
        }
        for (int i = 0; i < m; i++)
        {
            int xi = x.Offset + i * x.Row, zi = z.Offset + i * z.Row;
            for (int j = 0; j < n; j++, xi += x.Column, zi += z.Column)
                za[zi] += scale * xa[xi];
        }
    }

    /// <summary>z += scale·x⊙y over an m×n index range.</summary>
    public static void MultiplyAdd(int m, int n, double scale, in StridedView x, in StridedView y, in StridedView z)
    {
        var xa = x.Array;
        var ya = y.Array;
        var za = z.Array;
        if (x.Column == 1 && y.Column == 1 && z.Column == 1 && x.Row == n && y.Row == n && z.Row == n && m > 1)
        {
            MultiplyAdd(1, m * n, scale, x, y, z);
            return;
        }
        if (x.Column == 1 && y.Column == 1 && z.Column == 1 && scale == 1.0)
        {
            for (int i = 0; i < m; i++)
            {
                var zr = new Span<double>(za, z.Offset + i * z.Row, n);
                TensorPrimitives.MultiplyAdd(new ReadOnlySpan<double>(xa, x.Offset + i * x.Row, n),
                    new ReadOnlySpan<double>(ya, y.Offset + i * y.Row, n), zr, zr);
            }
            return;
        }
        if (x.Column == 1 && y.Column == 1 && z.Column == 0)
        {
            for (int i = 0; i < m; i++)
                za[z.Offset + i * z.Row] += scale * TensorPrimitives.Dot(new ReadOnlySpan<double>(xa, x.Offset + i * x.Row, n),
                    new ReadOnlySpan<double>(ya, y.Offset + i * y.Row, n));
            return;
        }
        for (int i = 0; i < m; i++)
        {
            int xi = x.Offset + i * x.Row, yi = y.Offset + i * y.Row, zi = z.Offset + i * z.Row;
            for (int j = 0; j < n; j++, xi += x.Column, yi += y.Column, zi += z.Column)
                za[zi] += scale * xa[xi] * ya[yi];
        }
    }

    /// <summary>z = (x &gt; 0 ? s : 0), or z += that when <paramref name="accumulate"/>: the rectifier's derivative applied without branches.</summary>
    public static void PositiveMask(ReadOnlySpan<double> x, ReadOnlySpan<double> s, Span<double> z, bool accumulate)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref double xr = ref MemoryMarshal.GetReference(x);
            ref double sr = ref MemoryMarshal.GetReference(s);
            ref double zr = ref MemoryMarshal.GetReference(z);
            for (int width = Vector<double>.Count; i + width <= x.Length; i += width)
            {
                var masked = Vector.ConditionalSelect(Vector.GreaterThan(Vector.LoadUnsafe(ref xr, (nuint)i), Vector<double>.Zero),
                    Vector.LoadUnsafe(ref sr, (nuint)i), Vector<double>.Zero);
                if (accumulate) masked += Vector.LoadUnsafe(ref zr, (nuint)i);
                masked.StoreUnsafe(ref zr, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            double masked = x[i] > 0 ? s[i] : 0.0;
            z[i] = accumulate ? z[i] + masked : masked;
        }
    }

    /// <summary>
    /// The number of entries from which a matrix–vector product of the backward sweep may read its matrix from the end:
    /// 2²⁰ doubles (8 MiB), well above a core's L2 cache, so what the forward product left in the last-level cache
    /// is what the backward product reads first.
    /// </summary>
    public const int FromEndThreshold = 1 << 20;

    /// <summary>The entries of the matrix read per BLAS call when reading from the end: 2¹⁸ doubles (2 MiB).</summary>
    public const int FromEndBlock = 1 << 18;

    /// <summary>
    /// c = op(a)·op(b) + β·c as <see cref="MatrixProduct"/>, except that with <paramref name="fromEnd"/> a matrix–vector
    /// product whose matrix has at least <see cref="FromEndThreshold"/> entries is computed in blocks of the matrix's
    /// stored rows, last block first.
    /// The forward product streamed the matrix from its start, so its end is what the cache still holds; the
    /// backward sweep reads it first (the reverse of the forward order, as reverse mode runs its records) and goes to
    /// memory only for the part that was evicted, instead of for all of it.
    /// </summary>
    public static void BackwardProduct(NativeLinearAlgebraProvider blas, bool fromEnd, double[] a, int aRows, int aColumns, bool transposeA,
        double[] b, int bRows, int bColumns, bool transposeB, double beta, double[] c)
    {
        int m = transposeA ? aColumns : aRows, n = transposeB ? bRows : bColumns;
        if (!fromEnd)
            MatrixProduct(blas, a, aRows, aColumns, transposeA, b, bRows, bColumns, transposeB, beta, c);
        else if (n == 1 && a.Length >= FromEndThreshold)
            // c = op(a)·b: a·v by row blocks of a, or aᵀ·v summed over row blocks of a.
            MatrixVectorFromEnd(blas, a, aRows, aColumns, transposeA, b, beta, c);
        else if (m == 1 && n > 1 && b.Length >= FromEndThreshold)
            // cᵀ = op(b)ᵀ·aᵀ: with op(b) = b that is bᵀ·a, with op(b) = bᵀ it is b·a.
            MatrixVectorFromEnd(blas, b, bRows, bColumns, !transposeB, a, beta, c);
        else
            MatrixProduct(blas, a, aRows, aColumns, transposeA, b, bRows, bColumns, transposeB, beta, c);
    }

    /// <summary>
    /// u = s·v + β·u (or sᵀ·v + β·u when <paramref name="transpose"/>) for a row-major rows×columns s, in blocks of
    /// whole rows from the last to the first: each block of s·v fills its own part of u; the blocks of sᵀ·v add up.
    /// </summary>
    private static void MatrixVectorFromEnd(NativeLinearAlgebraProvider blas, double[] s, int rows, int columns, bool transpose,
        double[] v, double beta, double[] u)
    {
        int block = Math.Max(1, FromEndBlock / columns);
        for (int end = rows; end > 0; end -= block)
        {
            int start = Math.Max(0, end - block), count = end - start;
            var rowsOfS = new ReadOnlySpan<double>(s, start * columns, count * columns);
            // A row-major block is the column-major storage of its transpose (columns × count).
            if (transpose)
            {
                blas.MatrixVector(false, columns, count, 1.0, rowsOfS, v.AsSpan(start, count), beta, u);
                beta = 1.0;
            }
            else
                blas.MatrixVector(true, columns, count, 1.0, rowsOfS, v, beta, u.AsSpan(start, count));
        }
    }

    /// <summary>
    /// c = op(a)·op(b) + β·c for row-major a (aRows×aColumns as stored), b and c, through the BLAS provider.
    /// A row-major matrix is the column-major storage of its transpose, so the call computes cᵀ = op(b)ᵀ·op(a)ᵀ.
    /// </summary>
    public static void MatrixProduct(NativeLinearAlgebraProvider blas, double[] a, int aRows, int aColumns, bool transposeA,
        double[] b, int bRows, int bColumns, bool transposeB, double beta, double[] c)
    {
        // BLAS does not read c when β = 0 (a stale NaN stays out); the managed fallback is not relied on for that.
        if (beta == 0.0 && blas.Backend == LinearAlgebraBackendKind.Managed) Array.Clear(c);
        blas.MatrixMultiplyWithUpdate(
            transposeB ? Transpose.Transpose : Transpose.DontTranspose,
            transposeA ? Transpose.Transpose : Transpose.DontTranspose,
            1.0, b, bColumns, bRows, a, aColumns, aRows, beta, c);
    }
}
