using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>
/// The extended Rosenbrock function, f(x) = Σₖ 100(x₂ₖ − x₂ₖ₋₁²)² + (1 − x₂ₖ₋₁)² over n/2 independent
/// pairs (MGH problem 21); with n = 2 it is Rosenbrock's banana valley (Rosenbrock 1960).
/// Minimum 0 at (1, …, 1); the standard start repeats (−1.2, 1).
/// </summary>
public sealed partial class ExtendedRosenbrock : TestProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">An even n ≥ 2.</param>
    public ExtendedRosenbrock(int dimension)
    {
        if (dimension < 2 || dimension % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be even and at least 2.");
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => Dimension == 2 ? "rosenbrock" : "extended-rosenbrock";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override double[] StartingPoint
    {
        get
        {
            var x = new double[Dimension];
            for (int i = 0; i < Dimension; i += 2) { x[i] = -1.2; x[i + 1] = 1; }
            return x;
        }
    }
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => Enumerable.Repeat(1.0, Dimension).ToArray();
    /// <inheritdoc/>
    public override string Source => "Rosenbrock (1960); Moré, Garbow & Hillstrom (1981), problem 21";

    /// <summary>The same function declared as a sum of n/2 two-variable terms, for term-by-term differentiation.</summary>
    public ExtendedRosenbrockTerms Terms => new(Dimension);

    /// <summary>Σᵢ 100(x₂ᵢ − x₂ᵢ₋₁²)² + (1 − x₂ᵢ₋₁)², i = 1 … n/2, term for term the sum <see cref="Evaluate{T}"/> computes.</summary>
    public override string ClosedForm
    {
        get
        {
            var text = new StringBuilder();
            for (int i = 1; i < Dimension; i += 2)
            {
                if (text.Length > 0) text.Append(" + ");
                text.Append(CultureInfo.InvariantCulture, $"100*(x{i + 1} - x{i}^2)^2 + (1 - x{i})^2");
            }
            return text.ToString();
        }
    }

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T hundred = C<T>(100), sum = T.Zero;
        for (int i = 0; i < x.Length; i += 2)
        {
            T a = x[i], t = x[i + 1] - a * a, s = T.One - a;
            sum += hundred * t * t + s * s;
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i += 2)
        {
            double a = x[i], t = x[i + 1] - a * a, s = 1 - a;
            sum += 100 * t * t + s * s;
            gradient[i] = -400 * a * t - 2 * s;
            gradient[i + 1] = 200 * t;
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override void ComputeHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i < x.Length; i += 2)
        {
            double a = x[i], b = x[i + 1];
            double haa = 1200 * a * a - 400 * b + 2, hab = -400 * a;
            result[i] = haa * v[i] + hab * v[i + 1];
            result[i + 1] = hab * v[i] + 200 * v[i + 1];
        }
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        hessian.Clear();
        for (int i = 0; i < x.Length; i += 2)
        {
            double a = x[i], b = x[i + 1];
            hessian[i, i] = 1200 * a * a - 400 * b + 2;
            hessian[i, i + 1] = hessian[i + 1, i] = -400 * a;
            hessian[i + 1, i + 1] = 200;
        }
    }
}

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

/// <summary>
/// Griewank and Walther's example, y = (sin(x₁/x₂) + x₁/x₂ − e^{x₂})·(x₁/x₂ − e^{x₂}), used to
/// illustrate forward and reverse mode (Griewank &amp; Walther, Evaluating Derivatives, 2nd ed. 2008,
/// §1.4). At (1.5, 0.5): y ≈ 2.0167, ∂y/∂x₁ ≈ 3.0118, ∂y/∂x₂ ≈ −13.7239. It has no minimum.
/// </summary>
public sealed partial class GriewankWaltherExample : TestProblem
{
    /// <inheritdoc/>
    public override string Name => "griewank-walther";
    /// <inheritdoc/>
    public override int Dimension => 2;
    /// <inheritdoc/>
    public override double[] StartingPoint => [1.5, 0.5];
    /// <inheritdoc/>
    public override string Source => "Griewank & Walther, Evaluating Derivatives (2008), §1.4";
    /// <inheritdoc/>
    public override string ClosedForm => "(sin(x1/x2) + x1/x2 - exp(x2))*(x1/x2 - exp(x2))";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T u = x[0] / x[1], w = T.Exp(x[1]);
        return (T.Sin(u) + u - w) * (u - w);
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        var (a, b, ga, gb, _, _) = Parts(x);
        gradient[0] = b * ga.X1 + a * gb.X1;
        gradient[1] = b * ga.X2 + a * gb.X2;
        return a * b;
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        // y = a·b: ∇²y = ∇a∇bᵀ + ∇b∇aᵀ + b∇²a + a∇²b.
        var (a, b, ga, gb, ha, hb) = Parts(x);
        hessian[0, 0] = 2 * ga.X1 * gb.X1 + b * ha.X11 + a * hb.X11;
        hessian[0, 1] = hessian[1, 0] = ga.X1 * gb.X2 + gb.X1 * ga.X2 + b * ha.X12 + a * hb.X12;
        hessian[1, 1] = 2 * ga.X2 * gb.X2 + b * ha.X22 + a * hb.X22;
    }

    private readonly record struct Pair(double X1, double X2);
    private readonly record struct Sym(double X11, double X12, double X22);

    /// <summary>a = sin u + u − w, b = u − w with u = x₁/x₂, w = e^{x₂}; their gradients and Hessians.</summary>
    private static (double A, double B, Pair GradA, Pair GradB, Sym HessA, Sym HessB) Parts(ReadOnlySpan<double> x)
    {
        double u = x[0] / x[1], w = Math.Exp(x[1]), sin = Math.Sin(u), cos = Math.Cos(u);
        var du = new Pair(1 / x[1], -u / x[1]);
        var d2u = new Sym(0, -1 / (x[1] * x[1]), 2 * u / (x[1] * x[1]));
        var gradB = new Pair(du.X1, du.X2 - w);
        var gradA = new Pair((cos + 1) * du.X1, (cos + 1) * du.X2 - w);
        var hessB = new Sym(d2u.X11, d2u.X12, d2u.X22 - w);
        var hessA = new Sym(
            -sin * du.X1 * du.X1 + (cos + 1) * d2u.X11,
            -sin * du.X1 * du.X2 + (cos + 1) * d2u.X12,
            -sin * du.X2 * du.X2 + (cos + 1) * d2u.X22 - w);
        return (sin + u - w, u - w, gradA, gradB, hessA, hessB);
    }
}
