using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Distributed;

/// <summary>½‖r(x)‖² and its gradient J(x)ᵀr(x) for one process's block of residuals.</summary>
internal sealed class HalfSumOfSquares : IGradientObjective
{
    private readonly IVectorFunction residuals;
    private readonly double[] r;

    public HalfSumOfSquares(IVectorFunction residuals)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        this.residuals = residuals;
        r = new double[residuals.OutputDimension];
    }

    public int Dimension => residuals.Dimension;

    public double Value(ReadOnlySpan<double> x)
    {
        residuals.Evaluate(x, r);
        return 0.5 * TensorPrimitives.SumOfSquares<double>(r);
    }

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        residuals.Evaluate(x, r);
        residuals.VectorJacobian(x, r, gradient);
        return 0.5 * TensorPrimitives.SumOfSquares<double>(r);
    }
}
