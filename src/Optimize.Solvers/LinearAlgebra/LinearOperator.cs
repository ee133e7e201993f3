using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;

namespace Optimize.Solvers.LinearAlgebra;

/// <summary>A symmetric linear map v ↦ B·v, the only access to B that conjugate-gradient solvers need.</summary>
public interface ILinearOperator
{
    /// <summary>The size n of B.</summary>
    int Dimension { get; }

    /// <summary>Writes B·<paramref name="v"/> into <paramref name="result"/>.</summary>
    /// <param name="v">The vector, length n.</param>
    /// <param name="result">Destination, length n.</param>
    void Multiply(ReadOnlySpan<double> v, Span<double> result);
}

/// <summary>The Hessian ∇²f(x) at a point held by reference, applied through Hessian-vector products only.</summary>
/// <param name="objective">The objective giving ∇²f·v.</param>
/// <param name="point">x; read at every product, so it may change between products.</param>
public sealed class HessianVectorOperator(IHessianVectorObjective objective, double[] point) : ILinearOperator
{
    /// <inheritdoc/>
    public int Dimension => point.Length;

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> v, Span<double> result) => objective.HessianVector(point, v, result);
}

/// <summary>A dense symmetric matrix applied through MathNet's linear-algebra provider.</summary>
public sealed class MatrixOperator : ILinearOperator
{
    private readonly DenseMatrix matrix;
    private readonly double[] input, output;
    private readonly DenseVector inputVector, outputVector;

    /// <summary>Wraps <paramref name="matrix"/>, read at every product.</summary>
    /// <param name="matrix">B, n×n and symmetric.</param>
    public MatrixOperator(DenseMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Guard.Shape(matrix, matrix.RowCount, matrix.RowCount, nameof(matrix));
        this.matrix = matrix;
        input = new double[matrix.RowCount];
        output = new double[matrix.RowCount];
        inputVector = new DenseVector(input);
        outputVector = new DenseVector(output);
    }

    /// <inheritdoc/>
    public int Dimension => input.Length;

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> v, Span<double> result)
    {
        v.CopyTo(input);
        matrix.Multiply(inputVector, outputVector);
        output.CopyTo(result);
    }
}
