using BenchmarkDotNet.Attributes;
using Optimize.FSharp.Symbolic;
using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Benchmarks.Symbolic;

/// <summary>
/// The compiled symbolic gradient of a problem's closed form (<see cref="TestProblem.ClosedForm"/> → derivative
/// expressions → LINQ expression trees) against the hand-coded gradient of the problem library, both called through
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
        var problem = Problem switch
        {
            "rosenbrock-2" => ProblemLibrary.Rosenbrock(),
            "rosenbrock-100" => ProblemLibrary.ExtendedRosenbrock(100),
            "griewank-walther" => ProblemLibrary.GriewankWaltherExample(),
            _ => throw new ArgumentOutOfRangeException(nameof(Problem), Problem, "unknown problem"),
        };
        handCoded = problem;
        symbolic = SymbolicSource.Objective(problem);
        x = problem.StartingPoint;
        for (int i = 0; i < x.Length; i++) x[i] += 0.01 * i;
        gradient = new double[x.Length];

        var check = new double[x.Length];
        double a = handCoded.ValueAndGradient(x, check), b = symbolic.ValueAndGradient(x, gradient);
        for (int i = 0; i < x.Length; i++)
            if (Math.Abs(check[i] - gradient[i]) > 1e-9 * (1 + Math.Abs(check[i])) || Math.Abs(a - b) > 1e-9 * (1 + Math.Abs(a)))
                throw new InvalidOperationException($"{Problem}: symbolic and hand-coded gradients differ at entry {i}.");
    }

    [Benchmark(Baseline = true)]
    public double HandCoded() => handCoded.ValueAndGradient(x, gradient);

    [Benchmark]
    public double Symbolic() => symbolic.ValueAndGradient(x, gradient);
}
