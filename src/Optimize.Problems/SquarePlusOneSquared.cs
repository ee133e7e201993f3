using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>f(x) = (x² + 1)², the lecture's chain-rule example: f′(x) = 4x(x² + 1), so f′(1) = 8. Minimum 1 at 0.</summary>
public sealed partial class SquarePlusOneSquared : TestProblem
{
    /// <inheritdoc/>
    public override string Name => "square-plus-one-squared";
    /// <inheritdoc/>
    public override int Dimension => 1;
    /// <inheritdoc/>
    public override double[] StartingPoint => [1];
    /// <inheritdoc/>
    public override double? KnownMinimum => 1;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [0];
    /// <inheritdoc/>
    public override string Source => "Sun, Basics of Numerical Optimization: Computing Derivatives (2025), analytic differentiation";
    /// <inheritdoc/>
    public override string ClosedForm => "(x1^2 + 1)^2";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T u = x[0] * x[0] + T.One;
        return u * u;
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double u = x[0] * x[0] + 1;
        gradient[0] = 4 * x[0] * u;
        return u * u;
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
        => hessian[0, 0] = 12 * x[0] * x[0] + 4;
}
