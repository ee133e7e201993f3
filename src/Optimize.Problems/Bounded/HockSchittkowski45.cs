using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.Bounded;

/// <summary>
/// Hock–Schittkowski problem 45: f = 2 − x₁x₂x₃x₄x₅/120 subject to 0 ≤ xᵢ ≤ i; x₀ = (2, 2, 2, 2, 2), minimum 1 at
/// (1, 2, 3, 4, 5), every upper bound active (Hock &amp; Schittkowski 1981).
/// </summary>
public sealed partial class HockSchittkowski45 : TestProblem
{
    /// <inheritdoc/>
    public override string Name => "hs45";
    /// <inheritdoc/>
    public override int Dimension => 5;
    /// <inheritdoc/>
    public override double[] StartingPoint => [2, 2, 2, 2, 2];
    /// <summary>f* = 1 over the bounds.</summary>
    public override double? KnownMinimum => 1;
    /// <summary>x* = (1, 2, 3, 4, 5).</summary>
    public override double[]? KnownMinimizer => [1, 2, 3, 4, 5];
    /// <inheritdoc/>
    public override string Source => "Hock & Schittkowski (1981), problem 45";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T product = T.One;
        foreach (var value in x) product *= value;
        return C<T>(2) - product / C<T>(120);
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double product = 1;
        for (int i = 0; i < 5; i++)
        {
            double others = 1;
            for (int j = 0; j < 5; j++) if (j != i) others *= x[j];
            gradient[i] = -others / 120;
            product *= x[i];
        }
        return 2 - product / 120;
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
            {
                if (i == j) { hessian[i, j] = 0; continue; }
                double others = 1;
                for (int k = 0; k < 5; k++) if (k != i && k != j) others *= x[k];
                hessian[i, j] = -others / 120;
            }
    }
}
