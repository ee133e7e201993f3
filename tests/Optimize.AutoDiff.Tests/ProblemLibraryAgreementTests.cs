using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests;

/// <summary>Every provider × every problem of the library agrees with the hand-coded derivatives to 1e-12 relative.</summary>
public class ProblemLibraryAgreementTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Problems()
    {
        var data = new TheoryData<string>();
        foreach (string name in ProblemLibrary.Names) data.Add(name);
        return data;
    }

    private static TestProblem Problem(string name) =>
        name == "extended-rosenbrock" ? ProblemLibrary.ExtendedRosenbrock(10) : ProblemLibrary.Create(name);

    private static IEnumerable<double[]> Points(TestProblem problem)
    {
        yield return problem.StartingPoint;
        yield return Perturbed(problem.StartingPoint, 7);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void ForwardAndReverseGradientsMatchTheHandCodedOnes(string name)
    {
        TestProblem problem = Problem(name);
        int n = problem.Dimension;
        foreach (double[] x in Points(problem))
        {
            var expected = new double[n];
            double value = problem.ValueAndGradient(x, expected);
            foreach (IGradientObjective provider in new IGradientObjective[] { new ForwardModeObjective(problem), new ReverseModeObjective(problem) })
            {
                var gradient = new double[n];
                Close(value, provider.ValueAndGradient(x, gradient), Tolerance, $"{name} value by {provider.GetType().Name}");
                Close(expected, gradient, Tolerance, $"{name} gradient by {provider.GetType().Name}");
            }
            var chunked = new double[n];
            ForwardMode.ValueAndGradient<Chunk2>(problem, x, chunked);
            Close(expected, chunked, Tolerance, $"{name} gradient by two-direction chunks");
            var direction = Perturbed(new double[n], 3, 1);
            ForwardMode.ValueAndJvp(problem, x, direction, out double jvp);
            Close(expected.Zip(direction, (g, p) => g * p).Sum(), jvp, Tolerance, $"{name} JVP");
            Close(jvp, Differentiate.Jvp(problem, x, direction), Tolerance, $"{name} JVP by the transform");
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void GeneratedDerivativeCodeMatchesTheHandCodedDerivatives(string name)
    {
        TestProblem problem = Problem(name);
        if (problem is not IGeneratedDerivatives generated)
        {
            Assert.Contains(name, new[] { "beale", "powell-singular", "wood", "helical-valley" });
            return;
        }
        var objective = new GeneratedCodeObjective(generated);
        int n = problem.Dimension;
        foreach (double[] x in Points(problem))
        {
            var expected = new double[n];
            double value = problem.ValueAndGradient(x, expected);
            var gradient = new double[n];
            Close(value, objective.ValueAndGradient(x, gradient), Tolerance, $"{name} value by the adjoint code");
            Close(expected, gradient, Tolerance, $"{name} gradient by the adjoint code");

            var direction = Perturbed(new double[n], 3, 1);
            Close(value, objective.ValueAndDirectionalDerivative(x, direction, out double derivative), Tolerance, $"{name} value by the tangent code");
            Close(expected.Zip(direction, (g, p) => g * p).Sum(), derivative, Tolerance, $"{name} directional derivative by the tangent code");

            var v = Perturbed(new double[n], 11, 1);
            var hv = new double[n];
            problem.HessianVector(x, v, hv);
            var product = new double[n];
            objective.HessianVector(x, v, product);
            Close(hv, product, Tolerance, $"{name} Hv by forward over the adjoint code");

            if (n > 20) continue;
            var hessian = Matrix<double>.Build.Dense(n, n);
            problem.Hessian(x, hessian);
            var generatedHessian = Matrix<double>.Build.Dense(n, n, double.NaN);
            objective.Hessian(x, generatedHessian);
            Close(hessian, generatedHessian, Tolerance, $"{name} Hessian by forward over the adjoint code");
        }
    }

    [Fact]
    public void GeneratedCodeObjectiveChecksItsArguments()
    {
        var objective = new GeneratedCodeObjective((IGeneratedDerivatives)ProblemLibrary.ExtendedRosenbrock(4));
        var ex = Assert.Throws<ArgumentException>(() => objective.ValueAndGradient(new double[4], new double[3]));
        Assert.Equal("gradient", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => objective.HessianVector(new double[4], new double[5], new double[4]));
        Assert.Equal("v", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => objective.ValueAndDirectionalDerivative(new double[2], new double[2], out _));
        Assert.Equal("x", ex.ParamName);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void NestedHessianVectorProductsMatchTheHandCodedOnes(string name)
    {
        TestProblem problem = Problem(name);
        int n = problem.Dimension;
        foreach (double[] x in Points(problem))
        {
            var v = Perturbed(new double[n], 11, 1);
            var expected = new double[n];
            problem.HessianVector(x, v, expected);
            foreach (IHessianVectorObjective provider in new IHessianVectorObjective[] { new ForwardModeObjective(problem), new ReverseModeObjective(problem) })
            {
                var product = new double[n];
                provider.HessianVector(x, v, product);
                Close(expected, product, Tolerance, $"{name} Hv by {provider.GetType().Name}");
            }
            var nested = new double[n];
            ReverseMode.HessianVectorByNesting(problem, x, v, nested);
            Close(expected, nested, Tolerance, $"{name} Hv by Dual<Variable>");
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void NestedHessiansMatchTheHandCodedOnes(string name)
    {
        TestProblem problem = Problem(name);
        int n = problem.Dimension;
        foreach (double[] x in Points(problem))
        {
            var expected = Matrix<double>.Build.Dense(n, n);
            problem.Hessian(x, expected);
            foreach (IHessianObjective provider in new IHessianObjective[] { new ForwardModeObjective(problem), new ReverseModeObjective(problem) })
            {
                var hessian = Matrix<double>.Build.Dense(n, n, double.NaN);
                provider.Hessian(x, hessian);
                Close(expected, hessian, Tolerance, $"{name} Hessian by {provider.GetType().Name}");
            }
            var viaFacade = Matrix<double>.Build.Dense(n, n);
            Differentiate.Hessian(problem, x, viaFacade);
            Close(expected, viaFacade, Tolerance, $"{name} Hessian by Differentiate");
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void ComplexStepGradientsMatchTheHandCodedOnesToRoundOff(string name)
    {
        // Every library problem is analytic at these points, including the branchy ones: the ReLU of the
        // shallow network and the quadrant branch of the helical valley are decided on the real part, so the
        // complex step differentiates the branch taken, exactly as the hand-coded gradient does.
        TestProblem problem = Problem(name);
        int n = problem.Dimension;
        foreach (double[] x in Points(problem))
        {
            var expected = new double[n];
            double value = problem.ValueAndGradient(x, expected);
            var gradient = new double[n];
            Close(value, ComplexStep.Gradient(problem, x, gradient), 1e-14, $"{name} value");
            Close(expected, gradient, 1e-14, $"{name} complex-step gradient");
        }
    }

    [Fact]
    public void ReverseModeGradientOfALargeRosenbrockMatchesTheHandCodedOne()
    {
        TestProblem problem = ProblemLibrary.ExtendedRosenbrock(20_000);
        var x = Perturbed(problem.StartingPoint, 5);
        var expected = new double[x.Length];
        var gradient = new double[x.Length];
        problem.ValueAndGradient(x, expected);
        ReverseMode.ValueAndGradient(problem, x, gradient);
        Close(expected, gradient, Tolerance, "gradient");
        var v = Perturbed(new double[x.Length], 9, 1);
        problem.HessianVector(x, v, expected);
        ReverseMode.HessianVector(problem, x, v, gradient);
        Close(expected, gradient, Tolerance, "Hv");
    }

    /// <summary>A function with derivative code of its own, which records which of its members were called.</summary>
    private sealed class RecordingGeneratedFunction : IGeneratedDerivatives
    {
        public List<string> Calls { get; } = [];
        public int Dimension => 2;
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T>
        {
            Calls.Add($"Evaluate<{typeof(T).Name}>");
            return x[0] * x[0] * x[1];
        }
        public double EvaluateGradient(ReadOnlySpan<double> x, Span<double> gradient) => EvaluateGradient<double>(x, gradient);
        public T EvaluateGradient<T>(ReadOnlySpan<T> x, Span<T> gradient) where T : System.Numerics.IFloatingPointIeee754<T>
        {
            Calls.Add($"EvaluateGradient<{typeof(T).Name}>");
            gradient[0] = (x[0] + x[0]) * x[1];
            gradient[1] = x[0] * x[0];
            return x[0] * x[0] * x[1];
        }
        public double EvaluateDirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative)
        {
            Calls.Add("EvaluateDirectionalDerivative");
            derivative = 2 * x[0] * x[1] * direction[0] + x[0] * x[0] * direction[1];
            return x[0] * x[0] * x[1];
        }
        public double EvaluateHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> hessianVector)
        {
            Calls.Add("EvaluateHessianVector");
            if (!gradient.IsEmpty)
            {
                gradient[0] = 2 * x[0] * x[1];
                gradient[1] = x[0] * x[0];
            }
            hessianVector[0] = 2 * x[1] * direction[0] + 2 * x[0] * direction[1];
            hessianVector[1] = 2 * x[0] * direction[0];
            return x[0] * x[0] * x[1];
        }
    }

    [Fact]
    public void TheTransformsUseGeneratedCodeWhereTheFunctionCarriesIt()
    {
        var f = new RecordingGeneratedFunction();
        double[] x = [1.5, -2], gradient = new double[2], product = new double[2];
        Assert.Equal(-4.5, Differentiate.Gradient(f, x, gradient));
        Assert.Equal([-6.0, 2.25], gradient);
        Assert.Equal(-6.0 * 0.5 + 2.25 * 3, Differentiate.Jvp(f, x, [0.5, 3]));
        Differentiate.Hvp(f, x, [1, 0], product);
        Assert.Equal([-4.0, 3.0], product);   // ∇²f = [[2x₂, 2x₁], [2x₁, 0]]
        Assert.Equal(["EvaluateGradient<Double>", "EvaluateDirectionalDerivative", "EvaluateHessianVector"], f.Calls);
        Assert.Throws<ArgumentException>(() => Differentiate.Gradient(f, x, new double[3]));
    }
}
