using Optimize.AutoDiff;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Generators.Tests;

/// <summary>Reference derivatives and the comparisons every family of cases shares.</summary>
internal static class Check
{
    /// <summary>Agreement of the generated code with the runtime modes: the same operations, up to rounding.</summary>
    public const double RuntimeTolerance = 1e-12;

    /// <summary>Agreement with Richardson-extrapolated central differences, whose error is O(h⁴) plus rounding.</summary>
    public const double DifferenceTolerance = 1e-7;

    /// <summary>Agreement of ∇²f·v by forward over the generated adjoint code with the runtime's second-order sweep.</summary>
    public const double HessianVectorTolerance = 1e-11;

    /// <summary>
    /// The generated second-order adjoint code (in doubles) against the tape's Hessian-vector product, to round-off,
    /// and its gradient against <paramref name="gradient"/>; every entry of both destinations must be overwritten.
    /// </summary>
    public static void CompiledHessianVector(HessianVectorCode code, Optimize.Oracles.IScalarFunction f, double[] x, double[] v, double[] gradient, string at)
    {
        int n = x.Length;
        double[] tape = new double[n], ownGradient = new double[n], product = new double[n];
        Array.Fill(ownGradient, double.NaN);
        Array.Fill(product, double.NaN);
        double value = code(x, v, ownGradient, product);
        Assert.Equal(f.Evaluate<double>(x), value);
        Close(gradient, ownGradient, RuntimeTolerance, $"{at}: gradient of the second-order adjoint code");
        ReverseMode.HessianVector(f, x, v, tape);
        Close(tape, product, RuntimeTolerance, $"{at}: ∇²f·v by the second-order adjoint code against the tape");
        // Without the gradient: the same product.
        var alone = new double[n];
        Array.Fill(alone, double.NaN);
        Assert.Equal(value, code(x, v, [], alone));
        Assert.Equal(product, alone);
    }

    /// <summary>The generated second-order adjoint code over double.</summary>
    public delegate double HessianVectorCode(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> hessianVector);

    /// <summary>The adjoint code over dual numbers seeded with v: ∇²f·v in the tangents; checks that the values are ∇f.</summary>
    public static double[] HessianVector(DualGradient gradientCode, double[] x, double[] v, double[] gradient)
    {
        int n = x.Length;
        var inputs = new Dual<double>[n];
        var duals = new Dual<double>[n];
        ForwardMode.Seed(x, v, inputs);
        gradientCode(inputs, duals);
        Close(gradient, duals.Select(d => d.Value).ToArray(), RuntimeTolerance, "gradient over duals");
        return duals.Select(d => d.Tangent).ToArray();
    }

    /// <summary>The generated adjoint code over dual numbers.</summary>
    public delegate Dual<double> DualGradient(ReadOnlySpan<Dual<double>> x, Span<Dual<double>> gradient);

    /// <summary>The same double, NaN and the sign of zero aside: for edge cases the conventions define exactly.</summary>
    public static void Same(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i] == actual[i] || double.IsNaN(expected[i]) && double.IsNaN(actual[i]),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }

    /// <summary>A seeded direction with entries in [−1, 1].</summary>
    public static double[] Direction(int n, int seed)
    {
        var random = new Random(seed);
        var p = new double[n];
        for (int i = 0; i < n; i++) p[i] = 2 * random.NextDouble() - 1;
        return p;
    }

    /// <summary>
    /// Checks a case at each of its points: value against f on doubles, gradient against the runtime reverse
    /// mode and central differences, directional derivative against gradient·p and the runtime forward mode,
    /// ∇²f·p by the adjoint code over duals and by the second-order adjoint code against the tape.
    /// </summary>
    public static void Derivatives(GeneratedCase c)
    {
        for (int k = 0; k < c.Points.Length; k++)
        {
            double[] x = c.Points[k];
            string at = $"{c} at ({string.Join(", ", x)})";
            int n = x.Length;

            var gradient = new double[n];
            Array.Fill(gradient, double.NaN); // every entry must be overwritten
            double value = c.Gradient(x, gradient);
            double expectedValue = c.Evaluate<double>(x);
            Assert.Equal(expectedValue, value); // the same operations on doubles

            var reverse = new double[n];
            double reverseValue = ReverseMode.ValueAndGradient(c, x, reverse);
            Close(reverseValue, value, RuntimeTolerance, $"{at}: value against reverse mode");
            Close(reverse, gradient, RuntimeTolerance, $"{at}: gradient against reverse mode");
            Close(CentralGradient(y => c.Evaluate<double>(y), x), gradient, DifferenceTolerance, $"{at}: gradient against central differences");

            double[] p = Direction(n, 17 + k);
            double tangentValue = c.DirectionalDerivative(x, p, out double derivative);
            Assert.Equal(expectedValue, tangentValue);
            double dot = 0, magnitude = 0;
            for (int i = 0; i < n; i++) { dot += gradient[i] * p[i]; magnitude += Math.Abs(gradient[i] * p[i]); }
            // The sum may cancel: measure the error against the sum of magnitudes.
            Close(dot / Math.Max(1, magnitude), derivative / Math.Max(1, magnitude), RuntimeTolerance, $"{at}: directional derivative against gradient·p");
            ForwardMode.ValueAndJvp(c, x, p, out double forward);
            Close(forward / Math.Max(1, magnitude), derivative / Math.Max(1, magnitude), RuntimeTolerance, $"{at}: directional derivative against forward mode");

            var hessianVector = HessianVector(c.GradientOverDuals, x, p, gradient);
            var runtimeHessianVector = new double[n];
            ReverseMode.HessianVector(c, x, p, runtimeHessianVector);
            Close(runtimeHessianVector, hessianVector, HessianVectorTolerance, $"{at}: ∇²f·p by the adjoint code over duals against the runtime");
            CompiledHessianVector(c.HessianVector, c, x, p, gradient, at);
        }
    }
}
