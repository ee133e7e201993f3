using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>f(x) = sin(x²), the lecture's symbolic example: f′(x) = 2x·cos(x²), so f′(2) = 4·cos 4. Minimum −1, nearest the start at x = √(3π/2).</summary>
public sealed partial class SineOfSquare : TestProblem
{
    /// <inheritdoc/>
    public override string Name => "sin-square";
    /// <inheritdoc/>
    public override int Dimension => 1;
    /// <inheritdoc/>
    public override double[] StartingPoint => [2];
    /// <inheritdoc/>
    public override double? KnownMinimum => -1;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [Math.Sqrt(1.5 * Math.PI)];
    /// <inheritdoc/>
    public override string Source => "Sun, Basics of Numerical Optimization: Computing Derivatives (2025), symbolic differentiation";
    /// <inheritdoc/>
    public override string ClosedForm => "sin(x1^2)";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Sin(x[0] * x[0]);

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double s = x[0] * x[0];
        gradient[0] = 2 * x[0] * Math.Cos(s);
        return Math.Sin(s);
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        double s = x[0] * x[0];
        hessian[0, 0] = 2 * Math.Cos(s) - 4 * s * Math.Sin(s);
    }
}
