using Optimize.AutoDiff;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests;

public class DerivativeRuleTests
{
    [Theory]
    [MemberData(nameof(ElementaryOperations.UnaryCases), MemberType = typeof(ElementaryOperations))]
    public void UnaryRuleMatchesCentralDifferencesInForwardAndReverseMode(string operation, double x)
    {
        double reference = CentralDifference(t => ElementaryOperations.Apply(operation, t), x);
        double forward = Differentiate.Derivative<double>(d => ElementaryOperations.Apply(operation, d), x);
        double reverse = ReverseDerivative(v => ElementaryOperations.Apply(operation, v), x);
        Close(reference, forward, 1e-8, $"forward {operation}({x})");
        Close(forward, reverse, 1e-15, $"reverse {operation}({x})");
        Assert.Equal(ElementaryOperations.Apply(operation, x), ElementaryOperations.Apply(operation, new Dual<double>(x, 1)).Value);
    }

    [Theory]
    [MemberData(nameof(ElementaryOperations.BinaryCases), MemberType = typeof(ElementaryOperations))]
    public void BinaryRuleMatchesCentralDifferencesInForwardAndReverseMode(string operation, double x, double y)
    {
        double dx = CentralDifference(t => ElementaryOperations.Apply(operation, t, y), x);
        double dy = CentralDifference(t => ElementaryOperations.Apply(operation, x, t), y);
        var forwardX = ElementaryOperations.Apply(operation, new Dual<double>(x, 1), new Dual<double>(y, 0));
        var forwardY = ElementaryOperations.Apply(operation, new Dual<double>(x, 0), new Dual<double>(y, 1));
        var reverse = new double[2];
        ReverseGradient2(v => ElementaryOperations.Apply(operation, v[0], v[1]), x, y, reverse);
        Close(dx, forwardX.Tangent, 1e-8, $"∂/∂x {operation}({x}, {y})");
        Close(dy, forwardY.Tangent, 1e-8, $"∂/∂y {operation}({x}, {y})");
        Close(forwardX.Tangent, reverse[0], 1e-15, "reverse ∂/∂x");
        Close(forwardY.Tangent, reverse[1], 1e-15, "reverse ∂/∂y");
        Assert.Equal(ElementaryOperations.Apply(operation, x, y), forwardX.Value);
    }

    [Fact]
    public void AbsoluteValueHasZeroDerivativeAtZeroLikeCentralDifferences()
    {
        Assert.Equal(0.0, CentralDifference(Math.Abs, 0));
        Assert.Equal(0.0, Differentiate.Derivative<double>(G.Abs, 0));
        Assert.Equal(0.0, ReverseDerivative(G.Abs, 0));
    }

    [Fact]
    public void PowersWithZeroBaseHaveTheLimitingDerivatives()
    {
        // d/dx x² = 0, d/dx x¹ = 1 and d/dx x³ = 0 at x = 0; d/dy 0^y = 0 for y > 0; d/dx √x = +∞ at 0.
        Assert.Equal(0.0, Differentiate.Derivative<double>(d => G.Pow(d, (Dual<double>)2.0), 0));
        Assert.Equal(1.0, Differentiate.Derivative<double>(d => G.Pow(d, (Dual<double>)1.0), 0));
        Assert.Equal(0.0, ReverseDerivative(v => G.Pow(v, (Variable)3.0), 0));
        Assert.Equal(0.0, Differentiate.Derivative<double>(d => G.Pow((Dual<double>)0.0, d), 2));
        Assert.Equal(0.0, ReverseDerivative(v => G.Pow((Variable)0.0, v), 2));
        Assert.Equal(double.PositiveInfinity, Differentiate.Derivative<double>(G.Sqrt, 0));
        Assert.Equal(double.PositiveInfinity, Differentiate.Derivative<double>(d => G.Pow(d, (Dual<double>)0.5), 0));
    }

    [Fact]
    public void PowerOfNegativeBaseWithIntegerExponentIsDifferentiable()
    {
        Close(3 * 1.69, Differentiate.Derivative<double>(d => G.Pow(d, (Dual<double>)3.0), -1.3), 1e-15);
        Close(3 * 1.69, ReverseDerivative(v => G.Pow(v, (Variable)3.0), -1.3), 1e-15);
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(1e-8)]
    [InlineData(1e-12)]
    public void LogarithmNearZeroHasDerivativeOneOverX(double x)
    {
        Close(1 / x, CentralDifference(Math.Log, x), 1e-8);
        Assert.Equal(1 / x, Differentiate.Derivative<double>(G.Log, x));
        Assert.Equal(1 / x, ReverseDerivative(G.Log, x));
    }

    [Fact]
    public void ComparisonsFollowThePrimalSoBranchesPickTheRightDerivative()
    {
        Close(3 * 4.0, Differentiate.Derivative<double>(d => ElementaryOperations.Apply("branch", d), 2), 0);
        Close(-1, Differentiate.Derivative<double>(d => ElementaryOperations.Apply("branch", d), -2), 0);
        var a = new Dual<double>(1, 5);
        var b = new Dual<double>(1, -5);
        Assert.True(G.Equal(a, b));
        Assert.True(G.LessOrEqual(a, b) && G.LessOrEqual(b, a) && !G.Less(a, b) && !G.Less(b, a));
    }
}
