using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// Residual functions from plain delegates over arrays, for callers who do not implement
/// <see cref="IVectorFunction"/> (scripts, F#). A delegate that returns a vector of another length than declared,
/// or a Jacobian of another shape, is a programming error: the solver's call throws an
/// <see cref="ArgumentException"/> naming the delegate and the expected size (decided so because no numerical
/// verdict could describe it, and continuing would read or write past the data).
/// </summary>
public static class ResidualFunction
{
    /// <summary>
    /// r: ℝⁿ → ℝᵐ from <paramref name="residuals"/>, with the Jacobian from <paramref name="jacobian"/> or, when that is
    /// null, by finite differences (<see cref="FiniteDifferenceVectorFunction"/>, central by default).
    /// </summary>
    /// <param name="dimension">n ≥ 1.</param>
    /// <param name="residualCount">m ≥ 1, the length <paramref name="residuals"/> must return.</param>
    /// <param name="residuals">x ↦ r(x), an array of length m.</param>
    /// <param name="jacobian">x ↦ J(x), an m×n array; null for finite differences.</param>
    /// <param name="differences">Finite-difference options when <paramref name="jacobian"/> is null.</param>
    /// <returns>A vector function; not safe for concurrent calls when it uses finite differences.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="residuals"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public static IVectorFunction Create(int dimension, int residualCount, Func<double[], double[]> residuals,
        Func<double[], double[,]>? jacobian = null, FiniteDifferenceOptions? differences = null)
    {
        Guard.Positive(dimension, nameof(dimension));
        Guard.Positive(residualCount, nameof(residualCount));
        ArgumentNullException.ThrowIfNull(residuals);
        return new DelegateResiduals(dimension, residualCount, residuals, jacobian, differences);
    }

    private sealed class DelegateResiduals : IVectorFunction
    {
        private readonly Func<double[], double[]> residuals;
        private readonly Func<double[], double[,]>? jacobian;
        private readonly FiniteDifferenceVectorFunction? differences;

        public DelegateResiduals(int dimension, int residualCount, Func<double[], double[]> residuals,
            Func<double[], double[,]>? jacobian, FiniteDifferenceOptions? options)
        {
            Dimension = dimension;
            OutputDimension = residualCount;
            this.residuals = residuals;
            this.jacobian = jacobian;
            if (jacobian is null) differences = new FiniteDifferenceVectorFunction(dimension, residualCount, Evaluate, options);
        }

        public int Dimension { get; }
        public int OutputDimension { get; }

        public void Evaluate(ReadOnlySpan<double> x, Span<double> value)
        {
            Guard.Length(x.Length, Dimension, nameof(x));
            Guard.Length(value.Length, OutputDimension, nameof(value));
            var r = residuals(x.ToArray()) ?? throw new ArgumentException("residuals returned null; expected an array of length m.", nameof(residuals));
            if (r.Length != OutputDimension)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"residuals returned {r.Length} values; expected m = {OutputDimension} (the residual count declared)."), nameof(residuals));
            r.CopyTo(value);
        }

        public void Jacobian(ReadOnlySpan<double> x, Matrix<double> result)
        {
            Guard.Shape(result, OutputDimension, Dimension, nameof(result));
            if (differences is not null)
            {
                differences.Jacobian(x, result);
                return;
            }
            var j = jacobian!(x.ToArray()) ?? throw new ArgumentException("jacobian returned null; expected an m×n array.", nameof(jacobian));
            if (j.GetLength(0) != OutputDimension || j.GetLength(1) != Dimension)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"jacobian returned a {j.GetLength(0)}×{j.GetLength(1)} array; expected {OutputDimension}×{Dimension} (m×n)."), nameof(jacobian));
            for (int i = 0; i < OutputDimension; i++)
                for (int k = 0; k < Dimension; k++) result[i, k] = j[i, k];
        }

        public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result)
        {
            if (differences is not null)
            {
                differences.JacobianVector(x, p, result);
                return;
            }
            DenseJacobianProducts.JacobianVector(this, x, p, result);
        }

        public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result) =>
            DenseJacobianProducts.VectorJacobian(this, x, w, result);
    }
}
