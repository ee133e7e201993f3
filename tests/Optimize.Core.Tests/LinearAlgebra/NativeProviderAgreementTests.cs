using System.Collections.Concurrent;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using Optimize.LinearAlgebra;
using static Optimize.Core.Tests.LinearAlgebra.Backends;
using Complex = System.Numerics.Complex;

namespace Optimize.Core.Tests.LinearAlgebra;

/// <summary>Every native routine agrees with MathNet's managed provider to 1e-10 relative on random inputs of awkward sizes.</summary>
public class NativeProviderAgreementTests
{
    private static readonly ManagedLinearAlgebraProvider Managed = ManagedLinearAlgebraProvider.Instance;

    private static readonly ConcurrentDictionary<string, Lazy<object>> References = new();

    /// <summary>
    /// The managed provider's result for <paramref name="key"/>, computed once: inputs depend only on the size
    /// (fixed seeds), so both native backends are compared with the same reference.
    /// </summary>
    private static T Reference<T>(string key, Func<T> compute) where T : class =>
        (T)References.GetOrAdd(key, _ => new Lazy<object>(compute)).Value;

    [Theory]
    [MemberData(nameof(KindsAndSizes), MemberType = typeof(Backends))]
    public void MatrixMultiplyWithUpdateAgreesInEveryTransposeCase(LinearAlgebraBackendKind kind, int size)
    {
        if (NativeOrAssertFallback(kind) is not { } provider)
            return;
        var random = new Random(size);
        int m = size, k = size / 2 + 1, n = size + 2;
        foreach (var ta in new[] { Transpose.DontTranspose, Transpose.Transpose })
            foreach (var tb in new[] { Transpose.DontTranspose, Transpose.Transpose })
            {
                bool transposeA = ta == Transpose.Transpose, transposeB = tb == Transpose.Transpose;
                int rowsA = transposeA ? k : m, columnsA = transposeA ? m : k, rowsB = transposeB ? n : k, columnsB = transposeB ? k : n;
                var a = Random(random, rowsA * columnsA);
                var b = Random(random, rowsB * columnsB);
                var c = Random(random, m * n);
                var expected = Reference($"gemm {size} {ta} {tb}", () =>
                {
                    var update = (double[])c.Clone();
                    Managed.MatrixMultiplyWithUpdate(ta, tb, 0.7, a, rowsA, columnsA, b, rowsB, columnsB, -1.3, update);
                    return update;
                });
                provider.MatrixMultiplyWithUpdate(ta, tb, 0.7, a, rowsA, columnsA, b, rowsB, columnsB, -1.3, c);
                Close(expected, c, what: $"{ta}/{tb}");
            }
    }

    [Theory]
    [MemberData(nameof(AllKindsAndSizes), MemberType = typeof(Backends))]
    public void MatrixTimesVectorAgreesOnBothSides(LinearAlgebraBackendKind kind, int size)
    {
        if (NativeOrAssertFallback(kind) is not { } provider)
            return;
        var random = new Random(size + 1);
        int rows = size, columns = size + 3;
        var a = Random(random, rows * columns);
        foreach (var transpose in new[] { Transpose.DontTranspose, Transpose.Transpose })
        {
            bool t = transpose == Transpose.Transpose;
            int inner = t ? rows : columns, outer = t ? columns : rows;
            // A column on the right (n = 1) and a row on the left (m = 1) take the dgemv paths.
            var x = Random(random, inner);
            var y = Random(random, outer);
            var expected = (double[])y.Clone();
            Managed.MatrixMultiplyWithUpdate(transpose, Transpose.DontTranspose, 1.5, a, rows, columns, x, inner, 1, 0.5, expected);
            provider.MatrixMultiplyWithUpdate(transpose, Transpose.DontTranspose, 1.5, a, rows, columns, x, inner, 1, 0.5, y);
            Close(expected, y, what: $"op(A)·x, {transpose}");

            var w = Random(random, outer);
            var z = Random(random, inner);
            var expectedRow = (double[])z.Clone();
            Managed.MatrixMultiplyWithUpdate(Transpose.DontTranspose, transpose, -0.5, w, 1, outer, a, rows, columns, 2.0, expectedRow);
            provider.MatrixMultiplyWithUpdate(Transpose.DontTranspose, transpose, -0.5, w, 1, outer, a, rows, columns, 2.0, z);
            Close(expectedRow, z, what: $"wᵀ·op(A), {transpose}");

            var spanResult = Random(random, outer);
            var expectedSpan = (double[])spanResult.Clone();
            Managed.MatrixMultiplyWithUpdate(transpose, Transpose.DontTranspose, 0.25, a, rows, columns, x, inner, 1, -1.0, expectedSpan);
            provider.MatrixVector(t, rows, columns, 0.25, a, x, -1.0, spanResult);
            Close(expectedSpan, spanResult, what: $"MatrixVector, {transpose}");
        }
    }

    [Theory]
    [MemberData(nameof(AllKindsAndSizes), MemberType = typeof(Backends))]
    public void LevelOneRoutinesAgree(LinearAlgebraBackendKind kind, int size)
    {
        if (NativeOrAssertFallback(kind) is not { } provider)
            return;
        var random = new Random(size + 2);
        var x = Random(random, size);
        var y = Random(random, size);

        Close(Managed.DotProduct(x, y), provider.DotProduct(x, y), what: "DotProduct");
        Close(Managed.DotProduct(x, y), provider.Dot(x, y), what: "Dot");
        Close(Math.Sqrt(Managed.DotProduct(x, x)), provider.Norm2(x), what: "Norm2");

        var expected = new double[size];
        var actual = new double[size];
        Managed.AddVectorToScaledVector(y, -2.5, x, expected);
        provider.AddVectorToScaledVector(y, -2.5, x, actual);
        Close(expected, actual, what: "AddVectorToScaledVector");
        var inPlace = (double[])x.Clone();
        provider.AddVectorToScaledVector(y, -2.5, inPlace, inPlace);
        Close(expected, inPlace, what: "AddVectorToScaledVector into x");
        var axpy = (double[])y.Clone();
        provider.Axpy(-2.5, x, axpy);
        Close(expected, axpy, what: "Axpy");

        Managed.ScaleArray(3.25, x, expected);
        provider.ScaleArray(3.25, x, actual);
        Close(expected, actual, what: "ScaleArray");
        var scaled = (double[])x.Clone();
        provider.Scale(3.25, scaled);
        Close(expected, scaled, what: "Scale");

        foreach (var norm in new[] { Norm.OneNorm, Norm.InfinityNorm, Norm.FrobeniusNorm, Norm.LargestAbsoluteValue })
        {
            var matrix = Random(random, size * (size + 1));
            Close(Managed.MatrixNorm(norm, size, size + 1, matrix), provider.MatrixNorm(norm, size, size + 1, matrix), what: $"MatrixNorm {norm}");
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndSizes), MemberType = typeof(Backends))]
    public void CholeskyFactorAndSolvesAgree(LinearAlgebraBackendKind kind, int size)
    {
        if (NativeOrAssertFallback(kind) is not { } provider)
            return;
        var random = new Random(size + 3);
        var a = SymmetricPositiveDefinite(random, size);
        var b = Random(random, size * 3);

        var expectedFactor = (double[])a.Clone();
        Managed.CholeskyFactor(expectedFactor, size);
        var factor = (double[])a.Clone();
        provider.CholeskyFactor(factor, size);
        Close(expectedFactor, factor, what: "CholeskyFactor");

        var expected = (double[])b.Clone();
        Managed.CholeskySolve(a, size, expected, 3);
        var solved = (double[])b.Clone();
        provider.CholeskySolve(a, size, solved, 3);
        Close(expected, solved, what: "CholeskySolve");
        var solvedFromFactor = (double[])b.Clone();
        provider.CholeskySolveFactored(factor, size, solvedFromFactor, 3);
        Close(expected, solvedFromFactor, what: "CholeskySolveFactored");
    }

    [Theory]
    [MemberData(nameof(KindsAndSizes), MemberType = typeof(Backends))]
    public void LUFactorSolveAndInverseAgree(LinearAlgebraBackendKind kind, int size)
    {
        if (NativeOrAssertFallback(kind) is not { } provider)
            return;
        var random = new Random(size + 4);
        var a = Random(random, size * size);
        var b = Random(random, size * 2);

        var (expectedFactors, expectedPivots) = Reference($"LU {size}", () =>
        {
            var lu = (double[])a.Clone();
            var p = new int[size];
            Managed.LUFactor(lu, size, p);
            return Tuple.Create(lu, p);
        });
        var factors = (double[])a.Clone();
        var pivots = new int[size];
        provider.LUFactor(factors, size, pivots);
        Assert.Equal(expectedPivots, pivots);
        Close(expectedFactors, factors, what: "LUFactor");

        var expected = Reference($"LU solve {size}", () =>
        {
            var x = (double[])b.Clone();
            Managed.LUSolve(2, a, size, x);
            return x;
        });
        var solved = (double[])b.Clone();
        provider.LUSolve(2, a, size, solved);
        Close(expected, solved, what: "LUSolve");
        var solvedFromFactors = (double[])b.Clone();
        provider.LUSolveFactored(2, factors, size, pivots, solvedFromFactors);
        Close(expected, solvedFromFactors, what: "LUSolveFactored");
        Assert.Equal(expectedPivots, pivots);

        var expectedInverse = Reference($"LU inverse {size}", () =>
        {
            var inverse = (double[])a.Clone();
            Managed.LUInverse(inverse, size);
            return inverse;
        });
        var inverse = (double[])a.Clone();
        provider.LUInverse(inverse, size);
        Close(expectedInverse, inverse, 1e-9, what: "LUInverse");
        provider.LUInverseFactored(factors, size, pivots);
        Close(expectedInverse, factors, 1e-9, what: "LUInverseFactored");
    }

    [Theory]
    [MemberData(nameof(KindsAndSizes), MemberType = typeof(Backends))]
    public void QRFactorsAndSolvesAgree(LinearAlgebraBackendKind kind, int size)
    {
        if (NativeOrAssertFallback(kind) is not { } provider)
            return;
        var random = new Random(size + 5);
        int rows = size + 3, columns = size;
        var a = Random(random, rows * columns);
        var b = Random(random, rows * 2);

        var (expectedR, expectedQ) = Reference($"QR {size}", () =>
        {
            var factorR = (double[])a.Clone();
            var factorQ = new double[rows * rows];
            Managed.QRFactor(factorR, rows, columns, factorQ, new double[columns]);
            return Tuple.Create(factorR, factorQ);
        });
        var r = (double[])a.Clone();
        var q = new double[rows * rows];
        provider.QRFactor(r, rows, columns, q, new double[columns]);
        AssertSameQR(expectedQ, expectedR, q, r, rows, columns, rows, "QRFactor");
        // Full Q is orthogonal and Q·R reproduces A.
        Close(Identity(rows), Multiply(q, rows, rows, true, q, rows, rows, false), what: "QᵀQ");
        Close(a, Multiply(q, rows, rows, false, r, rows, columns, false), what: "Q·R");

        var (expectedThinQ, expectedThinR) = Reference($"thin QR {size}", () =>
        {
            var factorQ = (double[])a.Clone();
            var factorR = new double[columns * columns];
            Managed.ThinQRFactor(factorQ, rows, columns, factorR, new double[columns]);
            return Tuple.Create(factorQ, factorR);
        });
        var thinQ = (double[])a.Clone();
        var thinR = new double[columns * columns];
        provider.ThinQRFactor(thinQ, rows, columns, thinR, new double[columns]);
        AssertSameQR(expectedThinQ, expectedThinR, thinQ, thinR, rows, columns, columns, "ThinQRFactor");

        var expected = Reference($"QR solve {size}", () =>
        {
            var x = new double[columns * 2];
            Managed.QRSolve(a, rows, columns, b, 2, x, QRMethod.Full);
            return x;
        });
        var solved = new double[columns * 2];
        provider.QRSolve(a, rows, columns, b, 2, solved, QRMethod.Full);
        Close(expected, solved, 1e-9, what: "QRSolve");
        var fromFull = new double[columns * 2];
        provider.QRSolveFactored(q, r, rows, columns, null, b, 2, fromFull, QRMethod.Full);
        Close(expected, fromFull, 1e-9, what: "QRSolveFactored full");
        var fromThin = new double[columns * 2];
        provider.QRSolveFactored(thinQ, thinR, rows, columns, null, b, 2, fromThin, QRMethod.Thin);
        Close(expected, fromThin, 1e-9, what: "QRSolveFactored thin");
    }

    /// <summary>
    /// Q and R are unique up to the sign of each of the first min(m, n) columns of Q (and rows of R);
    /// the remaining columns of a full Q are any orthonormal completion, checked by QᵀQ = I instead.
    /// </summary>
    private static void AssertSameQR(double[] expectedQ, double[] expectedR, double[] q, double[] r, int rows, int columns, int rowsR, string what)
    {
        int count = Math.Min(rows, columns);
        var alignedQ = new double[rows * count];
        var expectedColumns = new double[rows * count];
        var alignedR = new double[count * columns];
        var expectedUpper = new double[count * columns];
        for (int i = 0; i < count; i++)
        {
            double sign = Math.Sign(r[i * rowsR + i]) == Math.Sign(expectedR[i * rowsR + i]) ? 1.0 : -1.0;
            for (int row = 0; row < rows; row++)
            {
                alignedQ[i * rows + row] = sign * q[i * rows + row];
                expectedColumns[i * rows + row] = expectedQ[i * rows + row];
            }
            for (int j = i; j < columns; j++)
            {
                alignedR[j * count + i] = sign * r[j * rowsR + i];
                expectedUpper[j * count + i] = expectedR[j * rowsR + i];
            }
        }
        Close(expectedColumns, alignedQ, 1e-9, what: $"{what} Q");
        Close(expectedUpper, alignedR, 1e-10, what: $"{what} R");
    }

    [Theory]
    [MemberData(nameof(KindsAndSizes), MemberType = typeof(Backends))]
    public void SymmetricEigenDecompositionAgrees(LinearAlgebraBackendKind kind, int size)
    {
        if (NativeOrAssertFallback(kind) is not { } provider)
            return;
        var a = Symmetric(new Random(size + 6), size);
        var expectedValues = Reference($"EVD {size}", () =>
        {
            var eigenvalues = new Complex[size];
            Managed.EigenDecomp(true, size, a, new double[size * size], eigenvalues, new double[size * size]);
            return eigenvalues;
        });

        var vectors = new double[size * size];
        var values = new Complex[size];
        var d = new double[size * size];
        provider.EigenDecomp(true, size, a, vectors, values, d);
        Close(expectedValues.Select(v => v.Real).ToArray(), values.Select(v => v.Real).ToArray(), what: "eigenvalues");
        Assert.All(values, v => Assert.Equal(0.0, v.Imaginary));
        // Eigenvectors of close eigenvalues are ill-conditioned, so compare the decomposition, not the vectors.
        Close(a, Multiply(Multiply(vectors, size, size, false, d, size, size, false), size, size, false, vectors, size, size, true), what: "V·D·Vᵀ");
        Close(Identity(size), Multiply(vectors, size, size, true, vectors, size, size, false), what: "VᵀV");
    }

    [Theory]
    [MemberData(nameof(KindsAndSizes), MemberType = typeof(Backends))]
    public void SingularValueDecompositionAndSolveAgree(LinearAlgebraBackendKind kind, int size)
    {
        if (NativeOrAssertFallback(kind) is not { } provider)
            return;
        // The managed SVD of a 500×500 matrix takes seconds: the largest case is a tall 500×60 matrix instead.
        int rows = size + 3, columns = size == 500 ? 60 : size;
        var random = new Random(size + 7);
        var a = Random(random, rows * columns);
        var b = Random(random, rows);

        var expectedS = Reference($"SVD {size}", () =>
        {
            var singularValues = new double[columns];
            Managed.SingularValueDecomposition(false, (double[])a.Clone(), rows, columns, singularValues, new double[rows * rows], new double[columns * columns]);
            return singularValues;
        });
        var s = new double[columns];
        var u = new double[rows * rows];
        var vt = new double[columns * columns];
        provider.SingularValueDecomposition(true, (double[])a.Clone(), rows, columns, s, u, vt);
        Close(expectedS, s, what: "singular values");
        var sigma = new double[rows * columns];
        for (int i = 0; i < columns; i++)
            sigma[i * rows + i] = s[i];
        Close(a, Multiply(Multiply(u, rows, rows, false, sigma, rows, columns, false), rows, columns, false, vt, columns, columns, false), what: "U·Σ·Vᵀ");

        var expected = Reference($"SVD solve {size}", () =>
        {
            var x = new double[columns];
            Managed.SvdSolve(a, rows, columns, b, 1, x);
            return x;
        });
        var solved = new double[columns];
        provider.SvdSolve(a, rows, columns, b, 1, solved);
        Close(expected, solved, 1e-9, what: "SvdSolve");
    }

    [Fact]
    public void SinglePrecisionAndComplexGoToTheManagedProvider()
    {
        ILinearAlgebraProvider provider = LinearAlgebraBackend.Default;
        float[] x = [1f, 2f, 3f], y = [4f, 5f, 6f];
        Assert.Equal(32f, ((ILinearAlgebraProvider<float>)provider).DotProduct(x, y));
        Complex[] u = [new(1, 1), new(0, 2)];
        var product = new Complex[1];
        ((ILinearAlgebraProvider<Complex>)provider).MatrixMultiply(u, 1, 2, u, 2, 1, product);
        Assert.Equal(new Complex(-4, 2), product[0]); // (1+i)² + (2i)²
        var sum = new MathNet.Numerics.Complex32[1];
        ((ILinearAlgebraProvider<MathNet.Numerics.Complex32>)provider).AddArrays([new(1, 2)], [new(3, 4)], sum);
        Assert.Equal(new MathNet.Numerics.Complex32(4, 6), sum[0]);
    }

    private static double[] Identity(int order)
    {
        var identity = new double[order * order];
        for (int i = 0; i < order; i++)
            identity[i * order + i] = 1.0;
        return identity;
    }
}
