using MathNet.Numerics.LinearAlgebra;
using Optimize.Analytic;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using static Optimize.Core.Tests.FiniteDifferences.TestFunctions;

namespace Optimize.Core.Tests.FiniteDifferences;

public class HessianTests
{
    [Theory]
    [InlineData(FiniteDifferenceMethod.Forward, 1e-6, 5)]
    [InlineData(FiniteDifferenceMethod.Backward, 1e-6, 5)]
    [InlineData(FiniteDifferenceMethod.Central, 1e-9, 8)]
    public void HessianFromGradientDifferencesIsSymmetricAndCostsTheTextbookNumberOfGradients(
        FiniteDifferenceMethod method, double tolerance, int gradients)
    {
        var counted = CountingObjective.Wrap((IGradientObjective)SmoothObjective());
        var hessian = Matrix<double>.Build.Dense(4, 4);
        FiniteDifference.Hessian(counted, Point, hessian, With(method));
        Assert.True(hessian.IsSymmetric());
        Assert.True(RelativeError(hessian, SmoothHessianAt(Point)) < tolerance);
        Assert.Equal(gradients, counted.Counts.Gradients);
    }

    [Fact]
    public void HessianFromValuesBySecondDifferencesCostsTwoNSquaredPlusOneValues()
    {
        var counted = CountingObjective.Wrap(AnalyticObjective.Create(4, (ValueFunction)Smooth));
        var hessian = Matrix<double>.Build.Dense(4, 4);
        FiniteDifferenceObjective.Create(counted).Hessian(Point, hessian);
        Assert.True(hessian.IsSymmetric());
        Assert.True(RelativeError(hessian, SmoothHessianAt(Point)) < 1e-7);
        Assert.Equal(2 * 4 * 4 + 1, counted.Counts.Values);

        var sparseStorage = Matrix<double>.Build.Sparse(4, 4);
        FiniteDifference.HessianFromValues(Smooth, Point, sparseStorage);
        Assert.Equal(hessian.ToArray(), sparseStorage.ToArray());
    }

    [Theory]
    [InlineData(FiniteDifferenceMethod.Forward, 1e-6, 2)]
    [InlineData(FiniteDifferenceMethod.Central, 1e-9, 2)]
    public void HessianVectorProductFromGradientDifferencesCostsTwoGradients(FiniteDifferenceMethod method, double tolerance, int gradients)
    {
        var counted = CountingObjective.Wrap((IGradientObjective)SmoothObjective());
        double[] v = [0.3, -1.0, 0.5, 2.0];
        var result = new double[4];
        FiniteDifference.HessianVector(counted, Point, v, result, With(method));
        var expected = (SmoothHessianAt(Point) * Vector<double>.Build.Dense(v)).ToArray();
        Assert.True(RelativeError(result, expected) < tolerance, $"{RelativeError(result, expected):G3}");
        Assert.Equal(gradients, counted.Counts.Gradients);
    }

    [Fact]
    public void HessianVectorProductAlongZeroIsZeroWithoutEvaluations()
    {
        var counted = CountingObjective.Wrap((IGradientObjective)SmoothObjective());
        var result = new double[] { 1, 1, 1, 1 };
        FiniteDifference.HessianVector(counted, Point, new double[4], result);
        Assert.All(result, r => Assert.Equal(0, r));
        Assert.Equal(0, counted.Counts.Gradients);
    }

    [Fact]
    public void ValueOnlyHessianVectorProductCostsFourNValuesPlusOne()
    {
        var counted = CountingObjective.Wrap(AnalyticObjective.Create(4, (ValueFunction)Smooth));
        var provider = FiniteDifferenceObjective.Create(counted);
        double[] v = [0.3, -1.0, 0.5, 2.0];
        var result = new double[4];
        provider.HessianVector(Point, v, result);
        var expected = (SmoothHessianAt(Point) * Vector<double>.Build.Dense(v)).ToArray();
        Assert.True(RelativeError(result, expected) < 1e-7, $"{RelativeError(result, expected):G3}");
        Assert.Equal(4 * 4 + 1, counted.Counts.Values);
    }

    [Theory]
    [InlineData(FiniteDifferenceMethod.Forward)]
    [InlineData(FiniteDifferenceMethod.Central)]
    public void SparseHessianOfAChainedFunctionNeedsOneGradientDifferencePerColour(FiniteDifferenceMethod method)
    {
        const int n = 60;
        var problem = Chained(n);
        var x = Spread(n, -0.5, 0.03);
        var counted = CountingObjective.Wrap((IGradientObjective)problem);
        var options = new FiniteDifferenceOptions { Method = method, Sparsity = SparsityPattern.Banded(n, n, 1, 1) };
        var provider = FiniteDifferenceObjective.FromGradient(counted, options);
        var hessian = Matrix<double>.Build.Sparse(n, n);
        provider.Hessian(x, hessian);

        var exact = Matrix<double>.Build.Dense(n, n);
        problem.Hessian(x, exact);
        Assert.Equal(3, provider.Coloring!.ColorCount);
        Assert.Equal(method == FiniteDifferenceMethod.Central ? 6 : 4, counted.Counts.Gradients);
        Assert.True(hessian.IsSymmetric());
        Assert.True(RelativeError(hessian, exact) < (method == FiniteDifferenceMethod.Central ? 1e-8 : 1e-6));

        var dense = Matrix<double>.Build.Dense(n, n);
        FiniteDifferenceObjective.FromGradient(problem, options with { Sparsity = null }).Hessian(x, dense);
        Assert.True(RelativeError(hessian, dense) < 1e-6);
    }

    [Fact]
    public void AsymmetricHessianPatternIsRejected()
    {
        var options = new FiniteDifferenceOptions { Sparsity = SparsityPattern.Banded(5, 5, 0, 1) };
        var e = Assert.Throws<ArgumentException>(() => FiniteDifferenceObjective.FromGradient(Chained(5), options));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("not symmetric", e.Message);
    }

    [Fact]
    public void ValueOnlyObjectiveRejectsASparsityPattern()
    {
        var options = new FiniteDifferenceOptions { Sparsity = SparsityPattern.Banded(4, 4, 1, 1) };
        Assert.Throws<ArgumentException>(() => FiniteDifferenceObjective.Create(4, Smooth, options));
    }

    [Fact]
    public void NonFiniteValueAtXGivesNaNDerivativesFromTheAdapters()
    {
        var provider = FiniteDifferenceObjective.Create(2, x => x[0] < 0 ? double.NaN : x[0] * x[1]);
        var gradient = new double[2];
        Assert.True(double.IsNaN(provider.ValueAndGradient([-1.0, 2.0], gradient)));
        Assert.All(gradient, g => Assert.True(double.IsNaN(g)));
        var product = new double[2];
        provider.HessianVector([-1.0, 2.0], [1.0, 0.0], product);
        Assert.All(product, g => Assert.True(double.IsNaN(g)));

        var fromGradient = FiniteDifferenceObjective.FromGradient(AnalyticObjective.Create(2,
            (x, g) => { g[0] = double.NaN; g[1] = 0; return double.NaN; }), With(FiniteDifferenceMethod.Forward));
        var hessian = Matrix<double>.Build.Dense(2, 2);
        fromGradient.Hessian([1.0, 1.0], hessian);
        Assert.All(hessian.Enumerate(), h => Assert.True(double.IsNaN(h)));
    }
}
