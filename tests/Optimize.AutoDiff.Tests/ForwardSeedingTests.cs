using Optimize.AutoDiff;
using Optimize.Problems;
using Optimize.AutoDiff.Forward;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests;

public class ForwardSeedingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    public void SeedingPairsEveryCoordinateWithItsDirectionAtAnyLength(int n)
    {
        var x = new double[n];
        var p = new double[n];
        for (int i = 0; i < n; i++) { x[i] = 1.5 * i - 2; p[i] = -0.25 * i + 0.5; }
        var duals = new Dual<double>[n + 1];
        duals[n] = new Dual<double>(42, 43);
        ForwardMode.Seed(x, p, duals.AsSpan(0, n));
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(x[i], duals[i].Value);
            Assert.Equal(p[i], duals[i].Tangent);
        }
        Assert.Equal(42, duals[n].Value);
        Assert.Equal(43, duals[n].Tangent);
    }

    [Fact]
    public void SeedingRejectsSpansOfDifferentLengths()
    {
        var duals = new Dual<double>[3];
        Assert.Equal("p", Assert.Throws<ArgumentException>(() => ForwardMode.Seed(new double[3], new double[2], duals)).ParamName);
        Assert.Equal("duals", Assert.Throws<ArgumentException>(() => ForwardMode.Seed(new double[2], new double[2], duals)).ParamName);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(10)]
    [InlineData(1002)]
    public void JvpOfExtendedRosenbrockMatchesTheHandCodedGradientAtOddAndEvenVectorCounts(int n)
    {
        TestProblem problem = ProblemLibrary.ExtendedRosenbrock(n);
        var x = Perturbed(problem.StartingPoint, 5);
        var p = Perturbed(new double[n], 9, 1);
        var gradient = new double[n];
        double value = problem.ValueAndGradient(x, gradient);
        double expected = 0;
        for (int i = 0; i < n; i++) expected += gradient[i] * p[i];
        Close(value, ForwardMode.ValueAndJvp(problem, x, p, out double jvp), 1e-15, "value");
        Close(expected, jvp, 1e-12, "JVP");
    }
}
