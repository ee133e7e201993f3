using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

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
