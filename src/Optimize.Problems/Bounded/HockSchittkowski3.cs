using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.Bounded;

/// <summary>
/// Hock–Schittkowski problem 3: f = x₂ + 10⁻⁵(x₂ − x₁)² subject to x₂ ≥ 0; x₀ = (10, 1), minimum 0 at (0, 0) with
/// the bound active (Hock &amp; Schittkowski, "Test Examples for Nonlinear Programming Codes", 1981). Unbounded
/// below without its bound.
/// </summary>
public sealed partial class HockSchittkowski3 : TestProblem
{
    /// <inheritdoc/>
    public override string Name => "hs3";
    /// <inheritdoc/>
    public override int Dimension => 2;
    /// <inheritdoc/>
    public override double[] StartingPoint => [10, 1];
    /// <summary>f* = 0 over the bound x₂ ≥ 0.</summary>
    public override double? KnownMinimum => 0;
    /// <summary>x* = (0, 0).</summary>
    public override double[]? KnownMinimizer => [0, 0];
    /// <inheritdoc/>
    public override string Source => "Hock & Schittkowski (1981), problem 3";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T difference = x[1] - x[0];
        return x[1] + C<T>(1e-5) * difference * difference;
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double difference = x[1] - x[0];
        gradient[0] = -2e-5 * difference;
        gradient[1] = 1 + 2e-5 * difference;
        return x[1] + 1e-5 * difference * difference;
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        hessian[0, 0] = hessian[1, 1] = 2e-5;
        hessian[0, 1] = hessian[1, 0] = -2e-5;
    }
}
