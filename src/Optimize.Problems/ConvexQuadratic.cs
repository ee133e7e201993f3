using Optimize.Oracles;
using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Problems;

/// <summary>
/// A convex quadratic f(x) = ½xᵀAx − bᵀx with a seeded random symmetric positive definite
/// A = MᵀM/n + I (eigenvalues in [1, ~5]); the minimizer solves Ax = b and the minimum is −½bᵀA⁻¹b.
/// </summary>
public sealed partial class ConvexQuadratic : TestProblem
{
    private readonly double[] a; // row-major n×n
    private readonly double[] b;
    private readonly double[] minimizer;

    /// <summary>Creates the problem.</summary>
    /// <param name="dimension">The number of variables n ≥ 1.</param>
    /// <param name="seed">The seed of the random matrix and vector.</param>
    public ConvexQuadratic(int dimension, int seed = 1)
    {
        Guard.Positive(dimension, nameof(dimension));
        Dimension = dimension;
        var random = new Random(seed);
        var m = Matrix<double>.Build.DenseOfColumnMajor(dimension, dimension, SeededData.Normal(random, dimension * dimension));
        var matrix = m.TransposeThisAndMultiply(m) / dimension + Matrix<double>.Build.DenseIdentity(dimension);
        a = matrix.ToRowMajorArray();
        b = SeededData.Normal(random, dimension);
        minimizer = matrix.Cholesky().Solve(Vector<double>.Build.Dense(b)).ToArray();
        double bx = 0;
        for (int i = 0; i < dimension; i++) bx += b[i] * minimizer[i];
        KnownMinimum = -0.5 * bx;
    }

    /// <inheritdoc/>
    public override string Name => "quadratic";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override double[] StartingPoint => new double[Dimension];
    /// <inheritdoc/>
    public override double? KnownMinimum { get; }
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => (double[])minimizer.Clone();
    /// <inheritdoc/>
    public override string Source => "convex quadratic with a seeded SPD matrix";

    /// <summary>The matrix A (a copy).</summary>
    public Matrix<double> Matrix => Matrix<double>.Build.DenseOfRowMajor(Dimension, Dimension, a);

    /// <summary>The vector b (a copy).</summary>
    public double[] LinearTerm => (double[])b.Clone();

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        int n = Dimension;
        T sum = T.Zero, half = C<T>(0.5);
        for (int i = 0; i < n; i++)
        {
            T row = T.Zero;
            for (int j = 0; j < n; j++) row += C<T>(a[i * n + j]) * x[j];
            sum += x[i] * (half * row - C<T>(b[i]));
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        ComputeHessianVector(x, x, gradient);
        double value = 0;
        for (int i = 0; i < Dimension; i++)
        {
            value += x[i] * (0.5 * gradient[i] - b[i]);
            gradient[i] -= b[i];
        }
        return value;
    }

    /// <inheritdoc/>
    protected override void ComputeHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        int n = Dimension;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++) sum += a[i * n + j] * v[j];
            result[i] = sum;
        }
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        for (int i = 0; i < Dimension; i++)
            for (int j = 0; j < Dimension; j++)
                hessian[i, j] = a[i * Dimension + j];
    }
}
