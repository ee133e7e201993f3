using MathNet.Numerics.LinearAlgebra;
using Optimize.Analytic;
using Optimize.Oracles;

namespace Optimize.Core.Tests.Analytic;

public class AnalyticObjectiveTests
{
    private static double Square(ReadOnlySpan<double> x) => x[0] * x[0] + 3 * x[1] * x[1];

    private static double SquareWithGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        g[0] = 2 * x[0];
        g[1] = 6 * x[1];
        return Square(x);
    }

    private static void SquareHessian(ReadOnlySpan<double> x, Matrix<double> h)
    {
        h.Clear();
        h[0, 0] = 2;
        h[1, 1] = 6;
    }

    [Fact]
    public void ValueOnlyObjectiveIsNotAGradientObjective()
    {
        var objective = AnalyticObjective.Create(2, Square);
        Assert.Equal(13, objective.Value([1, 2]));
        Assert.IsNotAssignableFrom<IGradientObjective>(objective);
    }

    [Fact]
    public void ArrayDelegateIsAccepted()
    {
        var objective = AnalyticObjective.FromArrayFunction(2, x => x.Sum());
        Assert.Equal(3, objective.Value([1, 2]));
    }

    [Fact]
    public void SeparateValueAndGradientDelegatesGiveAFusedCall()
    {
        var objective = AnalyticObjective.Create(2, Square, (x, g) => SquareWithGradient(x, g));
        var g = new double[2];
        Assert.Equal(13, objective.ValueAndGradient([1, 2], g));
        Assert.Equal([2.0, 12.0], g);
    }

    [Fact]
    public void FusedDelegateAloneGivesValuesToo()
    {
        var objective = AnalyticObjective.Create(2, SquareWithGradient);
        Assert.Equal(13, objective.Value([1, 2]));
    }

    [Fact]
    public void HessianVectorProductsComeFromTheHessianWhenNotGiven()
    {
        var objective = AnalyticObjective.Create(2, Square, SquareWithGradient, SquareHessian);
        var hv = new double[2];
        objective.HessianVector([1, 2], [1, 1], hv);
        Assert.Equal([2.0, 6.0], hv);
        var h = Matrix<double>.Build.Dense(2, 2);
        objective.Hessian([1, 2], h);
        Assert.Equal(6, h[1, 1]);
    }

    [Fact]
    public void ExplicitHessianVectorDelegateIsUsed()
    {
        var objective = AnalyticObjective.Create(2, Square, SquareWithGradient, (x, v, r) => { r[0] = 2 * v[0]; r[1] = 6 * v[1]; });
        var hv = new double[2];
        objective.HessianVector([0, 0], [1, -1], hv);
        Assert.Equal([2.0, -6.0], hv);
        Assert.IsNotAssignableFrom<IHessianObjective>(objective);
    }

    [Fact]
    public void BadArgumentsAreRejectedByName()
    {
        Assert.Equal("dimension", Assert.Throws<ArgumentOutOfRangeException>(() => AnalyticObjective.Create(0, Square)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => AnalyticObjective.Create(2, (ValueFunction)null!)).ParamName);
        var objective = AnalyticObjective.Create(2, Square, SquareWithGradient, SquareHessian);
        var error = Assert.Throws<ArgumentException>(() => objective.Value([1, 2, 3]));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("length 3; expected length 2", error.Message);
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => objective.HessianVector([1, 2], [1, 2], new double[3])).ParamName);
    }

    [Fact]
    public void GuardNamesTheFirstNonFiniteEntry()
    {
        var error = Assert.Throws<ArgumentException>(() => Guard.Finite([1, double.NaN], "x0"));
        Assert.Equal("x0", error.ParamName);
        Assert.Contains("x0[1] is NaN", error.Message);
    }
}
