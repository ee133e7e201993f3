using Optimize.AutoDiff.Tensors;
using Optimize.AutoDiff.Reverse;

namespace Optimize.AutoDiff.Tests.Tensors;

/// <summary>Bad shapes and misuse are refused with exceptions that name the argument.</summary>
public class TensorTapeInputTests
{
    private static (TensorTape Tape, Tensor A, Tensor B) TwoByThreeAndThreeByTwo()
    {
        var tape = new TensorTape();
        tape.Begin();
        return (tape, tape.Parameter(new double[6], 2, 3), tape.Parameter(new double[6], 3, 2));
    }

    [Fact]
    public void MatrixProductWithMismatchedInnerDimensionsIsRefused()
    {
        var (tape, a, b) = TwoByThreeAndThreeByTwo();
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => tape.MatrixProduct(a, b, transposeB: true)).ParamName);
        Assert.Equal(2, tape.MatrixProduct(a, b).Rows);
    }

    [Fact]
    public void ElementwiseOperationsRefuseShapesThatDoNotBroadcast()
    {
        var (tape, a, b) = TwoByThreeAndThreeByTwo();
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => a + b).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => tape.Dot(a, b)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => tape.Concatenate(a, b, TensorAxis.Rows)).ParamName);
    }

    [Fact]
    public void SlicesOutsideTheTensorAndWrongReshapesAreRefused()
    {
        var (tape, a, _) = TwoByThreeAndThreeByTwo();
        Assert.Equal("row", Assert.Throws<ArgumentOutOfRangeException>(() => tape.Slice(a, 1, 0, 2, 1)).ParamName);
        Assert.Equal("column", Assert.Throws<ArgumentOutOfRangeException>(() => a[0, 3]).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => tape.Reshape(a, 4, 2)).ParamName);
    }

    [Fact]
    public void ParametersOfTheWrongLengthAndForeignTensorsAreRefused()
    {
        var (tape, a, _) = TwoByThreeAndThreeByTwo();
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => tape.Parameter(new double[5], 2, 3)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => tape.Parameter([], 0, 3)).ParamName);
        var other = new TensorTape();
        other.Begin();
        Assert.Equal("tensor", Assert.Throws<ArgumentException>(() => other.Relu(a)).ParamName);
        Assert.Equal("tensor", Assert.Throws<ArgumentException>(() => tape.Relu(default)).ParamName);
    }

    [Fact]
    public void AdjointsAndTangentsAreRefusedWhereTheyDoNotExist()
    {
        var (tape, a, _) = TwoByThreeAndThreeByTwo();
        var loss = tape.SquaredNorm(a);
        Assert.Throws<InvalidOperationException>(() => tape.Adjoint(a));
        Assert.Throws<InvalidOperationException>(() => tape.Tangent(a));
        Assert.Throws<InvalidOperationException>(() => tape.Backward(a));
        tape.Backward(loss);
        Assert.Equal(6, tape.Adjoint(a).Length);
        var constant = tape.Constant(1.5);
        Assert.Throws<InvalidOperationException>(() => tape.Adjoint(constant));
        Assert.Throws<InvalidOperationException>(() => new TensorTape().Constant(1.0));
    }
}
