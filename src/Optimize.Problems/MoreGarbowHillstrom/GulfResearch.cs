using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The Gulf research and development function (MGH problem 11) with m = 99, as in MINPACK's driver:
/// rᵢ = exp(−|yᵢ − x₂|^{x₃}/x₁) − tᵢ with tᵢ = i/100 and yᵢ = 25 + (−50 ln tᵢ)^{2/3}; minimum 0 at
/// (50, 25, 1.5) (Cox 1969; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class GulfResearch : SumOfSquaresProblem
{
    /// <inheritdoc/>
    public override string Name => "gulf-research";
    /// <inheritdoc/>
    public override int Dimension => 3;
    /// <inheritdoc/>
    public override int ResidualCount => 99;
    /// <inheritdoc/>
    public override double[] StartingPoint => [5, 2.5, 0.15];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [50, 25, 1.5];
    /// <inheritdoc/>
    public override string Source => "Cox (1969); Moré, Garbow & Hillstrom (1981), problem 11";

    private static double Time(int index) => (index + 1) / 100.0;
    private static double Observation(int index) => 25 + Math.Pow(-50 * Math.Log(Time(index)), 2.0 / 3.0);

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T a = T.Abs(C<T>(Observation(index)) - x[1]);
        return T.Exp(-T.Pow(a, x[2]) / x[0]) - C<T>(Time(index));
    }

    /// <summary>The exponent u = aˣ³/x₁ with a = |yᵢ − x₂|, its gradient and its Hessian; rᵢ = e^{−u} − tᵢ.</summary>
    private static (double U, double E, double[] Gradient, double[,] Hessian) Exponent(int index, ReadOnlySpan<double> x)
    {
        double difference = Observation(index) - x[1], a = Math.Abs(difference), sign = Math.Sign(difference);
        double u = Math.Pow(a, x[2]) / x[0], log = Math.Log(a);
        double[] g = [-u / x[0], -x[2] * sign * u / a, u * log];
        var h = new double[3, 3];
        h[0, 0] = 2 * u / (x[0] * x[0]);
        h[0, 1] = h[1, 0] = x[2] * sign * u / (a * x[0]);
        h[0, 2] = h[2, 0] = -u * log / x[0];
        h[1, 1] = x[2] * (x[2] - 1) * u / (a * a);
        h[1, 2] = h[2, 1] = -sign * u * (1 + x[2] * log) / a;
        h[2, 2] = u * log * log;
        return (u, Math.Exp(-u), g, h);
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            var (_, e, g, _) = Exponent(i, x);
            for (int j = 0; j < 3; j++) jacobian[i, j] = -e * g[j];
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        // ∇²e^{−u} = e^{−u}(∇u∇uᵀ − ∇²u).
        for (int i = 0; i < ResidualCount; i++)
        {
            var (_, e, g, h) = Exponent(i, x);
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++)
                    hessian[j, k] += residuals[i] * e * (g[j] * g[k] - h[j, k]);
        }
    }
}
