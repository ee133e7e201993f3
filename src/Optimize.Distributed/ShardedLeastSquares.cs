using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Distributed;

/// <summary>
/// A nonlinear least-squares objective f(x) = ½‖r(x)‖² whose residuals are spread over the processes in
/// blocks, r = (r₁, …, r_P): each process holds the data of its block rₚ (an <see cref="IVectorFunction"/> with
/// its Jacobian Jₚ), and f = Σₚ ½‖rₚ‖², ∇f = Σₚ Jₚᵀrₚ, the Gauss–Newton product JᵀJv = Σₚ Jₚᵀ(Jₚv) and the
/// normal equations JᵀJ = Σₚ JₚᵀJₚ, Jᵀr = Σₚ Jₚᵀrₚ are each one Allreduce (Nocedal &amp; Wright, <i>Numerical
/// Optimization</i>, 2nd ed., §10.1–10.3, eq. 10.3 and 10.23).
/// </summary>
/// <remarks>
/// Gradient-based solvers run on it as on any <see cref="IGradientObjective"/>; Gauss–Newton and
/// Levenberg–Marquardt steps read <see cref="GaussNewtonProduct"/> (matrix-free) or <see cref="NormalEquations"/>
/// (dense, n×n). The rules of <see cref="ShardedObjective"/> apply: the same calls on every process, identical
/// results everywhere, failures thrown on every process together; not safe for concurrent calls.
/// </remarks>
public sealed class ShardedLeastSquares : ShardedGradientObjective
{
    private readonly IVectorFunction residuals;
    private readonly double[] product;
    private readonly LocalPart localProduct;
    private readonly LocalPart localNormal;
    private Matrix<double>? jacobian;
    private Matrix<double>? normal;
    private double[] residualValues = [];
    private double[] normalSums = [];

    /// <summary>Wraps this process's block of residuals. A collective call: every process of the group must make it.</summary>
    /// <param name="communicator">The group of processes.</param>
    /// <param name="residuals">This process's residuals rₚ: ℝⁿ → ℝ^mₚ (mₚ may be zero); the same n on every process.</param>
    /// <param name="nonFinite">What a non-finite local value or derivative does.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The dimensions differ between processes (thrown on every process).</exception>
    public ShardedLeastSquares(ICommunicator communicator, IVectorFunction residuals, NonFiniteShards nonFinite = NonFiniteShards.Propagate)
        : base(communicator, new HalfSumOfSquares(residuals ?? throw new ArgumentNullException(nameof(residuals))), nonFinite)
    {
        this.residuals = residuals;
        product = new double[residuals.OutputDimension];
        Span<double> count = [residuals.OutputDimension];
        communicator.AllreduceSum(count);
        ResidualCount = (long)count[0];
        localProduct = LocalGaussNewtonProduct;
        localNormal = LocalNormalEquations;
    }

    /// <summary>This process's Jₚᵀ(Jₚv).</summary>
    private void LocalGaussNewtonProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> destination)
    {
        residuals.JacobianVector(x, v, product);
        residuals.VectorJacobian(x, product, destination);
    }

    /// <summary>This process's JₚᵀJₚ (column-major), Jₚᵀrₚ and ½‖rₚ‖², one after the other in <paramref name="destination"/>.</summary>
    private void LocalNormalEquations(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> destination)
    {
        int n = Dimension, m = residuals.OutputDimension;
        jacobian ??= Matrix<double>.Build.Dense(m, n);
        normal ??= Matrix<double>.Build.Dense(n, n);
        if (residualValues.Length != m) residualValues = new double[m];
        residuals.Evaluate(x, residualValues);
        residuals.Jacobian(x, jacobian);
        jacobian.TransposeThisAndMultiply(jacobian, normal);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                destination[j * n + i] = normal[i, j];
        residuals.VectorJacobian(x, residualValues, destination.Slice(n * n, n));
        destination[n * n + n] = 0.5 * TensorPrimitives.SumOfSquares<double>(residualValues);
    }

    /// <summary>The number of residuals m = Σₚ mₚ over all processes.</summary>
    public long ResidualCount { get; }

    /// <summary>This process's residual block rₚ.</summary>
    public IVectorFunction LocalResiduals => residuals;

    /// <summary>Writes the Gauss–Newton product J(x)ᵀJ(x)·v = Σₚ Jₚᵀ(Jₚv), from one JVP and one VJP per process. A collective call.</summary>
    /// <param name="x">The point, of length n; the same on every process.</param>
    /// <param name="v">The direction, of length n; the same on every process.</param>
    /// <param name="result">Destination of length n.</param>
    /// <exception cref="DistributedEvaluationException">The local product failed on some process.</exception>
    public void GaussNewtonProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        int n = Dimension;
        Guard.Length(x.Length, n, nameof(x));
        Guard.Length(v.Length, n, nameof(v));
        Guard.Length(result.Length, n, nameof(result));
        SumOf(localProduct, x, v, buffer, n, "Gauss-Newton product", "the Gauss-Newton product");
        buffer.AsSpan(0, n).CopyTo(result);
    }

    /// <summary>
    /// Forms the normal equations of the Gauss–Newton step at x: writes JᵀJ into <paramref name="normalMatrix"/> and
    /// Jᵀr (= ∇f) into <paramref name="gradient"/>, and returns f = ½‖r‖². Each process forms its mₚ×n Jacobian;
    /// one Allreduce of n² + n + 1 numbers sums them. A collective call.
    /// </summary>
    /// <param name="x">The point, of length n; the same on every process.</param>
    /// <param name="normalMatrix">Destination n×n matrix; every entry is overwritten.</param>
    /// <param name="gradient">Destination of length n for Jᵀr.</param>
    /// <returns>f(x), identical on every process.</returns>
    /// <exception cref="DistributedEvaluationException">The local Jacobian failed on some process.</exception>
    public double NormalEquations(ReadOnlySpan<double> x, Matrix<double> normalMatrix, Span<double> gradient)
    {
        int n = Dimension, m = residuals.OutputDimension;
        Guard.Length(x.Length, n, nameof(x));
        Guard.Shape(normalMatrix, n, n, nameof(normalMatrix));
        Guard.Length(gradient.Length, n, nameof(gradient));
        if (normalSums.Length != n * n + n + 2) normalSums = new double[n * n + n + 2];
        SumOf(localNormal, x, default, normalSums, n * n + n + 1, "normal equations", "the normal equations");
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                normalMatrix[i, j] = normalSums[j * n + i];
        normalSums.AsSpan(n * n, n).CopyTo(gradient);
        return normalSums[n * n + n];
    }
}
