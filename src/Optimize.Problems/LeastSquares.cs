using Optimize.Oracles;
using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Problems;

/// <summary>
/// Linear least squares f(x) = ½‖y − Ax‖² with a seeded Gaussian A (rows × columns) and
/// y = Ax₀ + noise: ∇f = −Aᵀ(y − Ax), ∇²f = AᵀA. The minimum comes from a QR solve.
/// </summary>
public sealed partial class LeastSquares : TestProblem
{
    private readonly double[] a; // row-major rows×columns
    private readonly double[] y;
    private readonly double[] minimizer;

    /// <summary>Creates the problem.</summary>
    /// <param name="rows">The number of observations m ≥ columns.</param>
    /// <param name="columns">The number of unknowns n ≥ 1.</param>
    /// <param name="seed">The seed of A, x₀ and the noise.</param>
    public LeastSquares(int rows = 500, int columns = 100, int seed = 1)
    {
        Guard.Positive(columns, nameof(columns));
        if (rows < columns)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"rows must be at least columns ({columns}).");
        Rows = rows;
        Dimension = columns;
        var random = new Random(seed);
        a = SeededData.Normal(random, rows * columns, 1 / Math.Sqrt(rows));
        var truth = SeededData.Normal(random, columns);
        var noise = SeededData.Normal(random, rows, 0.01);
        var matrix = Matrix;
        y = (matrix * Vector<double>.Build.Dense(truth)).ToArray();
        for (int i = 0; i < rows; i++) y[i] += noise[i];
        minimizer = matrix.QR().Solve(Vector<double>.Build.Dense(y)).ToArray();
        KnownMinimum = Value(minimizer);
    }

    /// <summary>The number of observations m.</summary>
    public int Rows { get; }
    /// <inheritdoc/>
    public override string Name => "least-squares";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override double[] StartingPoint => new double[Dimension];
    /// <inheritdoc/>
    public override double? KnownMinimum { get; }
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => (double[])minimizer.Clone();
    /// <inheritdoc/>
    public override string Source => "seeded linear least squares, ½‖y − Ax‖²";

    /// <summary>The matrix A (a copy).</summary>
    public Matrix<double> Matrix => Matrix<double>.Build.DenseOfRowMajor(Rows, Dimension, a);

    /// <summary>The observations y (a copy).</summary>
    public double[] Observations => (double[])y.Clone();

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        int n = Dimension;
        T sum = T.Zero;
        for (int i = 0; i < Rows; i++)
        {
            T r = C<T>(y[i]);
            for (int j = 0; j < n; j++) r -= C<T>(a[i * n + j]) * x[j];
            sum += r * r;
        }
        return C<T>(0.5) * sum;
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int n = Dimension;
        gradient.Clear();
        double sum = 0;
        for (int i = 0; i < Rows; i++)
        {
            var row = a.AsSpan(i * n, n);
            double r = y[i];
            for (int j = 0; j < n; j++) r -= row[j] * x[j];
            sum += r * r;
            for (int j = 0; j < n; j++) gradient[j] -= row[j] * r;
        }
        return 0.5 * sum;
    }

    /// <inheritdoc/>
    protected override void ComputeHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        int n = Dimension;
        result.Clear();
        for (int i = 0; i < Rows; i++)
        {
            var row = a.AsSpan(i * n, n);
            double av = 0;
            for (int j = 0; j < n; j++) av += row[j] * v[j];
            for (int j = 0; j < n; j++) result[j] += row[j] * av;
        }
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        var matrix = Matrix;
        matrix.TransposeThisAndMultiply(matrix, hessian);
    }
}
