using MathNet.Numerics.LinearAlgebra;
using Optimize.Analytic;
using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Core.Tests.Oracles;

public class CountingObjectiveTests
{
    [Fact]
    public void ValueAtTheSamePointIsComputedOnce()
    {
        var counted = CountingObjective.Wrap((IObjective)ProblemLibrary.Rosenbrock());
        double first = counted.Value([0.5, 0.5]);
        double second = counted.Value([0.5, 0.5]);
        Assert.Equal(first, second);
        Assert.Equal(new EvaluationCounts(1, 0, 0, 0), counted.Counts);
        counted.Value([0.5, 0.6]);
        Assert.Equal(2, counted.Counts.Values);
    }

    [Fact]
    public void GradientAfterValueAtTheSamePointIsOneFusedCall()
    {
        var counted = CountingObjective.Wrap((IGradientObjective)ProblemLibrary.Rosenbrock());
        var g = new double[2];
        counted.ValueAndGradient([0.5, 0.5], g);
        counted.ValueAndGradient([0.5, 0.5], g);
        double value = counted.Value([0.5, 0.5]);
        Assert.Equal(new EvaluationCounts(1, 1, 0, 0), counted.Counts);
        Assert.Equal(ProblemLibrary.Rosenbrock().Value([0.5, 0.5]), value);
        Assert.Equal(200 * (0.5 - 0.25), g[1], 12);
    }

    [Fact]
    public void CachedGradientIsACopyTheCallerCannotCorrupt()
    {
        var counted = CountingObjective.Wrap((IGradientObjective)ProblemLibrary.Rosenbrock());
        var g = new double[2];
        counted.ValueAndGradient([0.5, 0.5], g);
        var expected = (double[])g.Clone();
        g[0] = 1e9;
        counted.ValueAndGradient([0.5, 0.5], g);
        Assert.Equal(expected, g);
    }

    [Fact]
    public void NewValueInvalidatesTheCachedGradient()
    {
        var counted = CountingObjective.Wrap((IGradientObjective)ProblemLibrary.Rosenbrock());
        var g = new double[2];
        counted.ValueAndGradient([0.5, 0.5], g);
        counted.Value([0.1, 0.2]);
        counted.ValueAndGradient([0.1, 0.2], g);
        Assert.Equal(new EvaluationCounts(3, 2, 0, 0), counted.Counts);
        var expected = new double[2];
        ProblemLibrary.Rosenbrock().ValueAndGradient([0.1, 0.2], expected);
        Assert.Equal(expected, g);
    }

    [Fact]
    public void GradientAfterValueCountsTheValueOnce()
    {
        // A trial point judged by f, then accepted: f there was counted once, the gradient once.
        var counted = CountingObjective.Wrap((IGradientObjective)ProblemLibrary.Rosenbrock());
        var g = new double[2];
        double value = counted.Value([0.1, 0.2]);
        Assert.Equal(value, counted.GradientAfterValue([0.1, 0.2], g));
        Assert.Equal(new EvaluationCounts(1, 1, 0, 0), counted.Counts);
        var expected = new double[2];
        ProblemLibrary.Rosenbrock().ValueAndGradient([0.1, 0.2], expected);
        Assert.Equal(expected, g);
        // At a point whose f is not the cached one it is a fused call like ValueAndGradient.
        counted.GradientAfterValue([0.3, 0.2], g);
        Assert.Equal(new EvaluationCounts(2, 2, 0, 0), counted.Counts);
        counted.GradientAfterValue([0.3, 0.2], g);
        Assert.Equal(new EvaluationCounts(2, 2, 0, 0), counted.Counts);
    }

    [Fact]
    public void HessianVectorProductsAndHessiansAreCountedSeparately()
    {
        var counted = CountingObjective.Wrap((IHessianObjective)ProblemLibrary.Wood());
        var x = ProblemLibrary.Wood().StartingPoint;
        var result = new double[4];
        counted.HessianVector(x, [1, 0, 0, 0], result);
        counted.HessianVector(x, [0, 1, 0, 0], result);
        counted.Hessian(x, Matrix<double>.Build.Dense(4, 4));
        Assert.Equal(new EvaluationCounts(0, 0, 2, 1), counted.Counts);
        Assert.Equal("f: 0, ∇f: 0, ∇²f·v: 2, ∇²f: 1", counted.Counts.ToString());
    }

    [Fact]
    public void SinceGivesTheCallsBetweenTwoSnapshots()
    {
        var counted = CountingObjective.Wrap((IObjective)ProblemLibrary.Beale());
        counted.Value([1, 1]);
        var before = counted.Counts;
        counted.Value([1, 2]);
        counted.Value([1, 3]);
        Assert.Equal(new EvaluationCounts(2, 0, 0, 0), counted.Counts.Since(before));
    }

    [Fact]
    public void WrongDimensionsAreRejectedByName()
    {
        var counted = CountingObjective.Wrap((IHessianObjective)ProblemLibrary.Beale());
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => counted.Value(new double[3])).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => counted.ValueAndGradient(new double[2], new double[1])).ParamName);
        Assert.Equal("v", Assert.Throws<ArgumentException>(() => counted.HessianVector(new double[2], new double[3], new double[2])).ParamName);
        var error = Assert.Throws<ArgumentException>(() => counted.Hessian(new double[2], Matrix<double>.Build.Dense(2, 3)));
        Assert.Equal("hessian", error.ParamName);
        Assert.Contains("expected 2×2", error.Message);
    }

    [Fact]
    public void WrapKeepsTheCapabilitiesOfTheStaticType()
    {
        IObjective valueOnly = AnalyticObjective.Create(1, x => x[0] * x[0]);
        Assert.IsNotAssignableFrom<IGradientObjective>(CountingObjective.Wrap(valueOnly));
        Assert.IsAssignableFrom<IHessianObjective>(CountingObjective.Wrap((IHessianObjective)ProblemLibrary.Wood()));
    }
}
