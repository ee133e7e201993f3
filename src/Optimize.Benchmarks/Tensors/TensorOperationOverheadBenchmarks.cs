using BenchmarkDotNet.Attributes;
using Optimize.AutoDiff.Tensors;
using Optimize.LinearAlgebra;
using Optimize.Problems;

namespace Optimize.Benchmarks.Tensors;

/// <summary>
/// The overhead per recorded operation on small tensors: a chain of 99 operations (elementwise arithmetic with a
/// broadcast row, tanh, a 4×4 matrix product, a constant scale) ending in a sum, recorded and evaluated (Value),
/// then also swept backwards (ValueAndGradient). Divide the mean by 99 for the cost per operation.
/// Run: <c>dotnet run -c Release --project src/Optimize.Benchmarks -- --filter '*TensorOperationOverhead*'</c>.
/// </summary>
[MemoryDiagnoser]
public class TensorOperationOverheadBenchmarks
{
    private const int Operations = 100;
    private readonly TensorTape tape = new();
    private readonly double[] weights = new double[16], row = new double[4];

    /// <summary>The side of the square tensors.</summary>
    [Params(1, 4)]
    public int Size { get; set; } = 4;

    private Tensor Chain()
    {
        tape.Begin();
        int n = Size;
        var w = tape.Parameter(weights.AsSpan(0, n * n), n, n);
        var b = tape.Parameter(row.AsSpan(0, n), 1, n);
        var a = w;
        // 24 steps of 4 operations and 3 closing ones: 99 operations after the two parameters.
        for (int k = 0; k < Operations / 4 - 1; k++)
            a = tape.Tanh(tape.MatrixProduct(a, w) + b) * 0.5;
        return tape.Sum(tape.Tanh(a) * a);
    }

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < weights.Length; i++) weights[i] = 0.1 * Math.Cos(i);
        for (int i = 0; i < row.Length; i++) row[i] = 0.05 * i;
    }

    /// <summary>Records and evaluates the chain of 99 operations.</summary>
    [Benchmark(Baseline = true)]
    public double Value() => Chain().Scalar;

    /// <summary>Records, evaluates and sweeps the chain backwards.</summary>
    [Benchmark]
    public double ValueAndGradient()
    {
        var output = Chain();
        tape.Backward(output);
        return output.Scalar;
    }
}
