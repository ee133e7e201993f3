namespace Optimize.Solvers.LinearAlgebra;

/// <summary>
/// A linear map A: ℝⁿ → ℝᵐ given by its products A·v and Aᵀ·w, the only access to A that LSQR needs (a sparse
/// Jacobian, a dense matrix, or a matrix-free operator).
/// </summary>
public interface IRectangularOperator
{
    /// <summary>The number of rows m.</summary>
    int Rows { get; }

    /// <summary>The number of columns n.</summary>
    int Columns { get; }

    /// <summary>Writes A·<paramref name="v"/> into <paramref name="result"/>.</summary>
    /// <param name="v">A vector of length n.</param>
    /// <param name="result">Destination of length m.</param>
    void Multiply(ReadOnlySpan<double> v, Span<double> result);

    /// <summary>Writes Aᵀ·<paramref name="w"/> into <paramref name="result"/>.</summary>
    /// <param name="w">A vector of length m.</param>
    /// <param name="result">Destination of length n.</param>
    void MultiplyTranspose(ReadOnlySpan<double> w, Span<double> result);
}
