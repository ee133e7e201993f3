using System.Numerics;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using Optimize.AutoDiff.Separable;

namespace Optimize.AutoDiff.Tests;

/// <summary>
/// f(y, z) = 0^y + √0·y + y + z² at (½, 1): the local partial of 0^y with respect to its constant base and that
/// of √ at the constant 0 are infinite, yet neither constant moves, so every first-order mode gives ∇f = (1, 2)
/// and forward over reverse gives ∇²f·(1, 1) = (0, 2). (Forward over forward still meets ∞·0 inside the nested
/// derivative of 0^y, whose own tangent is not zero, and reports NaN there.)
/// </summary>
public class ConstantEdgeCaseTests
{
    private static readonly double[] Point = [0.5, 1.0];

    private sealed class ZeroBase : IScalarFunction, IPartiallySeparableFunction
    {
        public int Dimension => 2;
        public int TermCount => 1;
        public ReadOnlySpan<int> TermVariables(int term) => new[] { 0, 1 };
        public T EvaluateTerm<T>(int term, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => Evaluate(x);

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T zero = T.Zero, y = x[0], z = x[1];
            return T.Pow(zero, y) + T.Sqrt(zero) * y + y + z * z;
        }
    }

    [Fact]
    public void ForwardModeJvpAndChunkedGradientsAreExact()
    {
        var f = new ZeroBase();
        ForwardMode.ValueAndJvp(f, Point, [1.0, 1.0], out double derivative);
        Assert.Equal(3.0, derivative);
        var gradient = new double[2];
        ForwardMode.ValueAndGradient<Chunk2>(f, Point, gradient);
        Assert.Equal([1.0, 2.0], gradient);
        ForwardMode.ValueAndGradient<Chunk4>(f, Point, gradient);
        Assert.Equal([1.0, 2.0], gradient);
        ForwardMode.ValueAndGradient<Chunk8>(f, Point, gradient);
        Assert.Equal([1.0, 2.0], gradient);
    }

    [Fact]
    public void ReverseModeGradientAndHessianVectorProductAreExact()
    {
        var f = new ZeroBase();
        var gradient = new double[2];
        ReverseMode.ValueAndGradient(f, Point, gradient);
        Assert.Equal([1.0, 2.0], gradient);
        var product = new double[2];
        ReverseMode.HessianVector(f, Point, [1.0, 1.0], product);
        Assert.Equal([0.0, 2.0], product);
    }

    [Fact]
    public void SumOfTermsGradientIsExact()
    {
        // Terms of two variables run on pair-tangent duals, wider ones on chunks: both keep zero tangents zero.
        var objective = PartiallySeparable.Objective(new ZeroBase());
        var gradient = new double[2];
        objective.ValueAndGradient(Point, gradient);
        Assert.Equal([1.0, 2.0], gradient);
    }
}
