using BenchmarkDotNet.Attributes;
using Optimize.FSharp.Symbolic;
using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Benchmarks.Symbolic;

/// <summary>
/// The compiled symbolic gradient (F# quotations → derivative expressions → LINQ expression trees)
/// against the hand-coded gradient of the problem library, both called through
/// <see cref="IGradientObjective.ValueAndGradient"/>. The ratio column is symbolic / hand-coded.
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*SymbolicGradient*'</c>.
/// On a loaded machine quote the median and rerun: the two methods are measured one after the other.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SymbolicGradientBenchmarks
{
    private IGradientObjective handCoded = null!;
    private IGradientObjective symbolic = null!;
    private double[] x = [];
    private double[] gradient = [];

    /// <summary>The problem: Rosenbrock (n = 2), extended Rosenbrock (n = 100), the lecture's two-variable example.</summary>
    [Params("rosenbrock-2", "rosenbrock-100", "griewank-walther")]
    public string Problem { get; set; } = "rosenbrock-2";

    [GlobalSetup]
    public void Setup()
    {
        (handCoded, SymbolicFunction f) = Problem switch
        {
            "rosenbrock-2" => (ProblemLibrary.Rosenbrock(), ExtendedRosenbrock(2)),
            "rosenbrock-100" => (ProblemLibrary.ExtendedRosenbrock(100), ExtendedRosenbrock(100)),
            "griewank-walther" => (ProblemLibrary.GriewankWaltherExample(),
                Optimize.FSharp.Symbolic.Symbolic.parse(["x1", "x2"], "(sin(x1/x2) + x1/x2 - exp(x2))*(x1/x2 - exp(x2))")),
            _ => throw new ArgumentOutOfRangeException(nameof(Problem), Problem, "unknown problem"),
        };
        symbolic = new SymbolicObjective(f);
        x = Problem == "griewank-walther" ? [1.5, 0.5] : ((TestProblem)handCoded).StartingPoint;
        for (int i = 0; i < x.Length; i++) x[i] += 0.01 * i;
        gradient = new double[x.Length];

        var check = new double[x.Length];
        double a = handCoded.ValueAndGradient(x, check), b = symbolic.ValueAndGradient(x, gradient);
        for (int i = 0; i < x.Length; i++)
            if (Math.Abs(check[i] - gradient[i]) > 1e-9 * (1 + Math.Abs(check[i])) || Math.Abs(a - b) > 1e-9 * (1 + Math.Abs(a)))
                throw new InvalidOperationException($"{Problem}: symbolic and hand-coded gradients differ at entry {i}.");
    }

    /// <summary>Σₖ 100(x₂ₖ₊₁ − x₂ₖ²)² + (1 − x₂ₖ)², built with the expression operators.</summary>
    private static SymbolicFunction ExtendedRosenbrock(int n)
    {
        var terms = new List<SymbolicExpression>();
        for (int i = 0; i < n; i += 2)
        {
            SymbolicExpression a = SymbolicExpression.Var(i), b = SymbolicExpression.Var(i + 1);
            terms.Add(100.0 * SymbolicExpression.Pow(b - a * a, 2));
            terms.Add(SymbolicExpression.Pow(1.0 - a, 2));
        }
        var names = Enumerable.Range(0, n).Select(i => $"x[{i}]").ToArray();
        return SymbolicFunction.Create(names, SymbolicExpressionModule.sum(terms));
    }

    [Benchmark(Baseline = true)]
    public double HandCoded() => handCoded.ValueAndGradient(x, gradient);

    [Benchmark]
    public double Symbolic() => symbolic.ValueAndGradient(x, gradient);
}
