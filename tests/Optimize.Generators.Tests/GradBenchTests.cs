using Optimize.AutoDiff;
using Optimize.AutoDiff.Reverse;
using Optimize.Oracles;
using Optimize.Problems.GradBench;

namespace Optimize.Generators.Tests;

/// <summary>The GradBench objectives' generated derivatives against the tape and their hand-written derivatives.</summary>
public sealed class GradBenchTests
{
    /// <summary>The marked types outside <see cref="Optimize.Problems.TestProblem"/> that these tests check.</summary>
    public static IReadOnlySet<Type> Checked { get; } = new HashSet<Type> { typeof(GaussianMixture), typeof(ReprojectionResidual), typeof(WeightResidual) };

    private static void AgreesWithTheTape(IGeneratedDerivatives f, double[] x, string what)
    {
        double[] generated = new double[x.Length], tape = new double[x.Length];
        Array.Fill(generated, double.NaN);
        double value = f.EvaluateGradient(x, generated);
        double expected = ReverseMode.ValueAndGradient(f, x, tape);
        Close(expected, value, 1e-12, $"{what}: value");
        Close(tape, generated, 1e-12, $"{what}: gradient");
        var direction = Check.Direction(x.Length, 5);
        double dot = 0;
        for (int i = 0; i < x.Length; i++) dot += tape[i] * direction[i];
        Close(expected, f.EvaluateDirectionalDerivative(x, direction, out double derivative), 1e-12, $"{what}: value (tangent)");
        Close(dot, derivative, 1e-12, $"{what}: directional derivative");
    }

    [Theory]
    [InlineData(2, 3, 5)]
    [InlineData(10, 25, 40)]
    public void GaussianMixtureGeneratedGradientAgreesWithTheTapeAndTheManualGradient(int d, int k, int n)
    {
        var problem = new GaussianMixture(d, k, n, seed: 4, extraDegreesOfFreedom: 1, gamma: 1.2);
        var x = problem.StartingPoint;
        AgreesWithTheTape(problem, x, problem.Name);
        double[] manual = new double[x.Length], generated = new double[x.Length];
        Close(problem.ValueAndGradient(x, manual), problem.EvaluateGradient(x, generated), 1e-12, "value");
        Close(manual, generated, 1e-12, "gradient against the manual one");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void ReprojectionResidualGeneratedGradientAgreesWithTheTape(int component, bool zeroRotation)
    {
        double[] x = [-0.758453, -1.109613, -0.845551, 34.556073, 39.676747, 53.881673, 419.194514, 5.864426, -8.518870, 0.087812, 0.002739, 7.203245, 0.001144, 3.023326, 0.417022];
        if (zeroRotation) x[0] = x[1] = x[2] = 0;
        AgreesWithTheTape(new ReprojectionResidual(271.760969, 834.209256, component), x, $"reprojection {component}");
    }

    [Fact]
    public void WeightResidualGeneratedGradientAgreesWithTheTape() =>
        AgreesWithTheTape(default(WeightResidual), [0.417022], "weight");
}
