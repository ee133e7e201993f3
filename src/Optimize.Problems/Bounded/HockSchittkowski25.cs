using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.Bounded;

/// <summary>
/// Hock–Schittkowski problem 25: f = Σᵢ₌₁⁹⁹ (−0.01i + exp(−(uᵢ − x₂)^{x₃}/x₁))², uᵢ = 25 + (−50 ln(0.01i))^{2/3},
/// subject to 0.1 ≤ x₁ ≤ 100, 0 ≤ x₂ ≤ 25.6, 0 ≤ x₃ ≤ 5; x₀ = (100, 12.5, 3), minimum 0 at (50, 25, 1.5), inside the
/// box (Hock &amp; Schittkowski 1981). The bound x₂ ≤ 25.6 keeps every uᵢ − x₂ positive (min uᵢ = u₉₉ ≈ 25.63).
/// </summary>
public sealed partial class HockSchittkowski25 : TestProblem
{
    private const int Terms = 99;
    private static readonly double[] U = Enumerable.Range(1, Terms).Select(i => 25 + Math.Pow(-50 * Math.Log(0.01 * i), 2.0 / 3)).ToArray();

    /// <inheritdoc/>
    public override string Name => "hs25";
    /// <inheritdoc/>
    public override int Dimension => 3;
    /// <inheritdoc/>
    public override double[] StartingPoint => [100, 12.5, 3];
    /// <summary>f* = 0.</summary>
    public override double? KnownMinimum => 0;
    /// <summary>x* = (50, 25, 1.5).</summary>
    public override double[]? KnownMinimizer => [50, 25, 1.5];
    /// <inheritdoc/>
    public override string Source => "Hock & Schittkowski (1981), problem 25";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        for (int i = 0; i < Terms; i++)
        {
            T residual = C<T>(-0.01 * (i + 1)) + T.Exp(-T.Pow(C<T>(U[i]) - x[1], x[2]) / x[0]);
            sum += residual * residual;
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradient.Clear();
        Span<double> dq = stackalloc double[3];
        double sum = 0;
        for (int i = 0; i < Terms; i++)
        {
            double e = Term(i, x, dq, out double residual);
            sum += residual * residual;
            // ∇r = −e∇q.
            for (int j = 0; j < 3; j++) gradient[j] -= 2 * residual * e * dq[j];
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        hessian.Clear();
        Span<double> dq = stackalloc double[3];
        Span<double> ddq = stackalloc double[9];
        for (int i = 0; i < Terms; i++)
        {
            double e = Term(i, x, dq, out double residual);
            double a = U[i] - x[1], p = Math.Pow(a, x[2]), log = Math.Log(a), x1 = x[0], x3 = x[2];
            ddq[0] = 2 * p / (x1 * x1 * x1);
            ddq[1] = ddq[3] = x3 * p / (a * x1 * x1);
            ddq[2] = ddq[6] = -p * log / (x1 * x1);
            ddq[4] = x3 * (x3 - 1) * p / (a * a * x1);
            ddq[5] = ddq[7] = -p * (1 + x3 * log) / (a * x1);
            ddq[8] = p * log * log / x1;
            // ∇²f = 2Σ(∇r∇rᵀ + r∇²r), ∇r = −e∇q, ∇²r = e(∇q∇qᵀ − ∇²q).
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++)
                    hessian[j, k] += 2 * (e * e * dq[j] * dq[k] + residual * e * (dq[j] * dq[k] - ddq[3 * j + k]));
        }
    }

    /// <summary>e = exp(−q) for q = (uᵢ − x₂)^{x₃}/x₁, its ∇q, and the residual −0.01(i + 1) + e.</summary>
    private static double Term(int i, ReadOnlySpan<double> x, Span<double> dq, out double residual)
    {
        double a = U[i] - x[1], p = Math.Pow(a, x[2]), q = p / x[0], e = Math.Exp(-q);
        dq[0] = -p / (x[0] * x[0]);
        dq[1] = -x[2] * p / (a * x[0]);
        dq[2] = p * Math.Log(a) / x[0];
        residual = -0.01 * (i + 1) + e;
        return e;
    }
}
