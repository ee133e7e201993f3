using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Penalty function I (MGH problem 23), m = n + 1: rᵢ = √a(xᵢ − 1) for i ≤ n with a = 10⁻⁵, r_{n+1} = Σⱼxⱼ² − 1/4;
/// start xⱼ = j; minimum 2.24997…·10⁻⁵ (n = 4), 7.08765…·10⁻⁵ (n = 10) (Gill, Murray &amp; Pitfield 1972;
/// Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class PenaltyOne : StructuredSumOfSquaresProblem
{
    private static readonly double RootA = Math.Sqrt(1e-5);

    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public PenaltyOne(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => "penalty-1";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => Dimension + 1;
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Range(1, Dimension).Select(j => (double)j).ToArray();
    /// <summary>f* as Moré, Garbow and Hillstrom print it for n = 4 and n = 10; null otherwise.</summary>
    public override double? KnownMinimum => Dimension switch { 4 => 2.24997e-5, 10 => 7.08765e-5, _ => null };
    /// <inheritdoc/>
    public override string Source => "Gill, Murray & Pitfield (1972); Moré, Garbow & Hillstrom (1981), problem 23";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        if (index < Dimension) return C<T>(RootA) * (x[index] - T.One);
        T sum = C<T>(-0.25);
        foreach (T xj in x) sum += xj * xj;
        return sum;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        jacobian.Clear();
        for (int j = 0; j < Dimension; j++)
        {
            jacobian[j, j] = RootA;
            jacobian[Dimension, j] = 2 * x[j];
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int j = 0; j < Dimension; j++) hessian[j, j] += 2 * residuals[Dimension];
    }

    /// <inheritdoc/>
    protected override void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        double dot = 0;
        for (int j = 0; j < Dimension; j++)
        {
            result[j] = RootA * v[j];
            dot += x[j] * v[j];
        }
        result[Dimension] = 2 * dot;
    }

    /// <inheritdoc/>
    protected override void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        for (int j = 0; j < Dimension; j++) result[j] = RootA * w[j] + 2 * x[j] * w[Dimension];
    }

    /// <inheritdoc/>
    protected override void AddCurvatureVector(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int j = 0; j < Dimension; j++) result[j] += 2 * residuals[Dimension] * v[j];
    }
}
