using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Distributed.DataSets;

/// <summary>
/// The negative log-likelihood of logistic regression over a block of rows, with an optional ridge term:
/// f(w) = Σᵢ [log(1 + exp(aᵢ·w)) − yᵢ aᵢ·w] + (λ/2)‖w‖², ∇f = Σᵢ (σ(aᵢ·w) − yᵢ) aᵢ + λw,
/// ∇²f·v = Σᵢ σᵢ(1 − σᵢ)(aᵢ·v) aᵢ + λv (Hastie, Tibshirani &amp; Friedman, <i>The Elements of Statistical
/// Learning</i>, 2nd ed., §4.4.1). Hand-coded, one pass over the rows per call.
/// </summary>
/// <remarks>
/// Sharded over processes, give the ridge term λ to one process only (rank 0) and 0 to the others, so that the
/// sum counts it once. Not safe for concurrent calls (one scratch vector).
/// </remarks>
public sealed class LogisticLoss : IHessianVectorObjective
{
    private readonly DataShard data;
    private readonly double ridge;

    /// <summary>The loss over <paramref name="data"/>.</summary>
    /// <param name="data">The rows with their 0/1 labels.</param>
    /// <param name="ridge">λ ≥ 0, the weight of (λ/2)‖w‖².</param>
    public LogisticLoss(DataShard data, double ridge = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(ridge >= 0) || double.IsInfinity(ridge))
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "Expected a finite λ ≥ 0.");
        this.data = data;
        this.ridge = ridge;
    }

    /// <inheritdoc/>
    public int Dimension => data.Features;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        double sum = 0;
        for (int i = 0; i < data.Rows; i++)
        {
            double z = TensorPrimitives.Dot(data.Row(i), x);
            sum += Softplus(z) - data.Labels[i] * z;
        }
        return sum + 0.5 * ridge * TensorPrimitives.SumOfSquares(x);
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        TensorPrimitives.Multiply(x, ridge, gradient);
        double sum = 0;
        for (int i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            double z = TensorPrimitives.Dot(row, x);
            sum += Softplus(z) - data.Labels[i] * z;
            TensorPrimitives.MultiplyAdd(row, Sigmoid(z) - data.Labels[i], gradient, gradient);
        }
        return sum + 0.5 * ridge * TensorPrimitives.SumOfSquares(x);
    }

    /// <inheritdoc/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(v.Length, Dimension, nameof(v));
        Guard.Length(result.Length, Dimension, nameof(result));
        TensorPrimitives.Multiply(v, ridge, result);
        for (int i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            double s = Sigmoid(TensorPrimitives.Dot(row, x));
            TensorPrimitives.MultiplyAdd(row, s * (1 - s) * TensorPrimitives.Dot(row, v), result, result);
        }
    }

    /// <summary>log(1 + eᶻ) without overflow.</summary>
    private static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    /// <summary>1 / (1 + e⁻ᶻ) without overflow.</summary>
    private static double Sigmoid(double z)
    {
        if (z >= 0) return 1 / (1 + Math.Exp(-z));
        double e = Math.Exp(z);
        return e / (1 + e);
    }
}
