using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>
/// The least-squares view of a <see cref="SumOfSquaresProblem"/>: its residual vector r: ℝⁿ → ℝᵐ with the
/// hand-coded Jacobian, for least-squares solvers (which minimize ½‖r‖², half the problem's f = Σᵢ rᵢ²). It is
/// also written once over the generic scalar (<see cref="IVectorScalarFunction"/>), so AD providers can
/// differentiate the same residuals. Stateless and safe to share between threads.
/// </summary>
public sealed class SumOfSquaresResiduals : IVectorFunction, IVectorScalarFunction
{
    /// <summary>The residuals of <paramref name="problem"/>.</summary>
    /// <param name="problem">A sum-of-squares problem.</param>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> is null.</exception>
    public SumOfSquaresResiduals(SumOfSquaresProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
    }

    /// <summary>The problem.</summary>
    public SumOfSquaresProblem Problem { get; }

    /// <inheritdoc cref="IVectorFunction.Dimension"/>
    public int Dimension => Problem.Dimension;

    /// <inheritdoc cref="IVectorFunction.OutputDimension"/>
    public int OutputDimension => Problem.ResidualCount;

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> value) => Evaluate<double>(x, value);

    /// <inheritdoc/>
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> value) where T : IFloatingPointIeee754<T>
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(value.Length, OutputDimension, nameof(value));
        for (int i = 0; i < value.Length; i++) value[i] = Problem.Residual(i, x);
    }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(jacobian, OutputDimension, Dimension, nameof(jacobian));
        Problem.ResidualJacobian(x, jacobian);
    }

    /// <summary>J(x)·p from the hand-coded Jacobian (built, then multiplied).</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="p">The direction, of length n.</param>
    /// <param name="result">Destination of length m.</param>
    public void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> result)
        => DenseJacobianProducts.JacobianVector(this, x, p, result);

    /// <summary>wᵀJ(x) from the hand-coded Jacobian (built, then multiplied).</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="w">The cotangent, of length m.</param>
    /// <param name="result">Destination of length n.</param>
    public void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
        => DenseJacobianProducts.VectorJacobian(this, x, w, result);

    /// <inheritdoc/>
    public override string ToString() => $"residuals of {Problem.Name} (n = {Dimension}, m = {OutputDimension})";
}
