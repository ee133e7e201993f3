using Optimize.AutoDiff;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Generators.Tests;

public sealed class EdgeCaseTests
{
    private static readonly IReadOnlyDictionary<string, GeneratedCase> Cases = GeneratedCase.Family<EdgeCase>();

    public static TheoryData<string> Names => new(Cases.Keys);

    [Fact]
    public void HessianVectorProductFlowsThroughAnAdjointWhoseValueIsZero()
    {
        var c = new SquaredSineCase();
        double[] x = [0.0], v = [0.75];
        var gradient = new double[1];
        c.Gradient(x, gradient);
        // f = sin²x: f″(0) = 2cos 0 = 2.
        Assert.Equal([1.5], Check.HessianVector(c.GradientOverDuals, x, v, gradient));
        var product = new double[1];
        c.HessianVector(x, v, gradient, product);
        Assert.Equal([1.5], product);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ConventionalDerivativesAreExactlyThoseOfTheRuntimeModes(string name)
    {
        var c = (EdgeCase)Cases[name];
        foreach (double[] x in c.EdgePoints)
        {
            string at = $"{c} at ({string.Join(", ", x)})";
            var generated = new double[x.Length];
            var runtime = new double[x.Length];
            double value = c.Gradient(x, generated);
            double runtimeValue = ReverseMode.ValueAndGradient(c, x, runtime);
            Check.Same([runtimeValue], [value], $"{at}: value");
            Check.Same(runtime, generated, $"{at}: gradient");

            // Unit directions, which leave some inputs still, and a direction that moves them all.
            var directions = Enumerable.Range(0, x.Length).Select(i => { var e = new double[x.Length]; e[i] = 1; return e; })
                .Append(Enumerable.Repeat(-0.75, x.Length).ToArray());
            foreach (double[] p in directions)
            {
                double tangentValue = c.DirectionalDerivative(x, p, out double derivative);
                double forwardValue = ForwardMode.ValueAndJvp(c, x, p, out double forward);
                Check.Same([forwardValue], [tangentValue], $"{at}: value of the tangent code");
                Check.Same([forward], [derivative], $"{at} along ({string.Join(", ", p)}): directional derivative");
            }
        }
    }
}
