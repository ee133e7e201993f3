using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Generators.Tests;

public sealed class ArgumentCheckTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(0)]
    public void GradientOfTheWrongLengthIsRejectedByName(int length)
    {
        IGeneratedDerivatives f = new ForLoopSumCase();
        double[] x = [0.3, -1.2, 0.5, 2.0];
        var e = Assert.Throws<ArgumentException>(() => f.EvaluateGradient(x, new double[length]));
        Assert.Equal("gradient", e.ParamName);
        Assert.Contains($"gradient has length {length}; expected the length of x, 4.", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void DirectionOfTheWrongLengthIsRejectedByName(int length)
    {
        IGeneratedDerivatives f = new ForLoopSumCase();
        double[] x = [0.3, -1.2, 0.5, 2.0];
        var e = Assert.Throws<ArgumentException>(() => f.EvaluateDirectionalDerivative(x, new double[length], out _));
        Assert.Equal("direction", e.ParamName);
        Assert.Contains($"direction has length {length}; expected the length of x, 4.", e.Message);
    }

    [Theory]
    [InlineData("direction", 3, 4, 4)]
    [InlineData("gradient", 4, 5, 4)]
    [InlineData("hessianVector", 4, 4, 1)]
    public void SecondOrderAdjointCodeRejectsAnArgumentOfTheWrongLengthByName(string name, int direction, int gradient, int hessianVector)
    {
        IGeneratedDerivatives f = new ForLoopSumCase();
        double[] x = [0.3, -1.2, 0.5, 2.0];
        var e = Assert.Throws<ArgumentException>(() => f.EvaluateHessianVector(x, new double[direction], new double[gradient], new double[hessianVector]));
        Assert.Equal(name, e.ParamName);
        Assert.Contains("expected the length of x, 4", e.Message);
    }

    [Fact]
    public void StaticMethodsNameTheirOwnParameterInTheMessage()
    {
        double[] values = [1.0, 2.0];
        var gradient = Assert.Throws<ArgumentException>(() => StaticFunctions.BowlGradient(values, new double[3]));
        Assert.Equal("gradient", gradient.ParamName);
        Assert.Contains("expected the length of values, 2.", gradient.Message);
        var direction = Assert.Throws<ArgumentException>(() => StaticFunctions.BowlDirectionalDerivative(values, new double[1], out _));
        Assert.Equal("direction", direction.ParamName);
        Assert.Contains("expected the length of values, 2.", direction.Message);
    }

    [Fact]
    public void ProblemLibraryGradientIsCheckedToo()
    {
        var problem = (IGeneratedDerivatives)ProblemLibrary.ExtendedRosenbrock(4);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => problem.EvaluateGradient(new double[4], new double[2])).ParamName);
        Assert.Equal("direction", Assert.Throws<ArgumentException>(() => problem.EvaluateDirectionalDerivative(new double[4], new double[6], out _)).ParamName);
    }

    [Fact]
    public void EveryGradientEntryIsOverwritten()
    {
        IGeneratedDerivatives f = new LoopInsideIfCase();
        double[] x = [-1.5, 0.4, -2.0];
        var clean = new double[3];
        var dirty = new[] { double.NaN, 1e300, -7.0 };
        f.EvaluateGradient(x, clean);
        f.EvaluateGradient(x, dirty);
        Assert.Equal(clean, dirty);
        double[] v = [0.5, -1.0, 2.0], cleanProduct = new double[3], dirtyProduct = [double.NaN, -1e300, 3.0];
        dirty = [double.NaN, 1e300, -7.0];
        f.EvaluateHessianVector(x, v, clean, cleanProduct);
        f.EvaluateHessianVector(x, v, dirty, dirtyProduct);
        Assert.Equal(clean, dirty);
        Assert.Equal(cleanProduct, dirtyProduct);
    }
}
