using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;

namespace Optimize.Solvers.LinearAlgebra;

/// <summary>
/// A dense symmetric matrix B applied as (B·v)ᵢ = (column i of B)·v: contiguous SIMD dot products on MathNet's
/// column-major storage (MathNet's managed matrix-vector product is unvectorized).
/// </summary>
/// <param name="matrix">B, n×n and symmetric; read at every product.</param>
public sealed class MatrixOperator(DenseMatrix matrix) : ILinearOperator
{
    private readonly DenseMatrix matrix = matrix ?? throw new ArgumentNullException(nameof(matrix));

    /// <inheritdoc/>
    public int Dimension => matrix.RowCount;

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> v, Span<double> result) => MultiplySymmetric(matrix, v, result);

    /// <summary>Writes B·<paramref name="v"/> into <paramref name="result"/> for a symmetric dense B.</summary>
    /// <param name="matrix">B, n×n and symmetric.</param>
    /// <param name="v">The vector, length n.</param>
    /// <param name="result">Destination, length n; must not overlap <paramref name="v"/>.</param>
    public static void MultiplySymmetric(DenseMatrix matrix, ReadOnlySpan<double> v, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.RowCount;
        Guard.Length(v.Length, n, nameof(v));
        Guard.Length(result.Length, n, nameof(result));
        var values = matrix.Values.AsSpan();
        for (int i = 0; i < n; i++) result[i] = TensorPrimitives.Dot(values.Slice(i * n, n), v);
    }
}
