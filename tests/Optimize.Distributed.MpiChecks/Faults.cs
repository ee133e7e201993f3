using Optimize.Analytic;
using Optimize.Distributed.DataSets;
using Optimize.Distributed.Mpi;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

namespace Optimize.Distributed.MpiChecks;

/// <summary>
/// Fault scenarios, one per run: L-BFGS on a sharded logistic regression in which rank 1 (or the last rank)
/// fails during iteration 5. Every process must end within seconds with a non-zero exit code and the message.
/// </summary>
internal static class Faults
{
    public const int FailingIteration = 5;

    public static int Run(MpiCommunicator world, string scenario)
    {
        Console.Error.WriteLine($"rank {world.Rank}: process {Environment.ProcessId}");
        int failing = Math.Min(1, world.Size - 1);
        var data = new SyntheticDataSet(rows: 20_000, features: 20, seed: 3, blockRows: 1000);
        var local = new LogisticLoss(data.Shard(world.Rank, world.Size), world.Rank == 0 ? 1.0 : 0);
        int iteration = 0;   // the iteration in progress, the same on every process
        bool fails = world.Rank == failing;

        var objective = AnalyticObjective.Create(local.Dimension, (ReadOnlySpan<double> x, Span<double> g) => scenario switch
        {
            "fault-exception" when fails && iteration == FailingIteration =>
                throw new InvalidOperationException($"injected failure on rank {world.Rank} at iteration {iteration}"),
            "fault-nonfinite" when fails && iteration == FailingIteration => double.NaN,
            _ => local.ValueAndGradient(x, g),
        });
        var options = new DriverOptions
        {
            GradientTolerance = 1e-12,
            Callback = record =>
            {
                if (scenario == "fault-abort" && fails && record.Iteration == FailingIteration)
                    throw new InvalidOperationException($"injected failure outside any collective call on rank {world.Rank} at iteration {record.Iteration}");
                iteration = record.Iteration + 1;
                return false;
            },
        };
        if (scenario is not ("fault-exception" or "fault-nonfinite" or "fault-abort"))
            throw new ArgumentException($"Unknown scenario '{scenario}'; expected fault-exception, fault-nonfinite or fault-abort.", nameof(scenario));

        var result = new Lbfgs().Minimize(ShardedObjective.Create(world, objective, NonFiniteShards.Stop), new double[local.Dimension], options);
        if (world.Rank == 0) Console.WriteLine($"no fault: {result.BriefReport()}");
        return 0;
    }
}
