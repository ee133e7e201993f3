using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Differentiable.CustomRules;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Differentiable.Tests;

public sealed class CustomRuleTests
{
    /// <summary>log(1 + eˣ) evaluated without overflow, with the rule d/dx = σ(x) = 1/(1 + e⁻ˣ).</summary>
    private static readonly CustomScalarRule Softplus = new(
        "softplus",
        x => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x)),
        x => x > 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x)));

    private static T NaiveSoftplus<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(T.One + T.Exp(x));

    [Theory]
    [InlineData(800.0)]
    [InlineData(40.0)]
    [InlineData(-750.0)]
    public void SoftplusRuleIsStableWhereTheNaiveDerivativeOverflows(double x)
    {
        double sigma = 1 / (1 + Math.Exp(-x));
        var forward = Softplus.Apply(new Dual<double>(x, 1));
        Assert.Equal(sigma, forward.Tangent, 1e-15);
        Assert.True(double.IsFinite(forward.Value));

        var reverse = new double[1];
        double value = ReverseMode.ValueAndGradient(new SoftplusFunction(), [x], reverse);
        Assert.True(double.IsFinite(value));
        Assert.Equal(sigma, reverse[0], 1e-15);

        var chunk = Softplus.Apply(DualVector<Chunk2>.Seed(x, 1));
        Assert.Equal(sigma, chunk.Tangents[1], 1e-15);
        Assert.Equal(0, chunk.Tangents[0]);

        if (x > 700)
        {
            // The naive program overflows: e⁸⁰⁰ = ∞, so its value is ∞ and its derivative ∞/∞ = NaN.
            var naive = NaiveSoftplus(new Dual<double>(x, 1));
            Assert.True(double.IsInfinity(naive.Value));
            Assert.True(double.IsNaN(naive.Tangent));
            Assert.Equal(x, Softplus.Apply(x));
        }
    }

    [Fact]
    public void SoftplusRuleAgreesWithTheNaiveDerivativeWhereBothAreAccurate()
    {
        foreach (double x in new[] { -3.0, -0.2, 0.0, 0.5, 4.0 })
        {
            var naive = NaiveSoftplus(new Dual<double>(x, 1));
            var custom = Softplus.Apply(new Dual<double>(x, 1));
            Assert.Equal(naive.Value, custom.Value, 1e-14);
            Assert.Equal(naive.Tangent, custom.Tangent, 1e-14);
        }
    }

    /// <summary>
    /// "External" code: I(a, b) = ∫₀¹ e^{−a t²} cos(b t) dt and J(a, b) = ∫₀¹ t e^{−a t²} sin(b t) dt by composite
    /// Simpson in plain doubles, with a user VJP built from the same quadrature of the differentiated integrands.
    /// </summary>
    private static class ExternalIntegrals
    {
        private const int Intervals = 200;

        public static void Value(ReadOnlySpan<double> x, Span<double> y)
        {
            double a = x[0], b = x[1];
            y[0] = Simpson(t => Math.Exp(-a * t * t) * Math.Cos(b * t));
            y[1] = Simpson(t => t * Math.Exp(-a * t * t) * Math.Sin(b * t));
        }

        public static void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
        {
            double a = x[0], b = x[1], w0 = w[0], w1 = w[1];
            result[0] = Simpson(t => -t * t * Math.Exp(-a * t * t) * (w0 * Math.Cos(b * t) + w1 * t * Math.Sin(b * t)));
            result[1] = Simpson(t => Math.Exp(-a * t * t) * (-w0 * t * Math.Sin(b * t) + w1 * t * t * Math.Cos(b * t)));
        }

        public static void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
        {
            double a = x[0], b = x[1], va = v[0], vb = v[1];
            result[0] = Simpson(t => Math.Exp(-a * t * t) * (-va * t * t * Math.Cos(b * t) - vb * t * Math.Sin(b * t)));
            result[1] = Simpson(t => t * Math.Exp(-a * t * t) * (-va * t * t * Math.Sin(b * t) + vb * t * Math.Cos(b * t)));
        }

        private static double Simpson(Func<double, double> f)
        {
            double h = 1.0 / Intervals, sum = f(0) + f(1);
            for (int i = 1; i < Intervals; i++) sum += (i % 2 == 1 ? 4 : 2) * f(i * h);
            return sum * h / 3;
        }
    }

    /// <summary>A larger program around the external function: L(x) = sin(x₀)·I(x₀², x₁) + x₂·J(x₁, x₂)² + x₀x₂.</summary>
    private sealed class Program(CustomDerivative external) : IScalarFunction
    {
        public int Dimension => 3;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            Span<T> first = new T[2], second = new T[2];
            external.Evaluate<T>([x[0] * x[0], x[1]], first);
            external.Evaluate<T>([x[1], x[2]], second);
            return T.Sin(x[0]) * first[0] + x[2] * second[1] * second[1] + x[0] * x[2];
        }
    }

    public static TheoryData<string> Rules => new() { "vjp", "jvp", "both" };

    private static CustomDerivative External(string rule) => rule switch
    {
        "vjp" => CustomDerivative.WithVjp(2, 2, ExternalIntegrals.Value, ExternalIntegrals.Vjp),
        "jvp" => CustomDerivative.WithJvp(2, 2, ExternalIntegrals.Value, ExternalIntegrals.Jvp),
        _ => CustomDerivative.WithRules(2, 2, ExternalIntegrals.Value, ExternalIntegrals.Jvp, ExternalIntegrals.Vjp),
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void ExternalFunctionWithUserRuleParticipatesInReverseAndForwardMode(string rule)
    {
        var program = new Program(External(rule));
        double[] x = [0.7, 1.3, -0.4];
        var gradient = new double[3];
        double value = ReverseMode.ValueAndGradient(program, x, gradient);
        Assert.Equal(program.Evaluate<double>(x), value, 1e-15);

        // The user rule is the quadrature of the exact derivative: it differs from the derivative of the
        // quadrature by the Simpson error (≈1e-10 here), far below the central-difference error.
        Numerical.AssertMatchesCentralDifferences(z => program.Evaluate<double>(z), x, gradient, 1e-5, 1e-8);

        double[] direction = [0.2, -0.5, 0.9];
        ForwardMode.ValueAndJvp(program, x, direction, out double jvp);
        double dot = gradient[0] * direction[0] + gradient[1] * direction[1] + gradient[2] * direction[2];
        Assert.Equal(dot, jvp, 1e-13);

        var vectorGradient = new double[3];
        ForwardMode.ValueAndGradient<Chunk4>(program, x, vectorGradient);
        for (int i = 0; i < 3; i++) Assert.Equal(gradient[i], vectorGradient[i], 1e-13);
    }

    [Fact]
    public void NestedSecondOrderTypesAreRefusedWithAClearMessage()
    {
        var error = Assert.Throws<NotSupportedException>(() => Softplus.Apply(new Dual<Dual<double>>(new Dual<double>(1, 1), new Dual<double>(1, 0))));
        Assert.Contains("first-order", error.Message);
        var external = External("vjp");
        Assert.Throws<NotSupportedException>(() => external.Evaluate<Dual<Dual<double>>>(new Dual<Dual<double>>[2], new Dual<Dual<double>>[2]));
        Assert.Throws<ArgumentException>(() => external.Evaluate<double>(new double[3], new double[2]));
    }

    /// <summary>softplus(x₀) through the custom rule, written once over T.</summary>
    private sealed class SoftplusFunction : IScalarFunction
    {
        public int Dimension => 1;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => Softplus.Apply(x[0]);
    }
}
