using Optimize.FiniteDifferences;

namespace Optimize.Core.Tests.FiniteDifferences;

/// <summary>The error-versus-step curve of the lecture's example f(x) = sin(x²) at x = 2.</summary>
public class ErrorCurveTests
{
    private static double F(double x) => Math.Sin(x * x);

    private const double X = 2.0;
    private static readonly double Derivative = 2 * X * Math.Cos(X * X);
    private static readonly double Second = 2 * Math.Cos(X * X) - 4 * X * X * Math.Sin(X * X);
    private static readonly double Third = -12 * X * Math.Sin(X * X) - 8 * X * X * X * Math.Cos(X * X);

    [Fact]
    public void ErrorCurveOfSinSquareHasAVShapeForBothMethods()
    {
        var curve = DifferenceErrorCurve.Compute(F, X, Derivative);
        Assert.Equal(15 * 4 + 1, curve.Points.Count);
        Assert.Equal(1e-1, curve.Points[0].Step);
        Assert.Equal(1e-16, curve.Points[^1].Step, 1e-28);

        // Both ends lie far above the bottom: truncation on the left, round-off on the right.
        double forwardBottom = curve.BestForward.ForwardError, centralBottom = curve.BestCentral.CentralError;
        Assert.True(curve.Points[0].ForwardError > 1e5 * forwardBottom);
        Assert.True(curve.Points[^1].ForwardError > 1e5 * forwardBottom);
        Assert.True(curve.Points[0].CentralError > 1e6 * centralBottom);
        Assert.True(curve.Points[^1].CentralError > 1e6 * centralBottom);

        // On the truncation branch the error falls like h (forward) and h² (central): per decade ×10 and ×100.
        var large = curve.Points.Where(p => p.Step is <= 1e-2 and >= 1e-4).ToArray();
        double forwardSlope = Math.Log10(large[0].ForwardError / large[^1].ForwardError) / Math.Log10(large[0].Step / large[^1].Step);
        double centralSlope = Math.Log10(large[0].CentralError / large[^1].CentralError) / Math.Log10(large[0].Step / large[^1].Step);
        Assert.InRange(forwardSlope, 0.9, 1.1);
        Assert.InRange(centralSlope, 1.9, 2.1);

        // Central differences reach a much lower floor than forward ones (≈ ε^⅔ against ≈ ε^½).
        Assert.True(centralBottom < forwardBottom / 100);
    }

    [Fact]
    public void ObservedBestStepLiesNearTheTheoreticalOptimum()
    {
        // Theory: forward h* = 2√(ε_f/|f″|) ≈ 1.6e−8, central h* = ∛(3ε_f/|f‴|) ≈ 3.2e−6, with ε_f = ε(|f| + |x f′|).
        // The error bound is flat near h* (within 2× over a decade either side) and the observed round-off
        // is a random fraction of its bound, so the observed minimum wanders by about a decade: a factor 30
        // accepts that scatter while still rejecting a minimum on the wrong branch (10³ away or more).
        var curve = DifferenceErrorCurve.Compute(F, X, Derivative,
            new ErrorCurveOptions { PointsPerDecade = 8, SecondDerivative = Second, ThirdDerivative = Third });
        Assert.InRange(curve.OptimalForwardStep, 1e-8, 3e-8);
        Assert.InRange(curve.OptimalCentralStep, 2e-6, 5e-6);
        Assert.InRange(curve.BestForward.Step / curve.OptimalForwardStep, 1.0 / 30, 30);
        Assert.InRange(curve.BestCentral.Step / curve.OptimalCentralStep, 1.0 / 30, 30);

        // The smallest error observed is close to the bound at h*: h*|f″| for forward, and ε_f/h*·(3/2) for central.
        Assert.InRange(curve.BestForward.ForwardError, 1e-3 * curve.OptimalForwardStep * Math.Abs(Second), 2 * curve.OptimalForwardStep * Math.Abs(Second));
    }

    [Fact]
    public void EstimatedHigherDerivativesAgreeWithTheExactOnes()
    {
        var curve = DifferenceErrorCurve.Compute(F, X, Derivative);
        Assert.Equal(Math.Abs(Second), curve.SecondDerivative, Math.Abs(Second) * 1e-5);
        Assert.Equal(Math.Abs(Third), curve.ThirdDerivative, Math.Abs(Third) * 1e-3);
        Assert.Contains("optimal h", curve.ToString());
    }

    [Fact]
    public void PointsPerDecadeIsConfigurableAndValidated()
    {
        var curve = DifferenceErrorCurve.Compute(F, X, Derivative, new ErrorCurveOptions { PointsPerDecade = 2, LargestStep = 1e-2, SmallestStep = 1e-12 });
        Assert.Equal(21, curve.Points.Count);
        Assert.Throws<ArgumentException>(() => DifferenceErrorCurve.Compute(F, X, Derivative, new ErrorCurveOptions { PointsPerDecade = 0 }));
        Assert.Throws<ArgumentException>(() => DifferenceErrorCurve.Compute(F, X, Derivative, new ErrorCurveOptions { SmallestStep = 1 }));
        Assert.Throws<ArgumentException>(() => DifferenceErrorCurve.Compute(F, double.NaN, Derivative));
    }
}
