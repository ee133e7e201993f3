using MathNet.Numerics.Providers.LinearAlgebra;
using Optimize.LinearAlgebra;

namespace Optimize.Core.Tests.LinearAlgebra;

/// <summary>Theory data over the native backends, and the helpers every linear-algebra test shares.</summary>
public static class Backends
{
    public static readonly LinearAlgebraBackendKind[] Native = [LinearAlgebraBackendKind.Mkl, LinearAlgebraBackendKind.OpenBlas];

    public static readonly int[] AwkwardSizes = [1, 7, 129, 500];

    public static TheoryData<LinearAlgebraBackendKind> Kinds => new(Native);

    public static TheoryData<LinearAlgebraBackendKind, int> KindsAndSizes
    {
        get
        {
            var data = new TheoryData<LinearAlgebraBackendKind, int>();
            foreach (var kind in Native)
                foreach (int size in AwkwardSizes)
                    data.Add(kind, size);
            return data;
        }
    }

    /// <summary>The native backends and the managed one, whose span routines are Optimize's own code.</summary>
    public static TheoryData<LinearAlgebraBackendKind, int> AllKindsAndSizes
    {
        get
        {
            var data = KindsAndSizes;
            foreach (int size in AwkwardSizes)
                data.Add(LinearAlgebraBackendKind.Managed, size);
            return data;
        }
    }

    /// <summary>
    /// The provider for <paramref name="kind"/>, or null after asserting the managed fallback report when the
    /// library is not installed: every theory case then still checks something.
    /// </summary>
    public static NativeLinearAlgebraProvider? NativeOrAssertFallback(LinearAlgebraBackendKind kind)
    {
        var provider = LinearAlgebraBackend.Create(new LinearAlgebraOptions { Backend = kind });
        if (LinearAlgebraBackend.IsAvailable(kind))
        {
            Assert.Equal(kind, provider.Backend);
            return provider;
        }
        var description = provider.Describe();
        Assert.Equal(LinearAlgebraBackendKind.Managed, description.Backend);
        Assert.Null(description.LibraryPath);
        Assert.Empty(description.NativeOperations);
        Assert.Contains("falling back to MathNet's managed provider", description.Selection);
        return null;
    }

    public static double[] Random(Random random, int length)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
            values[i] = 2.0 * random.NextDouble() - 1.0;
        return values;
    }

    /// <summary>A symmetric positive definite matrix BᵀB + n·I, column-major.</summary>
    public static double[] SymmetricPositiveDefinite(Random random, int order)
    {
        var b = Random(random, order * order);
        var a = new double[order * order];
        for (int j = 0; j < order; j++)
            for (int i = 0; i <= j; i++)
            {
                double sum = 0.0;
                for (int k = 0; k < order; k++)
                    sum += b[i * order + k] * b[j * order + k];
                a[j * order + i] = a[i * order + j] = sum + (i == j ? order : 0.0);
            }
        return a;
    }

    public static double[] Symmetric(Random random, int order)
    {
        var a = Random(random, order * order);
        for (int j = 0; j < order; j++)
            for (int i = 0; i < j; i++)
                a[i * order + j] = a[j * order + i];
        return a;
    }

    /// <summary>Asserts max|actual − expected| ≤ tolerance · max(1e-300, max|expected|): agreement relative to the result's scale.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance = 1e-10, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 0.0, error = 0.0;
        int worst = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            double difference = Math.Abs(actual[i] - expected[i]);
            if (!(difference <= error))
            {
                error = difference;
                worst = i;
            }
        }
        double relative = error / Math.Max(scale, 1e-300);
        Assert.True(relative <= tolerance,
            $"{what}: relative difference {relative:E2} at [{worst}] (expected {(worst >= 0 ? expected[worst] : 0)}, got {(worst >= 0 ? actual[worst] : 0)}) exceeds {tolerance:E0}.");
    }

    public static void Close(double expected, double actual, double tolerance = 1e-10, string what = "") =>
        Close([expected], [actual], tolerance, what);

    /// <summary>C = op(A)·op(B) by MathNet's managed provider, the reference of these tests.</summary>
    public static double[] Multiply(double[] a, int rowsA, int columnsA, bool transposeA, double[] b, int rowsB, int columnsB, bool transposeB)
    {
        int m = transposeA ? columnsA : rowsA, n = transposeB ? rowsB : columnsB;
        var c = new double[m * n];
        ManagedLinearAlgebraProvider.Instance.MatrixMultiplyWithUpdate(
            transposeA ? Transpose.Transpose : Transpose.DontTranspose, transposeB ? Transpose.Transpose : Transpose.DontTranspose,
            1.0, a, rowsA, columnsA, b, rowsB, columnsB, 0.0, c);
        return c;
    }
}
