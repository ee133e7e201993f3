using Optimize.Analytic;
using Optimize.Distributed.DataSets;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.Distributed.Tests;

/// <summary>The distributed types on a group of one process, where every sum is the local part itself.</summary>
public class SingleProcessTests
{
    private static readonly SyntheticDataSet Data = new(rows: 900, features: 6, seed: 11, blockRows: 100);

    [Fact]
    public void ShardedObjectiveOfOneProcessIsTheLocalObjectiveBitForBit()
    {
        var local = new LogisticLoss(Data.All(), ridge: 0.5);
        var sharded = ShardedObjective.Create(SingleProcessCommunicator.Instance, local);
        Assert.IsType<ShardedHessianVectorObjective>(sharded);
        double[] x = [0.1, -0.2, 0.3, 0.0, 0.5, -0.4], v = [1, 2, 3, 4, 5, 6];
        var (g, gLocal, hv, hvLocal) = (new double[6], new double[6], new double[6], new double[6]);
        Assert.Equal(local.Value(x), sharded.Value(x));
        Assert.Equal(local.ValueAndGradient(x, gLocal), sharded.ValueAndGradient(x, g));
        Assert.Equal(gLocal, g);
        local.HessianVector(x, v, hvLocal);
        sharded.HessianVector(x, v, hv);
        Assert.Equal(hvLocal, hv);
    }

    [Fact]
    public void ShardedObjectiveKeepsTheCapabilityOfTheLocalObjective()
    {
        var valueOnly = AnalyticObjective.Create(2, (ReadOnlySpan<double> x) => x[0] * x[0] + x[1] * x[1]);
        Assert.Equal(OracleCapability.Value, OracleCapabilities.Of(ShardedObjective.Create(SingleProcessCommunicator.Instance, valueOnly)));
        var hessian = FiniteDifferenceObjective.Create(valueOnly);
        Assert.Equal(OracleCapability.Hessian, OracleCapabilities.Of(ShardedObjective.Create(SingleProcessCommunicator.Instance, hessian)));
    }

    [Fact]
    public void LocalExceptionBecomesAnAgreedFailureNamingTheRankAndKeepingTheCause()
    {
        var failing = AnalyticObjective.Create(2, (ReadOnlySpan<double> x) => throw new IOException("disk gone"));
        var sharded = ShardedObjective.Create(SingleProcessCommunicator.Instance, failing);
        var e = Assert.Throws<DistributedEvaluationException>(() => sharded.Value([1, 2]));
        Assert.Equal(0, e.FailedRank);
        Assert.Equal("the value failed on rank 0: IOException: disk gone", e.Message);
        Assert.IsType<IOException>(e.InnerException);
    }

    [Fact]
    public void NonFiniteLocalValuePropagatesByDefaultAndStopsWhenAsked()
    {
        var nan = AnalyticObjective.Create(1, (ReadOnlySpan<double> x) => double.NaN);
        Assert.True(double.IsNaN(ShardedObjective.Create(SingleProcessCommunicator.Instance, nan).Value([0])));
        var e = Assert.Throws<DistributedEvaluationException>(
            () => ShardedObjective.Create(SingleProcessCommunicator.Instance, nan, NonFiniteShards.Stop).Value([0]));
        Assert.Contains("not finite", e.Message);
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        var local = new LogisticLoss(Data.All());
        Assert.Equal("communicator", Assert.Throws<ArgumentNullException>(() => ShardedObjective.Create(null!, local)).ParamName);
        Assert.Equal("local", Assert.Throws<ArgumentNullException>(
            () => ShardedObjective.Create(SingleProcessCommunicator.Instance, (IGradientObjective)null!)).ParamName);
        Assert.Equal("nonFinite", Assert.Throws<ArgumentOutOfRangeException>(
            () => ShardedObjective.Create(SingleProcessCommunicator.Instance, local, (NonFiniteShards)7)).ParamName);
        var sharded = ShardedObjective.Create(SingleProcessCommunicator.Instance, local);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => sharded.Value([1.0])).ParamName);
        Assert.Equal("residuals", Assert.Throws<ArgumentNullException>(
            () => new ShardedLeastSquares(SingleProcessCommunicator.Instance, null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new DistributedFiniteDifferenceObjective(
            SingleProcessCommunicator.Instance, local, new FiniteDifferenceOptions { Sparsity = SparsityPattern.Banded(6, 6, 0, 0) })).ParamName);
        Assert.Equal("root", Assert.Throws<ArgumentOutOfRangeException>(() => SingleProcessCommunicator.Instance.Broadcast(new byte[1], 1)).ParamName);
    }

    [Fact]
    public void MultiStartRejectsNoStartsAndStartsOfDifferentLengths()
    {
        var world = SingleProcessCommunicator.Instance;
        Assert.Equal("starts", Assert.Throws<ArgumentException>(() => DistributedMultiStart.Minimize(world, [], _ => null!)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => DistributedMultiStart.Minimize(world, [[1.0, 2.0], [1.0]], _ => null!));
        Assert.Equal("starts", e.ParamName);
        Assert.Contains("Start 1 has length 1; expected 2", e.Message);
    }

    [Fact]
    public void DataSetShardsConcatenateToTheWholeDataSetForAnyNumberOfProcesses()
    {
        var all = Data.All();
        foreach (int size in new[] { 2, 3, 4, 9, 12 })
        {
            var shards = Enumerable.Range(0, size).Select(rank => Data.Shard(rank, size)).ToArray();
            Assert.Equal(all.Values, shards.SelectMany(s => s.Values));
            Assert.Equal(all.Labels, shards.SelectMany(s => s.Labels));
            Assert.Equal(all.Targets, shards.SelectMany(s => s.Targets));
            Assert.Equal(shards.Select(s => s.FirstRow), shards.Select(s => shards.TakeWhile(t => t != s).Sum(t => (long)t.Rows)));
        }
        Assert.All(all.Labels, label => Assert.True(label is 0 or 1));
        Assert.InRange(all.Labels.Average(), 0.2, 0.8);
    }

    [Fact]
    public void LogisticLossDerivativesAgreeWithFiniteDifferences()
    {
        var loss = new LogisticLoss(Data.All(), ridge: 0.3);
        double[] x = [0.5, -1, 0.25, 2, -0.75, 0.1], v = [1, -1, 0.5, 0.25, 2, -3];
        var (g, gDifference) = (new double[6], new double[6]);
        loss.ValueAndGradient(x, g);
        FiniteDifference.Gradient(loss, x, gDifference);
        Assert.True(Close(g, gDifference, 1e-7));
        var (hv, hvDifference) = (new double[6], new double[6]);
        loss.HessianVector(x, v, hv);
        FiniteDifference.HessianVector(loss, x, v, hvDifference);
        Assert.True(Close(hv, hvDifference, 1e-6));
    }

    [Fact]
    public void LinearResidualsProductsAgreeWithTheJacobian()
    {
        var shard = Data.Shard(1, 3);
        var residuals = new LinearResiduals(shard);
        var x = new double[6];
        var jacobian = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(shard.Rows, 6);
        residuals.Jacobian(x, jacobian);
        double[] p = [1, 2, 3, 4, 5, 6];
        var jp = new double[shard.Rows];
        residuals.JacobianVector(x, p, jp);
        Assert.True(Close(jp, jacobian.Multiply(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(p)).ToArray(), 1e-14));
        var r = new double[shard.Rows];
        residuals.Evaluate(x, r);
        Assert.Equal(shard.Targets.Select(t => -t), r);
    }

    private static bool Close(double[] actual, double[] expected, double tolerance)
    {
        double scale = expected.Max(Math.Abs);
        return actual.Zip(expected).All(pair => Math.Abs(pair.First - pair.Second) <= tolerance * Math.Max(1, scale));
    }
}
