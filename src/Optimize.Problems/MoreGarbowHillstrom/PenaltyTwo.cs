using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Penalty function II (MGH problem 24), m = 2n, a = 10⁻⁵: r₁ = x₁ − 0.2;
/// rᵢ = √a(e^{xᵢ/10} + e^{xᵢ₋₁/10} − yᵢ) with yᵢ = e^{i/10} + e^{(i−1)/10} for 2 ≤ i ≤ n;
/// rᵢ = √a(e^{xᵢ₋ₙ₊₁/10} − e^{−1/10}) for n &lt; i &lt; 2n; r₂ₙ = Σⱼ(n − j + 1)xⱼ² − 1. Start ½;
/// minimum 9.37629…·10⁻⁶ (n = 4), 2.93660…·10⁻⁴ (n = 10) (Gill, Murray &amp; Pitfield 1972;
/// Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class PenaltyTwo : SumOfSquaresProblem
{
    private static readonly double RootA = Math.Sqrt(1e-5), Shift = Math.Exp(-0.1);

    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public PenaltyTwo(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => "penalty-2";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => 2 * Dimension;
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Repeat(0.5, Dimension).ToArray();
    /// <summary>f* as Moré, Garbow and Hillstrom print it for n = 4 and n = 10; null otherwise.</summary>
    public override double? KnownMinimum => Dimension switch { 4 => 9.37629e-6, 10 => 2.93660e-4, _ => null };
    /// <inheritdoc/>
    public override string Source => "Gill, Murray & Pitfield (1972); Moré, Garbow & Hillstrom (1981), problem 24";

    private static double Target(int i) => Math.Exp((i + 1) / 10.0) + Math.Exp(i / 10.0);

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        int n = Dimension;
        T tenth = C<T>(0.1);
        if (index == 0) return x[0] - C<T>(0.2);
        if (index < n) return C<T>(RootA) * (T.Exp(x[index] * tenth) + T.Exp(x[index - 1] * tenth) - C<T>(Target(index)));
        if (index < 2 * n - 1) return C<T>(RootA) * (T.Exp(x[index - n + 1] * tenth) - C<T>(Shift));
        T sum = -T.One;
        for (int j = 0; j < n; j++) sum += C<T>(n - j) * x[j] * x[j];
        return sum;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        int n = Dimension;
        jacobian.Clear();
        jacobian[0, 0] = 1;
        for (int i = 1; i < n; i++)
        {
            jacobian[i, i] = RootA * Math.Exp(x[i] / 10) / 10;
            jacobian[i, i - 1] = RootA * Math.Exp(x[i - 1] / 10) / 10;
            jacobian[n + i - 1, i] = RootA * Math.Exp(x[i] / 10) / 10;
        }
        for (int j = 0; j < n; j++) jacobian[2 * n - 1, j] = 2 * (n - j) * x[j];
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        int n = Dimension;
        for (int i = 1; i < n; i++)
        {
            hessian[i, i] += (residuals[i] + residuals[n + i - 1]) * RootA * Math.Exp(x[i] / 10) / 100;
            hessian[i - 1, i - 1] += residuals[i] * RootA * Math.Exp(x[i - 1] / 10) / 100;
        }
        for (int j = 0; j < n; j++) hessian[j, j] += residuals[2 * n - 1] * 2 * (n - j);
    }
}
