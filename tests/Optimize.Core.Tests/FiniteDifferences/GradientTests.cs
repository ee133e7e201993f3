using Optimize.Analytic;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using static Optimize.Core.Tests.FiniteDifferences.TestFunctions;

namespace Optimize.Core.Tests.FiniteDifferences;

public class GradientTests
{
    [Theory]
    [InlineData(FiniteDifferenceMethod.Forward, 1e-6)]
    [InlineData(FiniteDifferenceMethod.Backward, 1e-6)]
    [InlineData(FiniteDifferenceMethod.Central, 1e-9)]
    [InlineData(FiniteDifferenceMethod.Ridders, 1e-12)]
    public void GradientMatchesHandCodedGradientWithinTheMethodsAccuracy(FiniteDifferenceMethod method, double tolerance)
    {
        var gradient = new double[4];
        FiniteDifference.Gradient(Smooth, Point, gradient, With(method));
        Assert.True(RelativeError(gradient, SmoothGradient(Point)) < tolerance,
            $"{method}: error {RelativeError(gradient, SmoothGradient(Point)):G3}");
    }

    [Fact]
    public void CentralIsMoreAccurateThanForwardWhichIsAsAccurateAsBackward()
    {
        var exact = SmoothGradient(Point);
        double Error(FiniteDifferenceMethod method)
        {
            var g = new double[4];
            FiniteDifference.Gradient(Smooth, Point, g, With(method));
            return RelativeError(g, exact);
        }
        Assert.True(Error(FiniteDifferenceMethod.Central) < Error(FiniteDifferenceMethod.Forward) / 100);
        Assert.True(Error(FiniteDifferenceMethod.Central) < Error(FiniteDifferenceMethod.Backward) / 100);
        Assert.True(Error(FiniteDifferenceMethod.Ridders) < Error(FiniteDifferenceMethod.Central));
    }

    [Theory]
    [InlineData(FiniteDifferenceMethod.Forward, 10, 11)]
    [InlineData(FiniteDifferenceMethod.Backward, 10, 11)]
    [InlineData(FiniteDifferenceMethod.Central, 10, 20)]
    [InlineData(FiniteDifferenceMethod.Forward, 1, 2)]
    [InlineData(FiniteDifferenceMethod.Central, 1, 2)]
    public void GradientCostsTheTextbookNumberOfEvaluations(FiniteDifferenceMethod method, int n, int expected)
    {
        var counted = CountingObjective.Wrap(AnalyticObjective.Create(n, (ValueFunction)SumOfCubes));
        FiniteDifference.Gradient(counted, Spread(n), new double[n], With(method));
        Assert.Equal(expected, counted.Counts.Values);
    }

    [Theory]
    [InlineData(FiniteDifferenceMethod.Forward)]
    [InlineData(FiniteDifferenceMethod.Backward)]
    public void OneSidedGradientCostsNEvaluationsWhenTheValueIsKnown(FiniteDifferenceMethod method)
    {
        const int n = 10;
        var x = Spread(n);
        var counted = CountingObjective.Wrap(AnalyticObjective.Create(n, (ValueFunction)SumOfCubes));
        double value = SumOfCubes(x);
        var known = new double[n];
        FiniteDifference.Gradient(counted, x, value, known, With(method));
        Assert.Equal(n, counted.Counts.Values);
        var unknown = new double[n];
        FiniteDifference.Gradient(SumOfCubes, x, unknown, With(method));
        Assert.Equal(unknown, known);
    }

    [Fact]
    public void RiddersCostsAtMostTwiceTheTableauSizePerCoordinateOnASmoothFunction()
    {
        const int n = 5;
        var counted = CountingObjective.Wrap(AnalyticObjective.Create(n, (ValueFunction)Smooth5));
        FiniteDifference.Gradient(counted, Spread(n), new double[n], With(FiniteDifferenceMethod.Ridders));
        Assert.InRange(counted.Counts.Values, 2 * 2 * n, 2 * 10 * n);
    }

    [Fact]
    public void DerivativeOfExpByRiddersIsAccurateToRoundOffAndItsErrorEstimateIsHonest()
    {
        var estimate = FiniteDifference.Derivative(Math.Exp, 1.0, With(FiniteDifferenceMethod.Ridders));
        double error = Math.Abs(estimate.Value - Math.E);
        Assert.True(error < 1e-13, $"error {error:G3}");
        Assert.True(estimate.ErrorEstimate < 1e-11, $"estimate {estimate.ErrorEstimate:G3}");
        Assert.True(error <= 10 * estimate.ErrorEstimate + 1e-15, $"error {error:G3} vs estimate {estimate.ErrorEstimate:G3}");
    }

    [Theory]
    [InlineData(FiniteDifferenceMethod.Forward)]
    [InlineData(FiniteDifferenceMethod.Backward)]
    [InlineData(FiniteDifferenceMethod.Central)]
    [InlineData(FiniteDifferenceMethod.Ridders)]
    public void ErrorEstimatesBoundTheActualErrorOfEachComponent(FiniteDifferenceMethod method)
    {
        var g = new double[4];
        var errors = new double[4];
        FiniteDifference.GradientWithErrors(Smooth, Point, g, errors, With(method));
        var exact = SmoothGradient(Point);
        for (int i = 0; i < 4; i++)
        {
            double actual = Math.Abs(g[i] - exact[i]);
            Assert.True(actual <= 10 * errors[i] + 1e-14, $"{method} g[{i}]: error {actual:G3}, estimate {errors[i]:G3}");
            Assert.True(errors[i] < 1e-4 * Math.Max(1, Math.Abs(exact[i])), $"{method} g[{i}]: estimate {errors[i]:G3} is uselessly loose");
        }
    }

    [Fact]
    public void DefaultStepsScaleWithTheCoordinateAndAreExactlyRepresentable()
    {
        foreach (double x in new[] { 0.0, 0.1, 1.0, -3.7, 1234.5678, 1e-300 })
            foreach (var method in Enum.GetValues<FiniteDifferenceMethod>())
            {
                double h = StepSize.For(x, With(method), StepSize.DefaultRelativeStep(method));
                Assert.Equal(h, (x + h) - x);
                double intended = StepSize.DefaultRelativeStep(method) * Math.Max(1, Math.Abs(x));
                Assert.InRange(h / intended, 0.99, 1.01);
            }
    }

    [Fact]
    public void UserSetAbsoluteAndRelativeStepsAreUsed()
    {
        var absolute = new FiniteDifferenceOptions { AbsoluteStep = 1e-3, RepresentableSteps = false };
        var relative = new FiniteDifferenceOptions { RelativeStep = 1e-3, RepresentableSteps = false };
        Assert.Equal(1e-3, StepSize.For(500, absolute, 1));
        Assert.Equal(0.5, StepSize.For(500, relative, 1));
        Assert.Equal(1e-3, StepSize.For(0.2, relative, 1));
        // A forward difference of x² with step h is exactly 2x + h.
        var g = new double[1];
        FiniteDifference.Gradient(x => x[0] * x[0], [3.0], g, absolute with { Method = FiniteDifferenceMethod.Forward, AbsoluteStep = 0.25 });
        Assert.Equal(6.25, g[0]);
    }

    [Fact]
    public void NonFiniteValueAtAPerturbedPointNamesTheCoordinateAndStep()
    {
        // log(x₁) is finite at x₁ = 1e−7 but not at x₁ − h with the central step h ≈ 6e−6.
        ValueFunction f = x => x[0] * x[0] + Math.Log(x[1]);
        var error = Assert.Throws<NonFiniteValueException>(() => FiniteDifference.Gradient(f, [2.0, 1e-7], new double[2]));
        Assert.Equal(1, error.Coordinate);
        Assert.Equal(-StepSize.For(1e-7, FiniteDifferenceOptions.Default, StepSize.CentralRelativeStep), error.Step);
        Assert.Contains("coordinate 1", error.Message);
        Assert.Contains("step h = -6.05", error.Message);
        Assert.True(double.IsNaN(error.Value));
    }

    [Fact]
    public void DimensionMismatchesAreRejectedWithTheArgumentsName()
    {
        var e = Assert.Throws<ArgumentException>(() => FiniteDifference.Gradient(Smooth, Point, new double[3]));
        Assert.Equal("gradient", e.ParamName);
        var o = Assert.Throws<ArgumentException>(() =>
            FiniteDifference.Gradient(SmoothObjective(), new double[3], new double[3]));
        Assert.Equal("x", o.ParamName);
    }

    [Fact]
    public void NonFiniteValueAtXGivesANaNGradientRatherThanAnException()
    {
        var g = new double[2];
        FiniteDifference.Gradient(_ => double.NaN, [1.0, 2.0], g, With(FiniteDifferenceMethod.Forward));
        Assert.All(g, v => Assert.True(double.IsNaN(v)));
    }

    private static double Smooth5(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += Math.Exp(0.3 * x[i]) * Math.Cos(x[(i + 1) % x.Length]);
        return s;
    }

    private static double SumOfCubes(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += (i + 1) * x[i] * x[i] * x[i];
        return s;
    }
}
