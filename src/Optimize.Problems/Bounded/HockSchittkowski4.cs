using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.Bounded;

/// <summary>
/// Hock–Schittkowski problem 4: f = (x₁ + 1)³/3 + x₂ subject to x₁ ≥ 1, x₂ ≥ 0; x₀ = (1.125, 0.125), minimum 8/3 at
/// (1, 0) with both bounds active (Hock &amp; Schittkowski 1981). Unbounded below without its bounds.
/// </summary>
public sealed partial class HockSchittkowski4 : TestProblem
{
    /// <inheritdoc/>
    public override string Name => "hs4";
    /// <inheritdoc/>
    public override int Dimension => 2;
    /// <inheritdoc/>
    public override double[] StartingPoint => [1.125, 0.125];
    /// <summary>f* = 8/3 over the bounds.</summary>
    public override double? KnownMinimum => 8.0 / 3;
    /// <summary>x* = (1, 0).</summary>
    public override double[]? KnownMinimizer => [1, 0];
    /// <inheritdoc/>
    public override string Source => "Hock & Schittkowski (1981), problem 4";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T shifted = x[0] + T.One;
        return shifted * shifted * shifted / C<T>(3) + x[1];
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double shifted = x[0] + 1;
        gradient[0] = shifted * shifted;
        gradient[1] = 1;
        return shifted * shifted * shifted / 3 + x[1];
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        hessian.Clear();
        hessian[0, 0] = 2 * (x[0] + 1);
    }
}
