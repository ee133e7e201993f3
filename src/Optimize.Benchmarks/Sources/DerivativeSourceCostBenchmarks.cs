using BenchmarkDotNet.Attributes;
using Optimize.AutoDiff;
using Optimize.FSharp.Symbolic;
using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Benchmarks.Sources;

/// <summary>
/// The cost ratio time(f+∇f) / time(f) of every registered derivative source (<see cref="SymbolicSource.All"/>), as
/// BenchmarkDotNet measures it: per problem and source, <see cref="Value"/> (the plain f) is the baseline and
/// the Ratio column of <see cref="ValueAndGradient"/> is the cost ratio that <c>optimize bench</c> estimates
/// with a stopwatch.
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*DerivativeSourceCost*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class DerivativeSourceCostBenchmarks
{
    private TestProblem problem = null!;
    private IGradientObjective oracle = null!;
    private double[] x = [];
    private double[] gradient = [];

    /// <summary>The problem: Rosenbrock (n = 2) and extended Rosenbrock (n = 100).</summary>
    [Params("rosenbrock", "extended-rosenbrock")]
    public string Problem { get; set; } = "rosenbrock";

    /// <summary>Every registered derivative source.</summary>
    [ParamsSource(nameof(Sources))]
    public string Source { get; set; } = DerivativeSources.ReferenceName;

    /// <summary>The names of the registered sources.</summary>
    public static IEnumerable<string> Sources => SymbolicSource.All.Names;

    [GlobalSetup]
    public void Setup()
    {
        problem = ProblemLibrary.Create(Problem);
        oracle = SymbolicSource.All.Find(Source)!.Create(new CountedFunction(problem, counting: false));
        x = problem.StartingPoint;
        gradient = new double[x.Length];
    }

    /// <summary>f(x) of the problem (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public double Value() => problem.Value(x);

    /// <summary>f(x) and ∇f(x) from the source.</summary>
    [Benchmark]
    public double ValueAndGradient() => oracle.ValueAndGradient(x, gradient);
}
