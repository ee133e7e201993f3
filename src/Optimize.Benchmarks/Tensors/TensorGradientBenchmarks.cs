using BenchmarkDotNet.Attributes;
using Optimize.AutoDiff.Tensors;
using Optimize.LinearAlgebra;
using Optimize.Problems;

namespace Optimize.Benchmarks.Tensors;

/// <summary>
/// The cost of tensor-level reverse mode as a ratio to the cost of the loss, in one run: value (baseline),
/// value and gradient, and a Hessian-vector product (forward over reverse), each through <see cref="TensorObjective"/>.
/// Least squares ½‖y − Ax‖² with A 500×100 and 5000×1000; the shallow network ‖Y − relu(X·W₁ᵀ)·W₂ᵀ‖²_F with
/// 100 inputs, 200 hidden units, 10 outputs and a batch of 1000. The ratio column is time / time(value). BLAS runs on one thread.
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*TensorGradient*'</c>.
/// </summary>
[MemoryDiagnoser]
public class TensorGradientBenchmarks
{
    private TensorObjective objective = null!;
    private double[] x = [];
    private double[] gradient = [];
    private double[] hessianVector = [];

    /// <summary>The loss.</summary>
    [Params("least-squares 500x100", "least-squares 5000x1000", "shallow-network 100-200-10 x1000")]
    public string Loss { get; set; } = "least-squares 500x100";

    [GlobalSetup]
    public void Setup()
    {
        // One BLAS thread: on a shared, loaded machine two OpenMP threads contend (measured 20× slower dgemm), and
        // the ratios are about the AD's work, not the library's threading.
        LinearAlgebraBackend.Default.Threads = 1;
        // The side-by-side script (eng/bench/gradbench-vs-pytorch.sh) names the library from this line.
        Console.WriteLine($"// BLAS: {LinearAlgebraBackend.Default.Describe().Summary}");
        (objective, x) = Loss switch
        {
            "least-squares 500x100" => LeastSquares(500, 100),
            "least-squares 5000x1000" => LeastSquares(5000, 1000),
            "shallow-network 100-200-10 x1000" => ShallowNetwork(new ShallowNetwork(inputs: 100, hidden: 200, outputs: 10, samples: 1000)),
            _ => throw new ArgumentOutOfRangeException(nameof(Loss), Loss, "unknown loss"),
        };
        gradient = new double[x.Length];
        hessianVector = new double[x.Length];
    }

    private static (TensorObjective, double[]) LeastSquares(int m, int n)
    {
        var problem = new LeastSquares(m, n, seed: 1);
        double[] a = problem.Matrix.ToRowMajorArray(), y = problem.Observations;
        var objective = new TensorObjective(new TensorParameterLayout((n, 1)), (tape, p) =>
            0.5 * tape.SquaredNorm(tape.Constant(y, m, 1) - tape.MatrixProduct(tape.Constant(a, m, n), p[0])));
        var start = new double[n];
        for (int i = 0; i < n; i++) start[i] = Math.Sin(i);
        return (objective, start);
    }

    private static (TensorObjective, double[]) ShallowNetwork(ShallowNetwork problem)
    {
        int s = problem.Samples, i = problem.Inputs, h = problem.Hidden, o = problem.Outputs;
        double[] data = problem.Data, targets = problem.Targets;
        var objective = new TensorObjective(new TensorParameterLayout((h, i), (o, h)), (tape, p) =>
        {
            var hidden = tape.Relu(tape.MatrixProduct(tape.Constant(data, s, i), p[0], transposeB: true));
            return tape.SquaredNorm(tape.Constant(targets, s, o) - tape.MatrixProduct(hidden, p[1], transposeB: true));
        });
        return (objective, problem.StartingPoint);
    }

    /// <summary>The loss alone (recorded and evaluated, no backward sweep).</summary>
    [Benchmark(Baseline = true)]
    public double Value() => objective.Value(x);

    /// <summary>The loss and its gradient: one recording and one backward sweep.</summary>
    [Benchmark]
    public double ValueAndGradient() => objective.ValueAndGradient(x, gradient);

    /// <summary>A Hessian-vector product along the gradient: one tangent recording and its backward sweep.</summary>
    [Benchmark]
    public double HessianVector()
    {
        objective.HessianVector(x, gradient, hessianVector);
        return hessianVector[0];
    }
}
