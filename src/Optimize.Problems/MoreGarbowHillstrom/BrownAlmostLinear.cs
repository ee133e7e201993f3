using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Brown's almost-linear function (MGH problem 27), m = n: rᵢ = xᵢ + Σⱼxⱼ − (n + 1) for i &lt; n, rₙ = Πⱼxⱼ − 1;
/// start ½; minimum 0 at (α, …, α, α^{1−n}) with nαⁿ − (n + 1)α^{n−1} + 1 = 0 (α = 1 among them), and a
/// local minimum 1 at (0, …, 0, n + 1) (Brown 1969; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class BrownAlmostLinear : SumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public BrownAlmostLinear(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => "brown-almost-linear";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => Dimension;
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Repeat(0.5, Dimension).ToArray();
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => Enumerable.Repeat(1.0, Dimension).ToArray();
    /// <inheritdoc/>
    public override string Source => "Brown (1969); Moré, Garbow & Hillstrom (1981), problem 27";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        if (index == Dimension - 1)
        {
            T product = T.One;
            foreach (T xj in x) product *= xj;
            return product - T.One;
        }
        T sum = x[index] - C<T>(Dimension + 1);
        foreach (T xj in x) sum += xj;
        return sum;
    }

    /// <summary>The product of every xₗ with l not in {<paramref name="skip1"/>, <paramref name="skip2"/>}.</summary>
    private static double ProductWithout(ReadOnlySpan<double> x, int skip1, int skip2)
    {
        double product = 1;
        for (int l = 0; l < x.Length; l++)
            if (l != skip1 && l != skip2) product *= x[l];
        return product;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        int n = Dimension;
        for (int i = 0; i < n - 1; i++)
            for (int j = 0; j < n; j++)
                jacobian[i, j] = i == j ? 2 : 1;
        for (int j = 0; j < n; j++) jacobian[n - 1, j] = ProductWithout(x, j, j);
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        double r = residuals[Dimension - 1];
        for (int j = 0; j < Dimension; j++)
            for (int k = 0; k < Dimension; k++)
                if (j != k) hessian[j, k] += r * ProductWithout(x, j, k);
    }
}
