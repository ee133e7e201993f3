using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MathNet.Numerics.LinearAlgebra;
using Optimize.FSharp.Symbolic;
using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Benchmarks.Symbolic;

/// <summary>
/// The compiled symbolic Hessian and Hessian-vector product of a problem's closed form
/// (<see cref="TestProblem.ClosedForm"/>) against the hand-coded ones of the problem library, both through
/// <see cref="IHessianObjective"/>. The ratio column is symbolic / hand-coded.
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*SymbolicHessian*'</c>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SymbolicHessianBenchmarks
{
    private IHessianObjective handCoded = null!;
    private IHessianObjective symbolic = null!;
    private double[] x = [];
    private double[] v = [];
    private double[] product = [];
    private Matrix<double> hessian = null!;

    /// <summary>The problem: Rosenbrock (n = 2) and the lecture's two-variable example.</summary>
    [Params("rosenbrock-2", "griewank-walther")]
    public string Problem { get; set; } = "rosenbrock-2";

    [GlobalSetup]
    public void Setup()
    {
        var problem = Problem switch
        {
            "rosenbrock-2" => ProblemLibrary.Rosenbrock(),
            "griewank-walther" => ProblemLibrary.GriewankWaltherExample(),
            _ => throw new ArgumentOutOfRangeException(nameof(Problem), Problem, "unknown problem"),
        };
        handCoded = problem;
        symbolic = SymbolicSource.Objective(problem);
        x = problem.StartingPoint;
        v = [0.3, -0.7];
        product = new double[2];
        hessian = Matrix<double>.Build.Dense(2, 2);
        var expected = Matrix<double>.Build.Dense(2, 2);
        handCoded.Hessian(x, expected);
        symbolic.Hessian(x, hessian);
        if ((expected - hessian).FrobeniusNorm() > 1e-9 * (1 + expected.FrobeniusNorm()))
            throw new InvalidOperationException($"{Problem}: symbolic and hand-coded Hessians differ.");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Hessian")]
    public Matrix<double> HandCodedHessian()
    {
        handCoded.Hessian(x, hessian);
        return hessian;
    }

    [Benchmark, BenchmarkCategory("Hessian")]
    public Matrix<double> SymbolicHessian()
    {
        symbolic.Hessian(x, hessian);
        return hessian;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("HessianVector")]
    public double[] HandCodedHessianVector()
    {
        handCoded.HessianVector(x, v, product);
        return product;
    }

    [Benchmark, BenchmarkCategory("HessianVector")]
    public double[] SymbolicHessianVector()
    {
        symbolic.HessianVector(x, v, product);
        return product;
    }
}
