using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>
/// The helical valley of Fletcher and Powell: residuals 10(x₃ − 10θ), 10(‖(x₁,x₂)‖ − 1) and x₃, with
/// 2πθ = arctan(x₂/x₁) (+π when x₁ &lt; 0); minimum 0 at (1, 0, 0). MGH problem 7.
/// </summary>
public sealed partial class HelicalValley : SumOfSquaresProblem
{
    /// <inheritdoc/>
    public override string Name => "helical-valley";
    /// <inheritdoc/>
    public override int Dimension => 3;
    /// <inheritdoc/>
    public override int ResidualCount => 3;
    /// <inheritdoc/>
    public override double[] StartingPoint => [-1, 0, 0];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [1, 0, 0];
    /// <inheritdoc/>
    public override string Source => "Fletcher & Powell (1963); Moré, Garbow & Hillstrom (1981), problem 7";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x) => index switch
    {
        0 => C<T>(10) * (x[2] - C<T>(10) * Theta(x[0], x[1])),
        1 => C<T>(10) * (T.Sqrt(x[0] * x[0] + x[1] * x[1]) - T.One),
        2 => x[2],
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Helical valley has residuals 0 to 2."),
    };

    private static T Theta<T>(T x1, T x2) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        T theta = T.Atan(x2 / x1) / C<T>(2 * Math.PI);
        return x1 < T.Zero ? theta + C<T>(0.5) : theta;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> j)
    {
        double q = x[0] * x[0] + x[1] * x[1], rho = Math.Sqrt(q);
        j.Clear();
        j[0, 0] = -100 * (-x[1] / (2 * Math.PI * q));
        j[0, 1] = -100 * (x[0] / (2 * Math.PI * q));
        j[0, 2] = 10;
        j[1, 0] = 10 * x[0] / rho;
        j[1, 1] = 10 * x[1] / rho;
        j[2, 2] = 1;
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> r, Matrix<double> h)
    {
        double x1 = x[0], x2 = x[1], q = x1 * x1 + x2 * x2, rho3 = q * Math.Sqrt(q);
        double t11 = x1 * x2 / (Math.PI * q * q), t12 = (x2 * x2 - x1 * x1) / (2 * Math.PI * q * q), t22 = -t11;
        double p11 = x2 * x2 / rho3, p12 = -x1 * x2 / rho3, p22 = x1 * x1 / rho3;
        h[0, 0] += r[0] * -100 * t11 + r[1] * 10 * p11;
        h[0, 1] += r[0] * -100 * t12 + r[1] * 10 * p12;
        h[1, 0] += r[0] * -100 * t12 + r[1] * 10 * p12;
        h[1, 1] += r[0] * -100 * t22 + r[1] * 10 * p22;
    }
}
