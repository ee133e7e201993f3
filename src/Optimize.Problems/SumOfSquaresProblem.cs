using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Problems;

/// <summary>
/// A problem of the form f(x) = Σᵢ rᵢ(x)², as the Moré–Garbow–Hillstrom test set states its
/// problems (Moré, Garbow and Hillstrom, "Testing Unconstrained Optimization Software",
/// ACM TOMS 7(1), 1981). Each subclass writes its residuals once over the generic scalar, and
/// by hand their Jacobian J and curvature Σᵢ rᵢ∇²rᵢ; then ∇f = 2Jᵀr and ∇²f = 2(JᵀJ + Σᵢ rᵢ∇²rᵢ).
/// </summary>
public abstract class SumOfSquaresProblem : TestProblem
{
    /// <summary>The number of residuals m.</summary>
    public abstract int ResidualCount { get; }

    /// <summary>The residual rᵢ(x), written once over the generic scalar.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="index">The residual's index i, from 0 to m − 1.</param>
    /// <param name="x">The point.</param>
    public abstract T Residual<T>(int index, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;

    /// <summary>Writes the hand-coded m×n residual Jacobian at <paramref name="x"/>.</summary>
    /// <param name="x">The point.</param>
    /// <param name="jacobian">Destination m×n matrix; every entry is written.</param>
    public abstract void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian);

    /// <summary>Adds the hand-coded curvature term Σᵢ rᵢ∇²rᵢ at <paramref name="x"/> into <paramref name="hessian"/>.</summary>
    /// <param name="x">The point.</param>
    /// <param name="residuals">The residuals r(x).</param>
    /// <param name="hessian">The n×n matrix to add to.</param>
    protected abstract void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian);

    /// <inheritdoc/>
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        for (int i = 0; i < ResidualCount; i++)
        {
            T r = Residual(i, x);
            sum += r * r;
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Span<double> r = stackalloc double[ResidualCount];
        var jacobian = Jacobian(x, r);
        double value = 0;
        foreach (double ri in r) value += ri * ri;
        for (int j = 0; j < Dimension; j++)
        {
            double sum = 0;
            for (int i = 0; i < r.Length; i++) sum += jacobian[i, j] * r[i];
            gradient[j] = 2 * sum;
        }
        return value;
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        Span<double> r = stackalloc double[ResidualCount];
        var jacobian = Jacobian(x, r);
        var gaussNewton = jacobian.TransposeThisAndMultiply(jacobian);
        hessian.Clear();
        AddResidualCurvature(x, r, hessian);
        for (int i = 0; i < Dimension; i++)
            for (int j = 0; j < Dimension; j++)
                hessian[i, j] = 2 * (gaussNewton[i, j] + hessian[i, j]);
    }

    private Matrix<double> Jacobian(ReadOnlySpan<double> x, Span<double> residuals)
    {
        for (int i = 0; i < residuals.Length; i++) residuals[i] = Residual(i, x);
        var jacobian = Matrix<double>.Build.Dense(ResidualCount, Dimension);
        ResidualJacobian(x, jacobian);
        return jacobian;
    }
}
