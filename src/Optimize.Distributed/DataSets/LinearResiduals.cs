using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Distributed.DataSets;

/// <summary>
/// The residuals of a linear least-squares fit over a block of rows, r(x) = A x − t, with Jacobian A: the
/// residual block of one process for <see cref="ShardedLeastSquares"/>.
/// </summary>
public sealed class LinearResiduals : IVectorFunction
{
    private readonly DataShard data;

    /// <summary>The residuals of the rows of <paramref name="data"/> against its targets.</summary>
    /// <param name="data">The rows with their real targets.</param>
    public LinearResiduals(DataShard data)
    {
        ArgumentNullException.ThrowIfNull(data);
        this.data = data;
    }

    /// <inheritdoc/>
    public int Dimension => data.Features;

    /// <inheritdoc/>
    public int OutputDimension => data.Rows;

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> value)
    {
        JacobianVector(x, x, value);
        TensorPrimitives.Subtract(value, data.Targets, value);
    }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(jacobian, OutputDimension, Dimension, nameof(jacobian));
        for (int i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            for (int j = 0; j < data.Features; j++) jacobian[i, j] = row[j];
        }
    }

    /// <inheritdoc/>
    public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(p.Length, Dimension, nameof(p));
        Guard.Length(result.Length, OutputDimension, nameof(result));
        for (int i = 0; i < data.Rows; i++) result[i] = TensorPrimitives.Dot(data.Row(i), p);
    }

    /// <inheritdoc/>
    public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(w.Length, OutputDimension, nameof(w));
        Guard.Length(result.Length, Dimension, nameof(result));
        result.Clear();
        for (int i = 0; i < data.Rows; i++) TensorPrimitives.MultiplyAdd(data.Row(i), w[i], result, result);
    }
}
