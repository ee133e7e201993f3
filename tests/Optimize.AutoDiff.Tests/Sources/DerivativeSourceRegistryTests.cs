using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.Problems;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests.Sources;

public class DerivativeSourceRegistryTests
{
    public static TheoryData<string> SourceNames() => new(DerivativeSources.Standard.Names);

    private static readonly TestProblem[] Problems =
    [
        ProblemLibrary.Rosenbrock(), ProblemLibrary.Beale(), ProblemLibrary.HelicalValley(), ProblemLibrary.Wood(),
        ProblemLibrary.ExtendedRosenbrock(6), ProblemLibrary.LeastSquares(20, 5),
    ];

    [Theory]
    [MemberData(nameof(SourceNames))]
    public void EverySourceGivesTheCapabilityItDeclares(string name)
    {
        var source = DerivativeSources.Standard.Find(name)!;
        foreach (var problem in Problems.Where(source.Supports))
        {
            var oracle = source.Create(new CountedFunction(problem));
            Assert.Equal(source.Provides, OracleCapabilities.Of(oracle));
            Assert.Equal(source.GivesHessianVector, oracle is IHessianVectorObjective);
            Assert.Equal(source.GivesHessian, oracle is IHessianObjective);
        }
    }

    [Theory]
    [MemberData(nameof(SourceNames))]
    public void EverySourceAgreesWithTheHandCodedDerivatives(string name)
    {
        var source = DerivativeSources.Standard.Find(name)!;
        double gradientTolerance = name switch { "forward-diff" => 1e-5, "central-diff" => 1e-7, "ridders" => 1e-9, _ => 1e-12 };
        foreach (var problem in Problems.Where(source.Supports))
        {
            var oracle = source.Create(problem);
            var x = Perturbed(problem.StartingPoint, 7, 0.1);
            double[] expected = new double[x.Length], actual = new double[x.Length];
            double value = problem.ValueAndGradient(x, expected);
            Close(value, oracle.ValueAndGradient(x, actual), 1e-12, $"{name} value on {problem.Name}");
            Close(value, oracle.Value(x), 1e-12, $"{name} plain value on {problem.Name}");
            Close(expected, actual, gradientTolerance, $"{name} gradient on {problem.Name}");
            if (oracle is IHessianVectorObjective hv)
            {
                var v = Perturbed(new double[x.Length], 8, 1);
                double[] expectedHv = new double[x.Length], actualHv = new double[x.Length];
                problem.HessianVector(x, v, expectedHv);
                hv.HessianVector(x, v, actualHv);
                Close(expectedHv, actualHv, name is "forward-diff" or "central-diff" or "ridders" ? 1e-4 : 1e-10, $"{name} Hv on {problem.Name}");
            }
        }
    }

    [Fact]
    public void SourcesAcceptTheFunctionsThatCarryWhatTheyRead()
    {
        var plain = new GriewankWaltherFunction();
        var standard = DerivativeSources.Standard;
        Assert.False(standard.Find("analytic")!.Supports(plain));
        Assert.False(standard.Find("generated-ad")!.Supports(plain));
        Assert.All(standard.Where(s => s.Name is not ("analytic" or "generated-ad")), s => Assert.True(s.Supports(plain), s.Name));
        Assert.Equal(["forward-diff", "central-diff", "ridders", "complex-step", "forward-ad", "reverse-ad"], standard.For(plain).Select(s => s.Name));

        var generated = standard.Find("generated-ad")!;
        Assert.True(generated.Supports(ProblemLibrary.ExtendedRosenbrock(4)));
        Assert.True(generated.Supports(new CountedFunction(ProblemLibrary.LeastSquares())));
        // A sum of squares has generated code per residual; a function without generated code is refused, counted or not.
        Assert.True(generated.Supports(ProblemLibrary.Wood()));
        Assert.True(generated.Supports(new CountedFunction(ProblemLibrary.Wood())));
        Assert.False(generated.Supports(new CountedFunction(plain)));
        Assert.All(standard, s => Assert.True(s.Supports(ProblemLibrary.ExtendedRosenbrock(4)), s.Name));

        var refused = Assert.Throws<ArgumentException>(() => standard.Find("analytic")!.Create(plain));
        Assert.Equal("function", refused.ParamName);
        Assert.Contains("'analytic' does not accept", refused.Message);
    }

    [Fact]
    public void SourcesWithoutCompiledDerivativesWorkOnAPlainFunction()
    {
        var plain = new GriewankWaltherFunction();
        var reference = ProblemLibrary.GriewankWaltherExample();
        double[] x = [1.5, 0.5], expected = new double[2], actual = new double[2];
        reference.ValueAndGradient(x, expected);
        foreach (var source in DerivativeSources.Standard.For(plain))
        {
            source.Create(plain).ValueAndGradient(x, actual);
            Close(expected, actual, source.Name == "forward-diff" ? 1e-6 : 1e-9, source.Name);
        }
    }

    [Fact]
    public void ValuesGoThroughACountedFunctionAndCompiledDerivativesDoNot()
    {
        var problem = ProblemLibrary.ExtendedRosenbrock(8);
        double[] x = problem.StartingPoint, gradient = new double[8];
        foreach (var (name, callsPerGradient) in new[] { ("analytic", 0L), ("generated-ad", 0L), ("forward-diff", 9L), ("central-diff", 17L), ("complex-step", 8L) })
        {
            var counted = new CountedFunction(problem);
            var oracle = DerivativeSources.Standard.Find(name)!.Create(counted);
            oracle.ValueAndGradient(x, gradient);
            Assert.Equal(callsPerGradient, counted.Calls);
            oracle.Value(x);
            Assert.Equal(callsPerGradient + 1, counted.Calls);
        }
    }

    [Fact]
    public void JacobianSourcesAgreeWithTheExactJacobian()
    {
        var function = new PolarToCartesian();
        double[] x = [1.3, 0.4];
        var exact = Matrix<double>.Build.DenseOfArray(new[,] { { Math.Cos(x[1]), -x[0] * Math.Sin(x[1]) }, { Math.Sin(x[1]), x[0] * Math.Cos(x[1]) }, { 2 * x[0], 0 } });
        var jacobianSources = DerivativeSources.Standard.Where(s => s.GivesJacobian).Select(s => s.Name).ToArray();
        Assert.Equal(["forward-diff", "central-diff", "ridders", "forward-ad", "reverse-ad"], jacobianSources);
        foreach (var source in DerivativeSources.Standard)
        {
            if (!source.GivesJacobian)
            {
                Assert.Throws<InvalidOperationException>(() => source.CreateJacobian(function));
                continue;
            }
            var provider = source.CreateJacobian(function);
            Assert.Equal((2, 3), (provider.Dimension, provider.OutputDimension));
            var jacobian = Matrix<double>.Build.Dense(3, 2);
            provider.Jacobian(x, jacobian);
            Close(exact, jacobian, source.Name == "forward-diff" ? 1e-6 : 1e-9, source.Name);
        }
    }

    [Fact]
    public void WithAddsSourcesAndLeavesTheOriginalUnchanged()
    {
        var standard = DerivativeSources.Standard;
        int count = standard.Count;
        var extra = new DerivativeSource("complex-step-tiny", "complex step with h = 1e-30", OracleCapability.Gradient,
            function => new ComplexStepObjective(function, 1e-30));
        var extended = standard.With(extra);
        Assert.Equal(count, standard.Count);
        Assert.Null(standard.Find("complex-step-tiny"));
        Assert.Equal(count + 1, extended.Count);
        Assert.Same(extra, extended[^1]);
        Assert.Same(extra, extended.Find("COMPLEX-STEP-TINY"));
        Assert.Equal(standard.Names, extended.Names.Take(count));
        var duplicate = Assert.Throws<ArgumentException>(() => standard.With(extra with { }, extra));
        Assert.Contains("'complex-step-tiny' appears 2 times", duplicate.Message);
        Assert.Throws<ArgumentException>(() => standard.With(standard[1]));
    }

    [Fact]
    public void SourcesHaveDistinctNamesAndTheReferenceComesFirst()
    {
        var standard = DerivativeSources.Standard;
        Assert.Equal(standard.Names.Count, standard.Names.Distinct().Count());
        Assert.True(standard[0].IsReference);
        Assert.Same(standard[0], standard.Reference);
        Assert.Equal("analytic", DerivativeSources.ReferenceName);
        Assert.Equal(["analytic", "forward-diff", "central-diff", "ridders", "complex-step", "forward-ad", "reverse-ad", "generated-ad"], standard.Names);
        Assert.Equal(OracleCapability.Gradient, standard.Find("complex-step")!.Provides);
        Assert.All(standard.Where(s => s.Name != "complex-step"), s => Assert.Equal(OracleCapability.Hessian, s.Provides));
    }

    [Fact]
    public void ASourceRejectsAValueOnlyCapability() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new DerivativeSource("values", "values only", OracleCapability.Value, function => new ForwardModeObjective(function)));

    /// <summary>F(r, θ) = (r cos θ, r sin θ, r²): three outputs of two inputs.</summary>
    private sealed class PolarToCartesian : IVectorScalarFunction
    {
        public int Dimension => 2;
        public int OutputDimension => 3;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> value) where T : IFloatingPointIeee754<T>
        {
            value[0] = x[0] * T.Cos(x[1]);
            value[1] = x[0] * T.Sin(x[1]);
            value[2] = x[0] * x[0];
        }
    }
}
