using System.Buffers;

namespace Optimize.Problems;

/// <summary>
/// A <see cref="SumOfSquaresProblem"/> whose Jacobian J is sparse or structured (banded, diagonal plus a few dense
/// rows, diagonal plus rank one), so that the products J·v and Jᵀ·w and the curvature product (Σᵢ rᵢ∇²rᵢ)·v cost
/// O(n). The gradient 2Jᵀr and the Hessian-vector product 2(Jᵀ(J·v) + (Σᵢ rᵢ∇²rᵢ)·v) are then formed without the
/// dense m×n Jacobian, so the problem runs at n = 10⁴ and beyond; the dense Jacobian and Hessian of the base class
/// remain for small n (Nocedal &amp; Wright, "Numerical Optimization", 2nd ed., §10.1, eq. 10.5 and 10.6).
/// </summary>
/// <remarks>Stateless: scratch vectors come from the shared array pool, so an instance is safe to share between threads.</remarks>
public abstract class StructuredSumOfSquaresProblem : SumOfSquaresProblem
{
    /// <summary>Writes every residual r(x) in O(n) total work; the default calls <see cref="SumOfSquaresProblem.Residual{T}"/> for each i.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="residuals">Destination of length m.</param>
    protected virtual void Residuals(ReadOnlySpan<double> x, Span<double> residuals)
    {
        for (int i = 0; i < residuals.Length; i++) residuals[i] = Residual(i, x);
    }

    /// <summary>Writes J(x)·v, from the structure of the hand-coded Jacobian.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length m; every entry is written.</param>
    protected abstract void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result);

    /// <summary>Writes J(x)ᵀ·w, from the structure of the hand-coded Jacobian.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="w">The cotangent, of length m.</param>
    /// <param name="result">Destination of length n; every entry is written.</param>
    protected abstract void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result);

    /// <summary>Adds (Σᵢ rᵢ∇²rᵢ)·v to <paramref name="result"/>: the product with the curvature term the base class adds densely.</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="residuals">The residuals r(x).</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">The vector of length n to add to.</param>
    protected abstract void AddCurvatureVector(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, ReadOnlySpan<double> v, Span<double> result);

    /// <inheritdoc/>
    protected sealed override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double[] rented = ArrayPool<double>.Shared.Rent(ResidualCount);
        try
        {
            var r = rented.AsSpan(0, ResidualCount);
            Residuals(x, r);
            VectorJacobian(x, r, gradient);
            double value = 0;
            foreach (double ri in r) value += ri * ri;
            for (int j = 0; j < gradient.Length; j++) gradient[j] *= 2;
            return value;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <inheritdoc/>
    protected sealed override void ComputeHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        double[] rented = ArrayPool<double>.Shared.Rent(2 * ResidualCount);
        try
        {
            var r = rented.AsSpan(0, ResidualCount);
            var jv = rented.AsSpan(ResidualCount, ResidualCount);
            Residuals(x, r);
            JacobianVector(x, v, jv);
            VectorJacobian(x, jv, result);
            AddCurvatureVector(x, r, v, result);
            for (int j = 0; j < result.Length; j++) result[j] *= 2;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }
}
