using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff;
using Optimize.AutoDiff.Reverse;
using Optimize.Oracles;
using Optimize.Problems.GradBench;

namespace Optimize.Generators.Tests;

/// <summary>The GradBench objectives' generated derivatives against the tape and their hand-written derivatives.</summary>
public sealed class GradBenchTests
{
    /// <summary>The marked types outside <see cref="Optimize.Problems.TestProblem"/> that these tests check.</summary>
    public static IReadOnlySet<Type> Checked { get; } = new HashSet<Type> { typeof(GaussianMixture), typeof(WeightResidual) };

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
        Check.CompiledHessianVector(f.EvaluateHessianVector, f, x, Check.Direction(x.Length, 6), tape, what);
        var (gradientBytes, hessianVectorBytes) = GeneratedDerivativeTests.Allocations(f, x);
        Assert.True(hessianVectorBytes <= 2 * gradientBytes, $"{what}: ∇²f·v allocates {hessianVectorBytes} bytes per call, the gradient {gradientBytes}");
    }

    [Theory]
    [InlineData(1, 4, 6)]
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
    [InlineData(false)]
    [InlineData(true)]
    public void ReprojectionResidualGeneratedJacobianAgreesWithTheTape(bool zeroRotation)
    {
        double[] x = [-0.758453, -1.109613, -0.845551, 34.556073, 39.676747, 53.881673, 419.194514, 5.864426, -8.518870, 0.087812, 0.002739, 7.203245, 0.001144, 3.023326, 0.417022];
        if (zeroRotation) x[0] = x[1] = x[2] = 0;
        var f = new ReprojectionResidual(271.760969, 834.209256);
        double[] expectedValue = new double[2], value = new double[2], jacobian = new double[30];
        var tape = Matrix<double>.Build.Dense(2, 15);
        ReverseMode.ValueAndJacobian(f, x, expectedValue, tape);
        Array.Fill(jacobian, double.NaN);
        f.EvaluateJacobian(x, value, jacobian);
        Close(expectedValue, value, 1e-12, "value");
        for (int r = 0; r < 2; r++)
            Close(tape.Row(r).ToArray(), jacobian.AsSpan(15 * r, 15).ToArray(), 1e-12, $"row {r} against the tape");
        // The tangent code: J·p against the tape's rows.
        var direction = Check.Direction(15, 5);
        double[] tangentValue = new double[2], derivative = new double[2];
        f.EvaluateJacobianVectorProduct(x, direction, tangentValue, derivative);
        Close(expectedValue, tangentValue, 1e-12, "value (tangent)");
        Close((tape * Vector<double>.Build.DenseOfArray(direction)).ToArray(), derivative, 1e-12, "Jacobian-vector product");
    }

    [Fact]
    public void ReprojectionResidualJacobianChecksItsArguments()
    {
        var f = new ReprojectionResidual(1, 2);
        var ex = Assert.Throws<ArgumentException>(() => f.EvaluateJacobian(new double[15], new double[2], new double[29]));
        Assert.Equal("jacobian", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => f.EvaluateJacobian(new double[15], new double[3], new double[30]));
        Assert.Equal("residuals", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => f.EvaluateJacobianVectorProduct(new double[15], new double[14], new double[2], new double[2]));
        Assert.Equal("direction", ex.ParamName);
    }

    [Fact]
    public void WeightResidualGeneratedGradientAgreesWithTheTape() =>
        AgreesWithTheTape(default(WeightResidual), [0.417022], "weight");
}
