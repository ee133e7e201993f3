using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.Bounded;

/// <summary>
/// Hock–Schittkowski problem 110: f = Σᵢ [ln²(xᵢ − 2) + ln²(10 − xᵢ)] − (Πᵢ xᵢ)^0.2, n = 10, subject to
/// 2.001 ≤ xᵢ ≤ 9.999; x₀ = (9, …, 9), minimum −45.77846971 inside the box (Hock &amp; Schittkowski 1981). By symmetry
/// x* has equal entries, the root of 2ln(x − 2)/(x − 2) − 2ln(10 − x)/(10 − x) − 0.2x = 0: xᵢ = 9.350265833069384 (the
/// published 9.35025655 is accurate to 6 digits; f there agrees with the published f* to 10). The bounds keep the
/// logarithms defined.
/// </summary>
public sealed partial class HockSchittkowski110 : TestProblem
{
    private const int Size = 10;

    /// <inheritdoc/>
    public override string Name => "hs110";
    /// <inheritdoc/>
    public override int Dimension => Size;
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Repeat(9.0, Size).ToArray();
    /// <summary>f* = −45.77846970744627 (published: −45.77846971).</summary>
    public override double? KnownMinimum => -45.77846970744627;
    /// <summary>x*ᵢ = 9.350265833069384, the root of the stationarity equation.</summary>
    public override double[]? KnownMinimizer => Enumerable.Repeat(9.350265833069384, Size).ToArray();
    /// <inheritdoc/>
    public override string Source => "Hock & Schittkowski (1981), problem 110";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero, product = T.One;
        foreach (var value in x)
        {
            T left = T.Log(value - C<T>(2)), right = T.Log(C<T>(10) - value);
            sum += left * left + right * right;
            product *= value;
        }
        return sum - T.Pow(product, C<T>(0.2));
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double sum = 0, product = 1;
        for (int i = 0; i < Size; i++) product *= x[i];
        double root = Math.Pow(product, 0.2);
        for (int i = 0; i < Size; i++)
        {
            double left = Math.Log(x[i] - 2), right = Math.Log(10 - x[i]);
            sum += left * left + right * right;
            gradient[i] = 2 * left / (x[i] - 2) - 2 * right / (10 - x[i]) - 0.2 * root / x[i];
        }
        return sum - root;
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        double product = 1;
        for (int i = 0; i < Size; i++) product *= x[i];
        double root = Math.Pow(product, 0.2);
        for (int i = 0; i < Size; i++)
            for (int j = 0; j < Size; j++)
            {
                if (i != j) { hessian[i, j] = -0.04 * root / (x[i] * x[j]); continue; }
                double below = x[i] - 2, above = 10 - x[i];
                hessian[i, i] = 2 * (1 - Math.Log(below)) / (below * below) + 2 * (1 - Math.Log(above)) / (above * above)
                    + 0.16 * root / (x[i] * x[i]);
            }
    }
}
