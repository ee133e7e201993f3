using System.Buffers;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>
/// A problem of the form f(x) = Σᵢ rᵢ(x)², as the Moré–Garbow–Hillstrom test set states its
/// problems (Moré, Garbow and Hillstrom, "Testing Unconstrained Optimization Software",
/// ACM TOMS 7(1), 1981). Each subclass writes its residuals once over the generic scalar, and
/// by hand their Jacobian J and curvature Σᵢ rᵢ∇²rᵢ; then ∇f = 2Jᵀr and ∇²f = 2(JᵀJ + Σᵢ rᵢ∇²rᵢ).
/// </summary>
/// <remarks>
/// Each subclass also marks its <see cref="Residual{T}"/> with <see cref="GenerateDerivativesAttribute"/> (and is declared
/// partial): the derivative generator then writes, per residual, the adjoint code (rᵢ and ∇rᵢ), the tangent code
/// (∇rᵢ·p) and the second-order adjoint code (∇²rᵢ·v), as overrides of the abstract members below. From them the
/// problem is an <see cref="IGeneratedDerivatives"/>: ∇f = Σᵢ 2rᵢ∇rᵢ, ∇f·p = Σᵢ 2rᵢ(∇rᵢ·p) and
/// ∇²f·v = Σᵢ 2((∇rᵢ·v)∇rᵢ + rᵢ∇²rᵢ·v), the chain rule through the outer function Σᵢ rᵢ² (Griewank &amp; Walther,
/// "Evaluating Derivatives", 2nd ed., SIAM 2008, §4.2 and §5.4). One backward sweep per residual gives one row of J, so
/// a call costs m sweeps and O(mn) work, as the dense Jacobian of the hand-coded derivatives does (a
/// <see cref="StructuredSumOfSquaresProblem"/>'s hand-coded products cost O(n)). Scratch vectors come
/// from the shared array pool, so an instance stays safe to share between threads.
/// </remarks>
public abstract class SumOfSquaresProblem : TestProblem, IGeneratedDerivatives
{
    /// <summary>The number of residuals m.</summary>
    public abstract int ResidualCount { get; }

    /// <summary>The residual rᵢ(x), written once over the generic scalar.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="index">The residual's index i, from 0 to m − 1.</param>
    /// <param name="x">The point.</param>
    /// <remarks>Overrides carry <see cref="GenerateDerivativesAttribute"/>: the generator writes the residual's derivative code from them.</remarks>
    public abstract T Residual<T>(int index, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;

    /// <summary>rᵢ(x) and ∇rᵢ(x), by the adjoint code the derivative generator writes from the subclass's <see cref="Residual{T}"/>.</summary>
    /// <param name="index">The residual's index i, from 0 to m − 1.</param>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Destination for ∇rᵢ(x), as long as the point; every entry is overwritten.</param>
    /// <returns>rᵢ(x).</returns>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> is not as long as <paramref name="x"/>.</exception>
    public abstract double ResidualGradient(int index, ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>rᵢ(x) and ∇rᵢ(x) over any scalar type, by the generated adjoint code (over dual numbers, forward over reverse).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="index">The residual's index i, from 0 to m − 1.</param>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Destination for ∇rᵢ(x), as long as the point; every entry is overwritten.</param>
    /// <returns>rᵢ(x).</returns>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> is not as long as <paramref name="x"/>.</exception>
    public abstract T ResidualGradient<T>(int index, ReadOnlySpan<T> x, Span<T> gradient) where T : IFloatingPointIeee754<T>;

    /// <summary>rᵢ(x) and ∇rᵢ(x)·p, by the tangent code the derivative generator writes from the subclass's <see cref="Residual{T}"/>.</summary>
    /// <param name="index">The residual's index i, from 0 to m − 1.</param>
    /// <param name="x">The point.</param>
    /// <param name="direction">The direction p, as long as the point.</param>
    /// <param name="derivative">∇rᵢ(x)·p.</param>
    /// <returns>rᵢ(x).</returns>
    /// <exception cref="ArgumentException"><paramref name="direction"/> is not as long as <paramref name="x"/>.</exception>
    public abstract double ResidualDirectionalDerivative(int index, ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative);

    /// <summary>rᵢ(x), ∇rᵢ(x) and ∇²rᵢ(x)·v, by the second-order adjoint code the derivative generator writes from the subclass's <see cref="Residual{T}"/>.</summary>
    /// <param name="index">The residual's index i, from 0 to m − 1.</param>
    /// <param name="x">The point.</param>
    /// <param name="direction">The direction v, as long as the point.</param>
    /// <param name="gradient">Destination for ∇rᵢ(x), as long as the point, every entry overwritten; or empty.</param>
    /// <param name="hessianVector">Destination for ∇²rᵢ(x)·v, as long as the point; every entry is overwritten.</param>
    /// <returns>rᵢ(x).</returns>
    /// <exception cref="ArgumentException">The direction or a destination is not as long as <paramref name="x"/>.</exception>
    public abstract double ResidualHessianVector(int index, ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> hessianVector);

    /// <inheritdoc/>
    public double EvaluateGradient(ReadOnlySpan<double> x, Span<double> gradient) => EvaluateGradient<double>(x, gradient);

    /// <inheritdoc/>
    public T EvaluateGradient<T>(ReadOnlySpan<T> x, Span<T> gradient) where T : IFloatingPointIeee754<T>
    {
        Guard.Length(gradient.Length, x.Length, nameof(gradient));
        T[] rented = ArrayPool<T>.Shared.Rent(x.Length);
        try
        {
            var row = rented.AsSpan(0, x.Length);
            gradient.Clear();
            T sum = T.Zero;
            for (int i = 0; i < ResidualCount; i++)
            {
                T r = ResidualGradient(i, x, row);
                sum += r * r;
                T twice = r + r;
                for (int j = 0; j < row.Length; j++) gradient[j] += twice * row[j];
            }
            return sum;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <inheritdoc/>
    public double EvaluateDirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative)
    {
        Guard.Length(direction.Length, x.Length, nameof(direction));
        double sum = 0;
        derivative = 0;
        for (int i = 0; i < ResidualCount; i++)
        {
            double r = ResidualDirectionalDerivative(i, x, direction, out double along);
            sum += r * r;
            derivative += 2 * r * along;
        }
        return sum;
    }

    /// <inheritdoc/>
    public double EvaluateHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> hessianVector)
    {
        Guard.Length(direction.Length, x.Length, nameof(direction));
        if (!gradient.IsEmpty) Guard.Length(gradient.Length, x.Length, nameof(gradient));
        Guard.Length(hessianVector.Length, x.Length, nameof(hessianVector));
        int n = x.Length;
        double[] rented = ArrayPool<double>.Shared.Rent(2 * n);
        try
        {
            Span<double> row = rented.AsSpan(0, n), curvature = rented.AsSpan(n, n);
            gradient.Clear();
            hessianVector.Clear();
            double sum = 0;
            for (int i = 0; i < ResidualCount; i++)
            {
                double r = ResidualHessianVector(i, x, direction, row, curvature);
                sum += r * r;
                double along = 0;
                for (int j = 0; j < n; j++) along += row[j] * direction[j];
                // ∇²(rᵢ²)·v = 2((∇rᵢ·v)∇rᵢ + rᵢ∇²rᵢ·v).
                for (int j = 0; j < n; j++) hessianVector[j] += 2 * (along * row[j] + r * curvature[j]);
                if (!gradient.IsEmpty)
                    for (int j = 0; j < n; j++) gradient[j] += 2 * r * row[j];
            }
            return sum;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

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
