using Optimize.Constraints;
using Optimize.Problems;
using Optimize.Solvers.LeastSquares;
using Optimize.Solvers.Methods;

namespace Optimize.Solvers.Tests.LeastSquares;

public class LeastSquaresMethodsTests
{
    [Fact]
    public void EveryMethodSolvesRosenbrockFromTheCatalogue()
    {
        Assert.Equal(["levenberg-marquardt", "trust-region-reflective"], LeastSquaresMethods.Names);
        foreach (var method in LeastSquaresMethods.All)
        {
            var result = method.Solve(new SumOfSquaresResiduals(new RosenbrockResiduals(2)), [-1.2, 1]);
            Assert.True(result.Converged, result.Message);
            Assert.Equal(method.Name, result.Method);
            Assert.True(result.Cost < 1e-14);
        }
        Assert.Equal(TrustRegionReflective.MethodName, LeastSquaresMethods.Default.Name);
    }

    [Fact]
    public void UnknownNamesAndUnsupportedBoundsThrow()
    {
        Assert.Contains("levenberg-marquardt", Assert.Throws<ArgumentException>(() => LeastSquaresMethods.Get("gauss")).Message);
        var lm = LeastSquaresMethods.Get("Levenberg-Marquardt");
        Assert.False(lm.SupportsBounds);
        Assert.Equal("bounds", Assert.Throws<ArgumentException>(() =>
            lm.Solve(new SumOfSquaresResiduals(new RosenbrockResiduals(2)), [0, 0], Bounds.Box(2, 0, 1))).ParamName);
    }
}
