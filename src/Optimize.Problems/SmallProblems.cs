using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Problems;

/// <summary>Beale's function, f = Σᵢ (cᵢ − x₁(1 − x₂ⁱ))² with c = (1.5, 2.25, 2.625); minimum 0 at (3, 0.5). MGH problem 5.</summary>
public sealed class Beale : SumOfSquaresProblem
{
    private static readonly double[] Constants = [1.5, 2.25, 2.625];

    /// <inheritdoc/>
    public override string Name => "beale";
    /// <inheritdoc/>
    public override int Dimension => 2;
    /// <inheritdoc/>
    public override int ResidualCount => 3;
    /// <inheritdoc/>
    public override double[] StartingPoint => [1, 1];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [3, 0.5];
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 5";
    /// <inheritdoc/>
    public override string ClosedForm => "(1.5 - x1 + x1*x2)^2 + (2.25 - x1 + x1*x2^2)^2 + (2.625 - x1 + x1*x2^3)^2";

    /// <inheritdoc/>
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        T power = x[1];
        for (int k = 0; k < index; k++) power *= x[1];
        return C<T>(Constants[index]) - x[0] + x[0] * power;
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        double y = x[1];
        for (int i = 0; i < 3; i++)
        {
            jacobian[i, 0] = Math.Pow(y, i + 1) - 1;
            jacobian[i, 1] = (i + 1) * x[0] * Math.Pow(y, i);
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> r, Matrix<double> hessian)
    {
        double y = x[1];
        // ∂²rᵢ/∂x∂y = (i+1)·yⁱ, ∂²rᵢ/∂y² = (i+1)·i·x·y^(i−1), ∂²rᵢ/∂x² = 0.
        double xy = r[0] + r[1] * 2 * y + r[2] * 3 * y * y;
        double yy = r[1] * 2 * x[0] + r[2] * 6 * x[0] * y;
        hessian[0, 1] += xy;
        hessian[1, 0] += xy;
        hessian[1, 1] += yy;
    }
}

/// <summary>
/// Powell's singular function, f = (x₁+10x₂)² + 5(x₃−x₄)² + (x₂−2x₃)⁴ + 10(x₁−x₄)⁴; minimum 0 at the
/// origin, where the Hessian is singular. MGH problem 13.
/// </summary>
public sealed class PowellSingular : SumOfSquaresProblem
{
    private static readonly double Sqrt5 = Math.Sqrt(5), Sqrt10 = Math.Sqrt(10);

    /// <inheritdoc/>
    public override string Name => "powell-singular";
    /// <inheritdoc/>
    public override int Dimension => 4;
    /// <inheritdoc/>
    public override int ResidualCount => 4;
    /// <inheritdoc/>
    public override double[] StartingPoint => [3, -1, 0, 1];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [0, 0, 0, 0];
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 13";
    /// <inheritdoc/>
    public override string ClosedForm => "(x1 + 10*x2)^2 + 5*(x3 - x4)^2 + (x2 - 2*x3)^4 + 10*(x1 - x4)^4";

    /// <inheritdoc/>
    public override T Residual<T>(int index, ReadOnlySpan<T> x) => index switch
    {
        0 => x[0] + C<T>(10) * x[1],
        1 => C<T>(Sqrt5) * (x[2] - x[3]),
        2 => Square(x[1] - C<T>(2) * x[2]),
        3 => C<T>(Sqrt10) * Square(x[0] - x[3]),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Powell singular has residuals 0 to 3."),
    };

    private static T Square<T>(T a) where T : System.Numerics.IFloatingPointIeee754<T> => a * a;

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> j)
    {
        double d = x[1] - 2 * x[2], e = x[0] - x[3];
        j.Clear();
        j[0, 0] = 1; j[0, 1] = 10;
        j[1, 2] = Sqrt5; j[1, 3] = -Sqrt5;
        j[2, 1] = 2 * d; j[2, 2] = -4 * d;
        j[3, 0] = 2 * Sqrt10 * e; j[3, 3] = -2 * Sqrt10 * e;
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> r, Matrix<double> h)
    {
        h[1, 1] += 2 * r[2]; h[1, 2] -= 4 * r[2]; h[2, 1] -= 4 * r[2]; h[2, 2] += 8 * r[2];
        double c = 2 * Sqrt10 * r[3];
        h[0, 0] += c; h[0, 3] -= c; h[3, 0] -= c; h[3, 3] += c;
    }
}

/// <summary>
/// Wood's function, f = 100(x₂−x₁²)² + (1−x₁)² + 90(x₄−x₃²)² + (1−x₃)² + 10.1((x₂−1)² + (x₄−1)²)
/// + 19.8(x₂−1)(x₄−1); minimum 0 at (1, 1, 1, 1). MGH problem 14.
/// </summary>
public sealed class Wood : SumOfSquaresProblem
{
    private static readonly double Sqrt90 = Math.Sqrt(90), Sqrt10 = Math.Sqrt(10);

    /// <inheritdoc/>
    public override string Name => "wood";
    /// <inheritdoc/>
    public override int Dimension => 4;
    /// <inheritdoc/>
    public override int ResidualCount => 6;
    /// <inheritdoc/>
    public override double[] StartingPoint => [-3, -1, -3, -1];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [1, 1, 1, 1];
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 14";
    /// <inheritdoc/>
    public override string ClosedForm => "100*(x2 - x1^2)^2 + (1 - x1)^2 + 90*(x4 - x3^2)^2 + (1 - x3)^2 + 10*(x2 + x4 - 2)^2 + (x2 - x4)^2/10";

    /// <inheritdoc/>
    public override T Residual<T>(int index, ReadOnlySpan<T> x) => index switch
    {
        0 => C<T>(10) * (x[1] - x[0] * x[0]),
        1 => T.One - x[0],
        2 => C<T>(Sqrt90) * (x[3] - x[2] * x[2]),
        3 => T.One - x[2],
        4 => C<T>(Sqrt10) * (x[1] + x[3] - C<T>(2)),
        5 => (x[1] - x[3]) / C<T>(Sqrt10),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Wood has residuals 0 to 5."),
    };

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> j)
    {
        j.Clear();
        j[0, 0] = -20 * x[0]; j[0, 1] = 10;
        j[1, 0] = -1;
        j[2, 2] = -2 * Sqrt90 * x[2]; j[2, 3] = Sqrt90;
        j[3, 2] = -1;
        j[4, 1] = Sqrt10; j[4, 3] = Sqrt10;
        j[5, 1] = 1 / Sqrt10; j[5, 3] = -1 / Sqrt10;
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> r, Matrix<double> h)
    {
        h[0, 0] += -20 * r[0];
        h[2, 2] += -2 * Sqrt90 * r[2];
    }
}

/// <summary>
/// The helical valley of Fletcher and Powell: residuals 10(x₃ − 10θ), 10(‖(x₁,x₂)‖ − 1) and x₃, with
/// 2πθ = arctan(x₂/x₁) (+π when x₁ &lt; 0); minimum 0 at (1, 0, 0). MGH problem 7.
/// </summary>
public sealed class HelicalValley : SumOfSquaresProblem
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
