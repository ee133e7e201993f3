using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The discrete integral equation function (MGH problem 29), m = n, h = 1/(n + 1), tᵢ = ih:
/// rᵢ = xᵢ + h[(1 − tᵢ)Σⱼ≤ᵢ tⱼ(xⱼ + tⱼ + 1)³ + tᵢΣⱼ&gt;ᵢ(1 − tⱼ)(xⱼ + tⱼ + 1)³]/2; start xⱼ = tⱼ(tⱼ − 1);
/// minimum 0 (Moré &amp; Cosnard 1979; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class DiscreteIntegralEquation : SumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public DiscreteIntegralEquation(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => "discrete-integral-equation";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => Dimension;
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Range(0, Dimension).Select(j => { double t = Node(j); return t * (t - 1); }).ToArray();
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override string Source => "Moré & Cosnard (1979); Moré, Garbow & Hillstrom (1981), problem 29";

    private double Step => 1.0 / (Dimension + 1);
    private double Node(int index) => (index + 1) * Step;

    /// <summary>The kernel weight of xⱼ in rᵢ: h/2 · (1 − tᵢ)tⱼ for j ≤ i, h/2 · tᵢ(1 − tⱼ) for j &gt; i.</summary>
    private double Weight(int i, int j) => Step / 2 * (j <= i ? (1 - Node(i)) * Node(j) : Node(i) * (1 - Node(j)));

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T sum = x[index];
        for (int j = 0; j < Dimension; j++)
        {
            T u = x[j] + C<T>(Node(j) + 1);
            sum += C<T>(Weight(index, j)) * u * u * u;
        }
        return sum;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < Dimension; i++)
            for (int j = 0; j < Dimension; j++)
            {
                double u = x[j] + Node(j) + 1;
                jacobian[i, j] = (i == j ? 1 : 0) + 3 * Weight(i, j) * u * u;
            }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int j = 0; j < Dimension; j++)
        {
            double u = x[j] + Node(j) + 1, sum = 0;
            for (int i = 0; i < Dimension; i++) sum += residuals[i] * Weight(i, j);
            hessian[j, j] += 6 * u * sum;
        }
    }
}
