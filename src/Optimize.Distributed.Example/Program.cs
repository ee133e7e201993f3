using System.Diagnostics;
using System.Globalization;
using Optimize.Distributed;
using Optimize.Distributed.DataSets;
using Optimize.Distributed.Example;
using Optimize.Distributed.Mpi;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

// mpiexec -n P dotnet Optimize.Distributed.Example.dll [--rows 1000000] [--features 100] [--seed 1]
//     [--block-rows 10000] [--ridge 1] [--allreduce 100000] [--output minimizer.txt] [--repeat 1] [--plain]
// Each process generates its blocks of rows from the seed, then L-BFGS fits a logistic regression and a linear
// least-squares model on the whole data set; rank 0 prints the timings and writes the logistic minimizer.
// --plain (one process only) fits the plain objectives over all the data, without the sharded wrappers, for comparison.
return MpiRuntime.Run(args, world =>
{
    var options = Options.Parse(args);
    if (options.Plain && world.Size != 1) throw new ArgumentException("--plain runs on one process only.", nameof(args));
    var clock = Stopwatch.StartNew();
    var data = new SyntheticDataSet(options.Rows, options.Features, options.Seed, options.BlockRows);
    var shard = data.Shard(world.Rank, world.Size);
    double generation = clock.Elapsed.TotalSeconds;
    Barrier(world);
    void Print(string line)
    {
        if (world.Rank == 0) Console.WriteLine(line);
    }
    Print(Invariant($"{world.Size} process(es), {data.Rows:N0} rows x {data.Features} features in {data.Blocks} blocks of {data.BlockRows:N0}; rank 0 holds rows {shard.FirstRow:N0}..{shard.FirstRow + shard.Rows - 1:N0}, generated in {generation:F2} s"));

    var driver = new DriverOptions { GradientTolerance = 0, RelativeGradientTolerance = 1e-8, MaximumIterations = 200 };
    var logistic = new TimedObjective(new LogisticLoss(shard, world.Rank == 0 ? options.Ridge : 0));
    var fit = Fit("logistic regression", options.Plain ? logistic : ShardedObjective.Create(world, logistic), logistic);
    if (world.Rank == 0 && options.Output is { } path)
        File.WriteAllLines(path, fit.Minimizer.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    var leastSquares = Fit("least-squares fit",
        new ShardedLeastSquares(options.Plain ? SingleProcessCommunicator.Instance : world, new LinearResiduals(shard)), null);
    Print(Invariant($"  least-squares fit against the true weights: max |x - w*| = {leastSquares.Minimizer.Zip(data.TrueWeights).Max(p => Math.Abs(p.First - p.Second)):E2}"));

    foreach (int length in new[] { data.Features + 2, options.AllreduceLength })
    {
        var values = new double[length];
        for (int i = 0; i < 5; i++) world.AllreduceSum(values);
        Barrier(world);
        int repeats = length > 10_000 ? 50 : 500;
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            world.AllreduceSum(values);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(times);
        Print(Invariant($"Allreduce of {length:N0} doubles on rank 0: median {times[repeats / 2]:F1} us, fastest {times[0]:F1} us, mean {times.Average():F1} us ({repeats} calls)"));
    }
    return 0;

    MinimizationResult Fit(string name, Optimize.Oracles.IGradientObjective objective, TimedObjective? timed)
    {
        MinimizationResult? result = null;
        TimeSpan compute = TimeSpan.Zero;
        int calls = 0;
        for (int run = 0; run < options.Repeat; run++)   // the fastest of the repeats: the machine may be shared
        {
            Barrier(world);
            var before = (timed?.Elapsed ?? TimeSpan.Zero, timed?.Calls ?? 0);
            var attempt = new Lbfgs().Minimize(objective, new double[data.Features], driver);
            if (result is null || attempt.Elapsed < result.Elapsed)
                (result, compute, calls) = (attempt, (timed?.Elapsed ?? TimeSpan.Zero) - before.Item1, (timed?.Calls ?? 0) - before.Item2);
        }
        ArgumentNullException.ThrowIfNull(result);
        double perIteration = result.Elapsed.TotalMilliseconds / Math.Max(1, result.Iterations);
        double evaluation = result.Elapsed.TotalMilliseconds / Math.Max(1, result.Evaluations.Gradients);
        Print(Invariant($"{name}: {result.Reason} after {result.Iterations} iterations, {result.Evaluations.Gradients} evaluations, f = {result.Minimum:R}, |g| = {result.GradientNorm:E2}"));
        string local = timed is null ? "" : Invariant($", of which local compute on rank 0 {compute.TotalMilliseconds / Math.Max(1, calls):F1} ms");
        Print(Invariant($"  time per iteration {perIteration:F1} ms; per evaluation {evaluation:F1} ms{local} (fastest of {options.Repeat} runs)"));
        return result;
    }
});

static void Barrier(ICommunicator world) => world.AllreduceSum(new double[1]);

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

/// <summary>The example's command line.</summary>
internal sealed record Options(int Rows, int Features, int Seed, int BlockRows, double Ridge, int AllreduceLength, string? Output, bool Plain, int Repeat)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(1_000_000, 100, 1, 10_000, 1.0, 100_000, null, false, 1);
        var rest = args.Where(arg => arg != "--plain").ToArray();
        if (rest.Length != args.Length) options = options with { Plain = true };
        for (int i = 0; i + 1 < rest.Length; i += 2)
        {
            string value = rest[i + 1];
            options = rest[i] switch
            {
                "--rows" => options with { Rows = int.Parse(value, CultureInfo.InvariantCulture) },
                "--features" => options with { Features = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--block-rows" => options with { BlockRows = int.Parse(value, CultureInfo.InvariantCulture) },
                "--ridge" => options with { Ridge = double.Parse(value, CultureInfo.InvariantCulture) },
                "--allreduce" => options with { AllreduceLength = int.Parse(value, CultureInfo.InvariantCulture) },
                "--output" => options with { Output = value },
                "--repeat" => options with { Repeat = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException(
                    $"Unknown option '{rest[i]}'; expected --rows, --features, --seed, --block-rows, --ridge, --allreduce, --output, --repeat or --plain.", nameof(args)),
            };
        }
        if (rest.Length % 2 != 0) throw new ArgumentException($"Option '{rest[^1]}' has no value.", nameof(args));
        return options;
    }
}
