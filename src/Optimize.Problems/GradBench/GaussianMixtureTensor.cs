using Optimize.AutoDiff.Tensors;
using Optimize.Oracles;

namespace Optimize.Problems.GradBench;

/// <summary>
/// The log posterior of <see cref="GaussianMixture"/> vectorized on the tensor tape, in the manner of GradBench's
/// PyTorch version: the K triangular factors stacked into one KD×D matrix built from exp(q) and l by two products with
/// 0/1 placement matrices, all projections Y = X·Qᵀ as one matrix product, the centring by Qₖμₖ as a row, the squared
/// norms per component as a product with a 0/1 block-summing matrix, and a stable <see cref="TensorTape.LogSumExp"/>.
/// Its gradient is one backward sweep of the tape.
/// </summary>
/// <remarks>Not safe to share between threads: each instance records on its own tape, reused between calls.</remarks>
public sealed class GaussianMixtureTensor : IGradientObjective
{
    private readonly GaussianMixture problem;
    private readonly TensorTape tape = new();
    private readonly double[] diagonalPlacement, lowerPlacement, blocks;

    /// <summary>Creates the tensor version of <paramref name="problem"/>.</summary>
    /// <param name="problem">The mixture problem (its data and sizes).</param>
    public GaussianMixtureTensor(GaussianMixture problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        this.problem = problem;
        int d = problem.DataDimension, k = problem.Components, lsize = problem.LowerSize;
        diagonalPlacement = new double[d * d * d];
        for (int j = 0; j < d; j++) diagonalPlacement[j * d * d + j * d + j] = 1;
        lowerPlacement = new double[Math.Max(lsize, 1) * d * d];
        for (int j = 0, index = 0; j < d; j++)
            for (int r = j + 1; r < d; r++, index++) lowerPlacement[index * d * d + r * d + j] = 1;
        blocks = new double[k * d * k];
        for (int c = 0; c < k; c++)
            for (int r = 0; r < d; r++) blocks[(c * d + r) * k + c] = 1;
    }

    /// <inheritdoc/>
    public int Dimension => problem.Dimension;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        return Record(x, out _).Scalar;
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        var loss = Record(x, out var parameters);
        tape.Backward(loss);
        int offset = 0;
        foreach (var parameter in parameters)
        {
            if (parameter is not { } p) continue;
            tape.Adjoint(p).CopyTo(gradient[offset..]);
            offset += p.Length;
        }
        return loss.Scalar;
    }

    private Tensor Record(ReadOnlySpan<double> x, out Tensor?[] parameters)
    {
        int d = problem.DataDimension, k = problem.Components, lsize = problem.LowerSize, n = problem.Points;
        tape.Begin();
        var alpha = tape.Parameter(x[..k], 1, k);
        var mu = tape.Parameter(x.Slice(problem.MuOffset, k * d), k, d);
        var q = tape.Parameter(x.Slice(problem.QOffset, k * d), k, d);
        Tensor? l = lsize > 0 ? tape.Parameter(x.Slice(problem.LOffset, k * lsize), k, lsize) : null;
        parameters = [alpha, mu, q, l];
        var diagonal = tape.Exp(q);
        var factors = tape.MatrixProduct(diagonal, tape.Constant(diagonalPlacement, d, d * d));
        if (l is { } lower) factors += tape.MatrixProduct(lower, tape.Constant(lowerPlacement, lsize, d * d));
        var stacked = tape.Reshape(factors, k * d, d);                                  // row (c, r): row r of Qc
        var block = tape.Constant(blocks, k * d, k);
        var projected = tape.MatrixProduct(tape.Constant(problem.DataArray, n, d), stacked, transposeB: true);   // N × KD
        var meanRows = tape.MatrixProduct(block, mu);                                    // row (c, r): μc
        var centre = tape.Reshape(tape.Sum(stacked * meanRows, TensorAxis.Columns), 1, k * d);  // Qc·μc
        var y = projected - centre;
        var squares = tape.MatrixProduct(y * y, block);                                  // N × K: ‖Qc(xi − μc)‖²
        var sumQ = tape.Reshape(tape.Sum(q, TensorAxis.Columns), 1, k);
        var beta = tape.Affine(squares, -0.5, 0) + (alpha + sumQ);
        var likelihood = tape.Sum(tape.LogSumExp(beta, TensorAxis.Columns));
        var frobenius = tape.SquaredNorm(diagonal);
        if (l is { } l2) frobenius += tape.SquaredNorm(l2);
        double gammaSquared = problem.Gamma * problem.Gamma;
        var loss = likelihood + tape.Affine(tape.LogSumExp(alpha, TensorAxis.Columns), -n, 0)
            + tape.Affine(frobenius, -0.5 * gammaSquared, 0) + tape.Affine(tape.Sum(q), problem.ExtraDegreesOfFreedom, problem.ConstantTerm);
        return loss;
    }
}
