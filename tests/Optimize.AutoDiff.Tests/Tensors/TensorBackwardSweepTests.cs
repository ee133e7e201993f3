using Optimize.AutoDiff.Tensors;

namespace Optimize.AutoDiff.Tests.Tensors;

/// <summary>
/// The backward sweep's own fast paths against gradients written out by hand: an adjoint is written by its first
/// contribution (BLAS β = 0, a copy, a product, a masked store) rather than cleared beforehand, and a matrix–vector
/// product with a large matrix reads the matrix in row blocks from its end. Checked to 1e-12, on a reused tape whose
/// buffers hold NaNs from an earlier sweep.
/// </summary>
public class TensorBackwardSweepTests
{
    /// <summary>A tape that reads large matrices from the end whatever the BLAS library (the default only does with OpenBLAS).</summary>
    private static TensorTape FromEnd() => new() { ReadsLargeMatricesFromEnd = true };

    private static double[] Values(int count, int seed, double scale = 1.0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
    }

    private static void Close(double[] expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1.0, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * scale, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }

    /// <summary>Sweeps the loss once on NaN parameters (every adjoint buffer then holds NaN), then on the given ones.</summary>
    private static double[] GradientAfterNaNSweep(TensorObjective objective, double[] x)
    {
        var gradient = new double[x.Length];
        objective.ValueAndGradient(Enumerable.Repeat(double.NaN, x.Length).ToArray(), gradient);
        Assert.Contains(gradient, double.IsNaN);
        objective.ValueAndGradient(x, gradient);
        return gradient;
    }

    [Fact]
    public void LeastSquaresGradientThroughALargeMatrixReadFromTheEndIsATransposeTimesTheResidual()
    {
        // 1100×1000 entries exceed StridedKernels.FromEndThreshold (2²⁰), and 1100 rows are not a whole number of
        // blocks (262 rows each).
        const int m = 1100, n = 1000;
        double[] a = Values(m * n, 1), y = Values(m, 2), x = Values(n, 3);
        var objective = new TensorObjective(new TensorParameterLayout((n, 1)), (tape, p) =>
            0.5 * tape.SquaredNorm(tape.Constant(y, m, 1) - tape.MatrixProduct(tape.Constant(a, m, n), p[0])), FromEnd());
        var residual = new double[m];
        for (int i = 0; i < m; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++) sum += a[i * n + j] * x[j];
            residual[i] = sum - y[i];
        }
        var expected = new double[n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) expected[j] += a[i * n + j] * residual[i];
        Close(expected, GradientAfterNaNSweep(objective, x), "∇½‖Ax − y‖²");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void VectorTimesALargeMatrixHasTheGradientOfItsBilinearForm(bool vectorOnTheLeft, bool transposed)
    {
        // f = uᵀ·op(S)·v with S stored 1050×1000 (above the threshold): ∂f/∂u = op(S)·v and ∂f/∂v = op(S)ᵀ·u, one of
        // them computed by the backward sweep as a matrix–vector product read from the end of S: a row u times op(S)
        // gives ∂f/∂u that way, op(S) times a column v gives ∂f/∂v.
        const int r = 1050, c = 1000;
        double[] s = Values(r * c, 4);
        int left = transposed ? c : r, right = transposed ? r : c;   // op(S) is left × right
        double[] u = Values(left, 5), v = Values(right, 6);
        var layout = vectorOnTheLeft ? new TensorParameterLayout((1, left), (right, 1)) : new TensorParameterLayout((left, 1), (right, 1));
        var objective = new TensorObjective(layout, (tape, p) =>
        {
            var matrix = tape.Constant(s, r, c);
            // Either (u·op(S))·v with u a row, or uᵀ·(op(S)·v) with u a column.
            return vectorOnTheLeft
                ? tape.Dot(tape.MatrixProduct(p[0], matrix, transposeB: transposed), tape.Transpose(p[1]))
                : tape.Dot(p[0], tape.MatrixProduct(matrix, p[1], transposeA: transposed));
        }, FromEnd());
        double Entry(int i, int j) => transposed ? s[j * c + i] : s[i * c + j];   // op(S)[i, j]
        var expected = new double[left + right];
        for (int i = 0; i < left; i++)
            for (int j = 0; j < right; j++)
            {
                expected[i] += Entry(i, j) * v[j];
                expected[left + j] += Entry(i, j) * u[i];
            }
        Close(expected, GradientAfterNaNSweep(objective, [.. u, .. v]), "∇uᵀ·op(S)·v");
    }

    [Fact]
    public void NetworkGradientEqualsHandWrittenBackpropagation()
    {
        // ‖Y − relu(X·W₁ᵀ)·W₂ᵀ‖²_F: R = Y − H·W₂ᵀ, W̄₂ = −2Rᵀ·H, Z̄ = −2(R·W₂)⊙[Z > 0], W̄₁ = Z̄ᵀ·X.
        const int samples = 40, inputs = 7, hidden = 9, outputs = 3;
        double[] data = Values(samples * inputs, 7), targets = Values(samples * outputs, 8);
        double[] w = Values(hidden * inputs + outputs * hidden, 9, 0.6);
        var objective = new TensorObjective(new TensorParameterLayout((hidden, inputs), (outputs, hidden)), (tape, p) =>
        {
            var h = tape.Relu(tape.MatrixProduct(tape.Constant(data, samples, inputs), p[0], transposeB: true));
            return tape.SquaredNorm(tape.Constant(targets, samples, outputs) - tape.MatrixProduct(h, p[1], transposeB: true));
        });
        int w2 = hidden * inputs;
        var z = new double[samples * hidden];
        var r = new double[samples * outputs];
        for (int s = 0; s < samples; s++)
        {
            for (int k = 0; k < hidden; k++)
                for (int i = 0; i < inputs; i++) z[s * hidden + k] += data[s * inputs + i] * w[k * inputs + i];
            for (int o = 0; o < outputs; o++)
            {
                double output = 0;
                for (int k = 0; k < hidden; k++) output += Math.Max(z[s * hidden + k], 0) * w[w2 + o * hidden + k];
                r[s * outputs + o] = targets[s * outputs + o] - output;
            }
        }
        var expected = new double[w.Length];
        for (int s = 0; s < samples; s++)
            for (int k = 0; k < hidden; k++)
            {
                double zbar = 0;
                for (int o = 0; o < outputs; o++)
                {
                    expected[w2 + o * hidden + k] -= 2 * r[s * outputs + o] * Math.Max(z[s * hidden + k], 0);
                    zbar -= 2 * r[s * outputs + o] * w[w2 + o * hidden + k];
                }
                if (z[s * hidden + k] <= 0) continue;
                for (int i = 0; i < inputs; i++) expected[k * inputs + i] += zbar * data[s * inputs + i];
            }
        Close(expected, GradientAfterNaNSweep(objective, w), "∇network");
    }

    [Fact]
    public void OperandsUsedTwiceBroadcastOrNotAtAllGetTheirWholeAdjoint()
    {
        // f = Σ relu(X) + Σ X⊙X + Σ(X + X) + ⟨X, X⟩ + 1ᵀ·X·X·1 − Σ(X − 3X) + Σ(X + b) + Σ(X⊙b), X 3×3, b a 1×3 row, c unused:
        // ∂f/∂X = [X > 0] + 2X + 2 + 2X + (1·(X1)ᵀ + Xᵀ1·1ᵀ) + 2 + 1 + b (broadcast down the rows), ∂f/∂b = 3 + the column sums of X, ∂f/∂c = 0.
        const int n = 3;
        double[] x = Values(n * n + n + 2, 10);
        var layout = new TensorParameterLayout((n, n), (1, n), (1, 2));
        var objective = new TensorObjective(layout, (tape, p) =>
        {
            var (m, b) = (p[0], p[1]);
            return tape.Sum(tape.Relu(m)) + tape.Sum(m * m) + tape.Sum(m + m) + tape.Dot(m, m) + tape.Sum(tape.MatrixProduct(m, m)) - tape.Sum(m - 3.0 * m)
                + tape.Sum(m + b) + tape.Sum(m * b);
        });
        var expected = new double[x.Length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double rowSumJ = 0, columnSumI = 0;
                for (int k = 0; k < n; k++)
                {
                    rowSumJ += x[j * n + k];
                    columnSumI += x[k * n + i];
                }
                expected[i * n + j] = (x[i * n + j] > 0 ? 1 : 0) + 4 * x[i * n + j] + 2 + rowSumJ + columnSumI + 2 + 1 + x[n * n + j];
                expected[n * n + j] += (i == 0 ? 3 : 0) + x[i * n + j];
            }
        Close(expected, GradientAfterNaNSweep(objective, x), "∇f");
    }

    [Fact]
    public void AdjointOfATensorNoContributionReachedIsZero()
    {
        var tape = new TensorTape();
        tape.Begin();
        var p = tape.Parameter([1.0, 2.0], 1, 2);
        var unused = tape.Exp(p);
        var reshaped = tape.Reshape(unused, 2, 1);
        var output = tape.Sum(p * p);
        for (int sweep = 0; sweep < 2; sweep++)
        {
            tape.Backward(output);
            Assert.Equal([2.0, 4.0], tape.Adjoint(p).ToArray());
            Assert.Equal([0.0, 0.0], tape.Adjoint(unused).ToArray());
            Assert.Equal([0.0, 0.0], tape.Adjoint(reshaped).ToArray());
        }
    }
}
