using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>Small dense products on spans, for oracles that derive one capability from another.</summary>
public static class MatrixProducts
{
    /// <summary>Writes A·v into <paramref name="result"/>.</summary>
    /// <param name="matrix">An m×n matrix A.</param>
    /// <param name="v">A vector of length n.</param>
    /// <param name="result">Destination of length m.</param>
    public static void Multiply(Matrix<double> matrix, ReadOnlySpan<double> v, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Guard.Length(v.Length, matrix.ColumnCount, nameof(v));
        Guard.Length(result.Length, matrix.RowCount, nameof(result));
        for (int i = 0; i < matrix.RowCount; i++)
        {
            double sum = 0;
            for (int j = 0; j < matrix.ColumnCount; j++) sum += matrix[i, j] * v[j];
            result[i] = sum;
        }
    }
}
