using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Watson's function (MGH problem 20), 2 ≤ n ≤ 31, m = 31: for tᵢ = i/29, i = 1…29,
/// rᵢ = Σⱼ₌₂ⁿ (j − 1)xⱼtᵢ^{j−2} − (Σⱼ₌₁ⁿ xⱼtᵢ^{j−1})² − 1, r₃₀ = x₁, r₃₁ = x₂ − x₁² − 1; start 0. Minimum
/// 2.28767…·10⁻³ (n = 6), 1.39976…·10⁻⁶ (n = 9), 4.72238…·10⁻¹⁰ (n = 12) (Kowalik &amp; Osborne 1968;
/// Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class Watson : SumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n, from 2 to 31.</param>
    public Watson(int dimension)
    {
        if (dimension is < 2 or > 31)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be between 2 and 31.");
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => "watson";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => 31;
    /// <inheritdoc/>
    public override double[] StartingPoint => new double[Dimension];
    /// <summary>
    /// f* for n = 6, 9, 12: the final residual norms of MINPACK's lmder test output, squared (0.047829594,
    /// 1.1831146·10⁻³, 2.1731040·10⁻⁵; MGH print 2.28767·10⁻³, 1.39976·10⁻⁶, 4.72238·10⁻¹⁰); null otherwise.
    /// </summary>
    public override double? KnownMinimum => Dimension switch
    {
        6 => 0.047829594 * 0.047829594,
        9 => 1.1831146e-3 * 1.1831146e-3,
        12 => 2.1731040e-5 * 2.1731040e-5,
        _ => null,
    };
    /// <inheritdoc/>
    public override string Source => "Kowalik & Osborne (1968); Moré, Garbow & Hillstrom (1981), problem 20";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        if (index == 29) return x[0];
        if (index == 30) return x[1] - x[0] * x[0] - T.One;
        T t = C<T>((index + 1) / 29.0), power = T.One, derivative = T.Zero, sum = x[0];
        for (int j = 1; j < x.Length; j++)
        {
            derivative += C<T>(j) * power * x[j];
            power *= t;
            sum += power * x[j];
        }
        return derivative - sum * sum - T.One;
    }

    private double Sum(double t, ReadOnlySpan<double> x)
    {
        double sum = 0, power = 1;
        for (int j = 0; j < Dimension; j++) { sum += power * x[j]; power *= t; }
        return sum;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        jacobian.Clear();
        for (int i = 0; i < 29; i++)
        {
            double t = (i + 1) / 29.0, sum = Sum(t, x), power = 1;
            for (int j = 0; j < Dimension; j++)
            {
                // ∂rᵢ/∂xⱼ = j·t^{j−1} − 2·sum·tʲ (0-based j).
                jacobian[i, j] = (j == 0 ? 0 : j * power / t) - 2 * sum * power;
                power *= t;
            }
        }
        jacobian[29, 0] = 1;
        jacobian[30, 0] = -2 * x[0];
        jacobian[30, 1] = 1;
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        var powers = new double[Dimension];
        for (int i = 0; i < 29; i++)
        {
            double t = (i + 1) / 29.0, power = 1;
            for (int j = 0; j < Dimension; j++) { powers[j] = power; power *= t; }
            for (int j = 0; j < Dimension; j++)
                for (int k = 0; k < Dimension; k++)
                    hessian[j, k] -= 2 * residuals[i] * powers[j] * powers[k];
        }
        hessian[0, 0] -= 2 * residuals[30];
    }
}
