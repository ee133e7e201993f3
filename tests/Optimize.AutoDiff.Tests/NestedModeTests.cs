using Optimize.AutoDiff;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests;

public class NestedModeTests
{
    [Fact]
    public void NestedDerivativesDoNotConfusePerturbations()
    {
        // Siskind & Pearlmutter (2005): d/dx [x · (d/dy (x + y))|_{y=1}] at x = 1 is 1. An implementation
        // that lets the inner derivative see x's perturbation returns 2.
        double result = Differentiate.Derivative<double>(
            x => x * Differentiate.Derivative<Dual<double>>(y => (Dual<Dual<double>>)x + y, 1.0), 1.0);
        Assert.Equal(1.0, result);
    }

    [Fact]
    public void NestedDerivativeOfAProductSeesBothLevels()
    {
        // d/dx [d/dy (x·y)]|_{y=2} = d/dx x = 1, and d/dx [x · d/dy (x·y)] = d/dx x² = 2x.
        Assert.Equal(1.0, Differentiate.Derivative<double>(x => Differentiate.Derivative<Dual<double>>(y => (Dual<Dual<double>>)x * y, 2.0), 3.0));
        Assert.Equal(6.0, Differentiate.Derivative<double>(x => x * Differentiate.Derivative<Dual<double>>(y => (Dual<Dual<double>>)x * y, 2.0), 3.0));
    }

    [Fact]
    public void SecondDerivativeByForwardOverForwardMatchesTheFormula()
    {
        // f = sin(x²): f″ = 2cos(x²) − 4x² sin(x²).
        double x = 0.7;
        double second = Differentiate.Derivative<double>(a => Differentiate.Derivative<Dual<double>>(G.Sin, a), x);
        double expected = 2 * Math.Cos(x * x) - 4 * x * x * Math.Sin(x * x);
        double viaNested = Differentiate.Derivative<double>(a => Differentiate.Derivative<Dual<double>>(b => G.Sin(b * b), a), x);
        Close(expected, viaNested, 1e-15);
        Close(-Math.Sin(x), second, 1e-15);
    }

    [Fact]
    public void MixedSecondDerivativeOfAPowerAtZeroExponentIsKept()
    {
        // ∂²(xʸ)/∂x∂y = x^(y−1)(1 + y ln x) = 1/2 at (x, y) = (2, 0), where ∂(xʸ)/∂x itself vanishes.
        double mixed = Differentiate.Derivative<double>(
            y => Differentiate.Derivative<Dual<double>>(x => G.Pow(x, (Dual<Dual<double>>)y), 2.0), 0.0);
        Assert.Equal(0.5, mixed, 15);
    }

    [Fact]
    public void ForwardOverReverseSecondDerivativeMatchesTheFormula()
    {
        double x = 0.7;
        var result = new double[1];
        ReverseMode.HessianVector(new SineOfSquareFunction(), [x], [1.0], result);
        Close(2 * Math.Cos(x * x) - 4 * x * x * Math.Sin(x * x), result[0], 1e-15);
    }

    private sealed class SineOfSquareFunction : Optimize.Oracles.IScalarFunction
    {
        public int Dimension => 1;
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T> => T.Sin(x[0] * x[0]);
    }
}
