using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using Optimize.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace Optimize.Core.Tests.LinearAlgebra;

/// <summary>Wrong shapes fail before any native call, with an exception that names the argument, on every backend.</summary>
public class BadShapeTests
{
    public static TheoryData<LinearAlgebraBackendKind> AllKinds =>
        new(LinearAlgebraBackendKind.Managed, LinearAlgebraBackendKind.OpenBlas, LinearAlgebraBackendKind.Mkl);

    private static NativeLinearAlgebraProvider Provider(LinearAlgebraBackendKind kind) =>
        LinearAlgebraBackend.Create(new LinearAlgebraOptions { Backend = kind });

    private static void Names(string argument, string fragment, Action call)
    {
        var error = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(argument, error.ParamName);
        Assert.Contains(fragment, error.Message);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void MatrixMultiplyRejectsMismatchedShapes(LinearAlgebraBackendKind kind)
    {
        var p = Provider(kind);
        Names("b", "op(b) has 4 rows; expected 3", () => p.MatrixMultiply(new double[6], 2, 3, new double[8], 4, 2, new double[4]));
        Names("c", "expected a 2×2 matrix", () => p.MatrixMultiply(new double[6], 2, 3, new double[6], 3, 2, new double[5]));
        Names("a", "expected a 2×3 matrix", () => p.MatrixMultiply(new double[5], 2, 3, new double[6], 3, 2, new double[4]));
        Names("b", "op(b) has 2 rows; expected 3",
            () => p.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.Transpose, 1, new double[6], 2, 3, new double[6], 3, 2, 0, new double[6]));
        Names("rowsA", "zero or more", () => p.MatrixMultiply(new double[6], -2, 3, new double[6], 3, 2, new double[4]));
        var shared = new double[4];
        Names("c", "must be different arrays", () => p.MatrixMultiply(shared, 2, 2, new double[4], 2, 2, shared));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void VectorRoutinesRejectMismatchedLengths(LinearAlgebraBackendKind kind)
    {
        var p = Provider(kind);
        Names("y", "expected length 3", () => p.Dot(new double[3], new double[4]));
        Names("y", "expected length 3", () => p.DotProduct(new double[3], new double[4]));
        Names("y", "expected length 2", () => p.Axpy(1.0, new double[2], new double[3]));
        Names("x", "expected length 3", () => p.AddVectorToScaledVector(new double[3], 1.0, new double[2], new double[3]));
        Names("result", "expected length 3", () => p.ScaleArray(2.0, new double[3], new double[2]));
        Names("x", "expected length 4", () => p.MatrixVector(false, 3, 4, 1.0, new double[12], new double[3], 0.0, new double[3]));
        Names("y", "expected length 4", () => p.MatrixVector(true, 3, 4, 1.0, new double[12], new double[3], 0.0, new double[3]));
        Names("a", "expected length 12", () => p.MatrixVector(true, 3, 4, 1.0, new double[11], new double[3], 0.0, new double[4]));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void FactorizationsRejectBadShapes(LinearAlgebraBackendKind kind)
    {
        var p = Provider(kind);
        Names("a", "expected a 3×3 matrix", () => p.CholeskyFactor(new double[8], 3));
        Names("b", "expected a 3×2 matrix", () => p.CholeskySolve(new double[9], 3, new double[5], 2));
        Names("ipiv", "expected length 3", () => p.LUFactor(new double[9], 3, new int[2]));
        Names("b", "expected a 3×1 matrix", () => p.LUSolve(1, new double[9], 3, new double[4]));
        Names("q", "expected a 4×4 matrix", () => p.QRFactor(new double[12], 4, 3, new double[12], new double[3]));
        Names("tau", "expected at least 3", () => p.QRFactor(new double[12], 4, 3, new double[16], new double[2]));
        Names("rowsA", "rowsA ≥ columnsA", () => p.ThinQRFactor(new double[12], 3, 4, new double[16], new double[4]));
        Names("rows", "rows ≥ columns", () => p.QRSolve(new double[12], 3, 4, new double[3], 1, new double[4], QRMethod.Full));
        Names("x", "expected a 3×1 matrix", () => p.QRSolve(new double[12], 4, 3, new double[4], 1, new double[4], QRMethod.Full));
        Names("vectorEv", "expected length 3", () => p.EigenDecomp(true, 3, new double[9], new double[9], new Complex[2], new double[9]));
        Names("vt", "expected a 2×2 matrix", () => p.SingularValueDecomposition(true, new double[6], 3, 2, new double[2], new double[9], new double[3]));
        Names("ipiv", "0-based row index", () => p.LUSolveFactored(1, new double[4], 2, [0, 5], new double[2]));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void CholeskyOfAnIndefiniteMatrixNamesTheMatrix(LinearAlgebraBackendKind kind)
    {
        var p = Provider(kind);
        double[] indefinite = [1, 2, 2, 1];
        var error = Assert.ThrowsAny<ArgumentException>(() => p.CholeskyFactor(indefinite, 2));
        Assert.Contains("positive definite", error.Message);
    }

    [Fact]
    public void NativeCholeskyReportsWhichMinorFailed()
    {
        foreach (var kind in Backends.Native.Where(LinearAlgebraBackend.IsAvailable))
        {
            var error = Assert.Throws<ArgumentException>(() => Provider(kind).CholeskySolve([4, 2, 0, 2, 1, 0, 0, 0, 1], 3, new double[3], 1));
            Assert.Equal("a", error.ParamName);
            Assert.Contains("leading minor of order 2", error.Message);
        }
    }

    [Fact]
    public void NaNPropagatesInsteadOfFailing()
    {
        foreach (var kind in Backends.Native)
        {
            var p = Provider(kind);
            double[] a = [double.NaN, 0, 0, 1];
            var b = new double[] { 1, 1 };
            p.LUSolve(1, a, 2, b);
            Assert.True(double.IsNaN(b[0]), $"{kind}: LU solve with a NaN entry should yield NaN, got {b[0]}.");
        }
    }
}
