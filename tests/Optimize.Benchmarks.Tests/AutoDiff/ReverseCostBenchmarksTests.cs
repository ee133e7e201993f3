using Optimize.Benchmarks.AutoDiff;
using Optimize.Problems;

namespace Optimize.Benchmarks.Tests.AutoDiff;

public class ReverseCostBenchmarksTests
{
    private const int N = 10;
    private const ulong IndexMask = (1UL << 28) - 1;

    private static ReverseCostBenchmarks Prepared()
    {
        var benchmarks = new ReverseCostBenchmarks { N = N };
        benchmarks.Setup();
        return benchmarks;
    }

    /// <summary>Adds the partials at words <paramref name="first"/> and <paramref name="second"/> of each record of <paramref name="width"/> words (its last word the node numbers) to the entries of its two input nodes.</summary>
    private static double[] Accumulate(ReadOnlySpan<ulong> records, int width, int first, int second)
    {
        var sum = new double[N];
        for (int w = 0; w < N / 2 * width; w += width)
        {
            ulong nodes = records[w + width - 1];
            sum[(int)(nodes & IndexMask) - 1] += BitConverter.UInt64BitsToDouble(records[w + first]);
            sum[(int)((nodes >> 32) & IndexMask) - 1] += BitConverter.UInt64BitsToDouble(records[w + second]);
        }
        return sum;
    }

    [Fact]
    public void TheGradientLowerBoundComputesFAndRecordsEveryPartialOfTheGradient()
    {
        var benchmarks = Prepared();
        var problem = ProblemLibrary.ExtendedRosenbrock(N);
        var x = problem.StartingPoint;
        var gradient = new double[N];
        double value = problem.ValueAndGradient(x, gradient);

        Assert.Equal(value, benchmarks.RecordLowerBound(), 12);
        var recorded = Accumulate(benchmarks.LowerBoundRecords, 3, 0, 1);
        for (int i = 0; i < N; i++) Assert.Equal(gradient[i], recorded[i], 10);
    }

    [Fact]
    public void TheHvLowerBoundRecordsTheGradientAndTheHessianVectorProduct()
    {
        var benchmarks = Prepared();
        var problem = ProblemLibrary.ExtendedRosenbrock(N);
        var x = problem.StartingPoint;
        var v = x.Select((value, i) => 0.5 - value + 1e-6 * i).ToArray(); // the benchmark's direction
        var gradient = new double[N];
        var product = new double[N];
        double value = problem.ValueAndGradient(x, gradient);
        problem.HessianVector(x, v, product);

        Assert.Equal(value, benchmarks.HvRecordLowerBound(), 12);
        var records = benchmarks.LowerBoundRecords;
        var recordedGradient = Accumulate(records, 5, 0, 2);
        var recordedProduct = Accumulate(records, 5, 1, 3);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(gradient[i], recordedGradient[i], 10);
            Assert.Equal(product[i], recordedProduct[i], 10);
        }
    }
}
