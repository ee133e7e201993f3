using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.Bounded;

/// <summary>
/// Hock–Schittkowski problem 5: f = sin(x₁ + x₂) + (x₁ − x₂)² − 1.5x₁ + 2.5x₂ + 1 subject to −1.5 ≤ x₁ ≤ 4,
/// −3 ≤ x₂ ≤ 3; x₀ = (0, 0), minimum −√3/2 − π/3 at (1/2 − π/3, −1/2 − π/3), inside the box (Hock &amp; Schittkowski 1981).
/// </summary>
public sealed partial class HockSchittkowski5 : TestProblem
{
    /// <inheritdoc/>
    public override string Name => "hs5";
    /// <inheritdoc/>
    public override int Dimension => 2;
    /// <inheritdoc/>
    public override double[] StartingPoint => [0, 0];
    /// <summary>f* = −√3/2 − π/3.</summary>
    public override double? KnownMinimum => -Math.Sqrt(3) / 2 - Math.PI / 3;
    /// <summary>x* = (1/2 − π/3, −1/2 − π/3).</summary>
    public override double[]? KnownMinimizer => [0.5 - Math.PI / 3, -0.5 - Math.PI / 3];
    /// <inheritdoc/>
    public override string Source => "Hock & Schittkowski (1981), problem 5";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T difference = x[0] - x[1];
        return T.Sin(x[0] + x[1]) + difference * difference - C<T>(1.5) * x[0] + C<T>(2.5) * x[1] + T.One;
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double sum = x[0] + x[1], difference = x[0] - x[1], cosine = Math.Cos(sum);
        gradient[0] = cosine + 2 * difference - 1.5;
        gradient[1] = cosine - 2 * difference + 2.5;
        return Math.Sin(sum) + difference * difference - 1.5 * x[0] + 2.5 * x[1] + 1;
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        double sine = Math.Sin(x[0] + x[1]);
        hessian[0, 0] = hessian[1, 1] = 2 - sine;
        hessian[0, 1] = hessian[1, 0] = -2 - sine;
    }
}
