using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff.Separable;
using Optimize.Problems.GradBench;
using Optimize.Tests;

namespace Optimize.AutoDiff.Tests.GradBench;

public class BundleAdjustmentTests
{
    private static readonly BundleAdjustment Small = new(3, 4, 7);

    /// <summary>The replicated start moved so that cameras, points and weights differ; <paramref name="zeroRotation"/> sets every r to 0.</summary>
    private static double[] Point(bool zeroRotation)
    {
        var x = Support.Perturbed(Small.StartingPoint, 17, 0.05);
        if (zeroRotation)
            for (int c = 0; c < Small.Cameras; c++) x[11 * c] = x[11 * c + 1] = x[11 * c + 2] = 0;
        return x;
    }

    /// <summary>The sparse Jacobian's entries scattered into a dense matrix.</summary>
    private static Matrix<double> Dense(ReadOnlySpan<double> values)
    {
        var dense = Matrix<double>.Build.Dense(Small.ResidualCountTotal, Small.Dimension);
        var starts = Small.JacobianRowStarts();
        var columns = Small.JacobianColumns();
        for (int row = 0; row < starts.Length - 1; row++)
            for (int k = starts[row]; k < starts[row + 1]; k++) dense[row, columns[k]] += values[k];
        return dense;
    }

    private delegate void JacobianMethod(ReadOnlySpan<double> x, Span<double> residuals, Span<double> jacobian);

    public static TheoryData<string, bool> Methods => new()
    {
        { "hand", false }, { "hand", true }, { "generated", false }, { "generated", true }, { "forward", false }, { "forward", true },
    };

    private static JacobianMethod Method(string name) => name switch
    {
        "hand" => Small.JacobianByHand,
        "generated" => Small.JacobianByGeneratedCode,
        _ => Small.JacobianByForwardMode,
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void JacobianOfEveryBlockMatchesCentralDifferences(string method, bool zeroRotation)
    {
        var x = Point(zeroRotation);
        double[] residuals = new double[Small.ResidualCountTotal], values = new double[Small.JacobianEntryCount], expected = new double[residuals.Length];
        Method(method)(x, residuals, values);
        Small.Residuals(x, expected);
        Agreement.Close(expected, residuals, 1e-13, "residuals");
        var jacobian = Dense(values);
        for (int row = 0; row < residuals.Length; row++)
        {
            var differences = Agreement.CentralGradient(v => { var r = new double[residuals.Length]; Small.Residuals(v, r); return r[row]; }, x);
            Agreement.Close(differences, jacobian.Row(row).ToArray(), 1e-7, $"{method} row {row}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheThreeJacobiansAgree(bool zeroRotation)
    {
        var x = Point(zeroRotation);
        var r = new double[Small.ResidualCountTotal];
        double[] hand = new double[Small.JacobianEntryCount], generated = new double[hand.Length], forward = new double[hand.Length];
        Small.JacobianByHand(x, r, hand);
        Small.JacobianByGeneratedCode(x, r, generated);
        Small.JacobianByForwardMode(x, r, forward);
        Agreement.Close(hand, generated, 1e-12, "generated vs hand");
        Agreement.Close(hand, forward, 1e-12, "forward vs hand");
    }

    [Fact]
    public void ResidualBlocksGiveTheSameResidualsAndJacobianAsTheSparseForm()
    {
        var x = Point(false);
        var function = new ResidualBlocksFunction<BundleAdjustment>(Small);
        double[] blocks = new double[Small.ResidualCountTotal], hand = new double[blocks.Length], values = new double[Small.JacobianEntryCount];
        function.Evaluate(x, blocks);
        Small.JacobianByHand(x, hand, values);
        Agreement.Close(hand, blocks, 1e-13, "residuals");
        var dense = Matrix<double>.Build.Dense(Small.ResidualCountTotal, Small.Dimension);
        function.Jacobian(x, dense);
        Support.Close(Dense(values), dense, 1e-12, "Jacobian");
    }

    [Fact]
    public void InstancesAreSizedAsGradBenchShipsThem()
    {
        var small = BundleAdjustment.FromGradBench(1);
        Assert.Equal((49, 7776, 31843), (small.Cameras, small.Points, small.Observations));
        Assert.Equal(11 * 49 + 3 * 7776 + 31843, small.Dimension);
        Assert.Equal(20, BundleAdjustment.GradBenchInstances.Count);
        Assert.Equal(31 * 31843, small.JacobianColumns().Length);
        Assert.Equal(31 * 31843, small.JacobianRowStarts()[^1]);
        Assert.Equal("number", Assert.Throws<ArgumentOutOfRangeException>(() => BundleAdjustment.FromGradBench(21)).ParamName);
        Assert.Equal("jacobian", Assert.Throws<ArgumentException>(() => Small.JacobianByHand(Small.StartingPoint, new double[21], new double[5])).ParamName);
    }
}
