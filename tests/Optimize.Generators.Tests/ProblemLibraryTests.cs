using Optimize.AutoDiff.Reverse;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Problems.Bounded;
using Optimize.Problems.MoreGarbowHillstrom;

namespace Optimize.Generators.Tests;

/// <summary>The problems whose Evaluate is marked for the generator, against their hand-coded derivatives.</summary>
public sealed class ProblemLibraryTests
{
    /// <summary>Each marked problem type of the library in the sizes the library builds, by a readable key.</summary>
    private static readonly IReadOnlyDictionary<string, TestProblem> Problems = MarkedProblems();

    private static Dictionary<string, TestProblem> MarkedProblems()
    {
        var problems = ProblemLibrary.Standard
            .Concat([ProblemLibrary.ExtendedRosenbrock(4), ProblemLibrary.ExtendedRosenbrock(10), ProblemLibrary.ExtendedRosenbrock(64),
                ProblemLibrary.ShallowNetwork(3, 5, 2, 7, 2), new GinzburgLandau1D(8)])
            .Concat(MoreGarbowHillstromSet.Instances.Select(i => i.Problem))
            .Concat(MinpackLeastSquaresSet.Instances.Select(i => i.Problem))
            .Concat(BoundedSet.HockSchittkowskiProblems.Select(b => b.Problem).OfType<TestProblem>())
            .Where(p => p is IGeneratedDerivatives);
        // The sets hold some problems more than once (other starts, other residual counts): each size is checked once.
        return problems.GroupBy(p => $"{p.Name}-{p.Dimension}").ToDictionary(g => g.Key, g => g.First());
    }

    public static TheoryData<string> Names => new(Problems.Keys);

    [Fact]
    public void EveryMarkedProblemTypeIsChecked()
    {
        var marked = typeof(TestProblem).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(IGeneratedDerivatives).IsAssignableFrom(t)).ToHashSet();
        Assert.Contains(typeof(ExtendedRosenbrock), marked);
        Assert.Equal(marked.Where(typeof(TestProblem).IsAssignableFrom).ToHashSet(), Problems.Values.Select(p => p.GetType()).ToHashSet());
        Assert.Equal(marked.Where(t => !typeof(TestProblem).IsAssignableFrom(t)).ToHashSet(), GradBenchTests.Checked);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedGradientAgreesWithTheHandCodedOne(string name)
    {
        var problem = Problems[name];
        var generated = (IGeneratedDerivatives)problem;
        foreach (double[] x in PointsOf(problem))
        {
            var expected = new double[x.Length];
            var actual = new double[x.Length];
            Array.Fill(actual, double.NaN);
            double expectedValue = problem.ValueAndGradient(x, expected);
            double value = generated.EvaluateGradient(x, actual);
            Close(expectedValue, value, Check.RuntimeTolerance, $"{name}: value");
            Close(expected, actual, Check.RuntimeTolerance, $"{name}: gradient");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedDirectionalDerivativeIsTheHandCodedGradientAlongTheDirection(string name)
    {
        var problem = Problems[name];
        var generated = (IGeneratedDerivatives)problem;
        int k = 0;
        foreach (double[] x in PointsOf(problem))
        {
            double[] p = Check.Direction(x.Length, 100 + k++);
            var gradient = new double[x.Length];
            double expectedValue = problem.ValueAndGradient(x, gradient);
            double dot = 0, magnitude = 1;
            for (int i = 0; i < x.Length; i++) { dot += gradient[i] * p[i]; magnitude += Math.Abs(gradient[i] * p[i]); }
            double value = generated.EvaluateDirectionalDerivative(x, p, out double derivative);
            Close(expectedValue, value, Check.RuntimeTolerance, $"{name}: value");
            Close(dot / magnitude, derivative / magnitude, Check.RuntimeTolerance, $"{name}: directional derivative");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedGradientAndHessianVectorProductsAgreeWithTheTape(string name)
    {
        var problem = Problems[name];
        var generated = (IGeneratedDerivatives)problem;
        int k = 0;
        foreach (double[] x in PointsOf(problem))
        {
            double[] tape = new double[x.Length], actual = new double[x.Length];
            Array.Fill(actual, double.NaN);
            double expectedValue = ReverseMode.ValueAndGradient(problem, x, tape);
            Close(expectedValue, generated.EvaluateGradient(x, actual), Check.RuntimeTolerance, $"{name}: value");
            Close(tape, actual, Check.RuntimeTolerance, $"{name}: gradient against the tape");
            double[] v = Check.Direction(x.Length, 200 + k++), expected = new double[x.Length];
            ReverseMode.HessianVector(problem, x, v, expected);
            var hessianVector = Check.HessianVector((y, g) => generated.EvaluateGradient(y, g), x, v, tape);
            Close(expected, hessianVector, Check.HessianVectorTolerance, $"{name}: Hessian-vector product against the tape");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedSecondOrderAdjointCodeAgreesWithTheTape(string name)
    {
        var problem = Problems[name];
        var generated = (IGeneratedDerivatives)problem;
        int k = 0;
        foreach (double[] x in PointsOf(problem))
        {
            var gradient = new double[x.Length];
            ReverseMode.ValueAndGradient(problem, x, gradient);
            Check.CompiledHessianVector(generated.EvaluateHessianVector, problem, x, Check.Direction(x.Length, 300 + k++), gradient, name);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SecondOrderAdjointCodeAllocatesNothingWhereTheAdjointCodeAllocatesNothing(string name)
    {
        var problem = Problems[name];
        var (gradientBytes, hessianVectorBytes) = GeneratedDerivativeTests.Allocations((IGeneratedDerivatives)problem, problem.StartingPoint);
        Assert.True(hessianVectorBytes <= 2 * gradientBytes, $"{name}: ∇²f·v allocates {hessianVectorBytes} bytes per call, the gradient {gradientBytes}");
    }

    [Fact]
    public void EveryMarkedTypeDeclaresItsOwnSecondOrderAdjointCode()
    {
        var marked = typeof(TestProblem).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IGeneratedDerivatives).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(marked);
        foreach (var type in marked)
        {
            // A sum of squares gets its derivative code per residual, from its marked Residual; the base class sums it.
            string method = typeof(SumOfSquaresProblem).IsAssignableFrom(type) ? "Residual" : "Evaluate";
            Assert.Contains(type.GetMethods(), m => m.Name == method + "HessianVector" && !m.IsGenericMethodDefinition && m.DeclaringType == type);
            Assert.Contains(type.GetMethods(), m => m.Name == method + "HessianVector" && m.IsGenericMethodDefinition && m.DeclaringType == type);
        }
    }

    /// <summary>
    /// The problems of the library whose Evaluate&lt;T&gt; the generator does not transform yet, with the construct that
    /// blocks each. Empty: every problem has generated derivatives.
    /// </summary>
    private static readonly IReadOnlyDictionary<Type, string> NotGenerated = new Dictionary<Type, string>();

    [Fact]
    public void EveryProblemWithAGenericEvaluateHasGeneratedDerivatives()
    {
        // Every TestProblem has a generic Evaluate<T> (the base class declares it abstract).
        var problems = typeof(TestProblem).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(TestProblem).IsAssignableFrom(t)).ToList();
        Assert.True(problems.Count > 40, $"only {problems.Count} problem types");
        var missing = problems.Where(t => !typeof(IGeneratedDerivatives).IsAssignableFrom(t) && !NotGenerated.ContainsKey(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, $"no generated derivatives: {string.Join(", ", missing)}");
        foreach (var (type, construct) in NotGenerated)
            Assert.False(typeof(IGeneratedDerivatives).IsAssignableFrom(type), $"{type.Name} has generated derivatives now ({construct}): take it off the list");
    }

    /// <summary>The start, the known minimizer, and seeded points around the start.</summary>
    private static IEnumerable<double[]> PointsOf(TestProblem problem)
    {
        yield return problem.StartingPoint;
        if (problem.KnownMinimizer is { } minimizer) yield return minimizer;
        var random = new Random(problem.Dimension);
        for (int k = 0; k < 4; k++)
        {
            double[] x = problem.StartingPoint;
            for (int i = 0; i < x.Length; i++) x[i] += 2 * random.NextDouble() - 1;
            yield return x;
        }
    }
}
