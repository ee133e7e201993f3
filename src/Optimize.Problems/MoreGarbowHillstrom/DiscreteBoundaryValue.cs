using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The discrete boundary value function (MGH problem 28), m = n, h = 1/(n + 1), tᵢ = ih, x₀ = xₙ₊₁ = 0:
/// rᵢ = 2xᵢ − xᵢ₋₁ − xᵢ₊₁ + h²(xᵢ + tᵢ + 1)³/2; start xⱼ = tⱼ(tⱼ − 1); minimum 0 (Moré &amp; Cosnard 1979;
/// Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class DiscreteBoundaryValue : StructuredSumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public DiscreteBoundaryValue(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => "discrete-boundary-value";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => Dimension;
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Range(0, Dimension).Select(j => { double t = Node(j); return t * (t - 1); }).ToArray();
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override string Source => "Moré & Cosnard (1979); Moré, Garbow & Hillstrom (1981), problem 28";

    private double Step => 1.0 / (Dimension + 1);
    private double Node(int index) => (index + 1) * Step;

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T left = index > 0 ? x[index - 1] : T.Zero, right = index < Dimension - 1 ? x[index + 1] : T.Zero;
        T u = x[index] + C<T>(Node(index) + 1);
        return C<T>(2) * x[index] - left - right + C<T>(Step * Step / 2) * u * u * u;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        double h2 = Step * Step;
        jacobian.Clear();
        for (int i = 0; i < Dimension; i++)
        {
            double u = x[i] + Node(i) + 1;
            jacobian[i, i] = 2 + 1.5 * h2 * u * u;
            if (i > 0) jacobian[i, i - 1] = -1;
            if (i < Dimension - 1) jacobian[i, i + 1] = -1;
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        double h2 = Step * Step;
        for (int i = 0; i < Dimension; i++) hessian[i, i] += residuals[i] * 3 * h2 * (x[i] + Node(i) + 1);
    }

    /// <inheritdoc/>
    protected override void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        double h2 = Step * Step;
        for (int i = 0; i < Dimension; i++)
        {
            double u = x[i] + Node(i) + 1;
            result[i] = (2 + 1.5 * h2 * u * u) * v[i] - (i > 0 ? v[i - 1] : 0) - (i < Dimension - 1 ? v[i + 1] : 0);
        }
    }

    /// <inheritdoc/>
    protected override void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        // The off-diagonal entries are all −1, so Jᵀ has the same stencil as J.
        JacobianVector(x, w, result);
    }

    /// <inheritdoc/>
    protected override void AddCurvatureVector(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, ReadOnlySpan<double> v, Span<double> result)
    {
        double h2 = Step * Step;
        for (int i = 0; i < Dimension; i++) result[i] += residuals[i] * 3 * h2 * (x[i] + Node(i) + 1) * v[i];
    }
}
