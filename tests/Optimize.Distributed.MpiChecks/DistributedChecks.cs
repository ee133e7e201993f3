using MathNet.Numerics.LinearAlgebra;
using Optimize.Analytic;
using Optimize.AutoDiff;
using Optimize.Distributed.DataSets;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Optimize.Solvers;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Distributed.MpiChecks;

/// <summary>
/// The checks: every public static method taking the communicator. Each compares the distributed computation
/// on P processes with the plain single-process computation over all the data (which every process also does).
/// </summary>
public static class DistributedChecks
{
    private const double Agreement = 1e-12;
    private const double Ridge = 1.0;
    private static readonly SyntheticDataSet Data = new(rows: 4000, features: 10, seed: 7, blockRows: 250);
    private static readonly DriverOptions Tight = new() { GradientTolerance = 1e-9, MaximumIterations = 500 };

    private static LogisticLoss LocalLogistic(ICommunicator world) =>
        new(Data.Shard(world.Rank, world.Size), world.Rank == 0 ? Ridge : 0);

    private static LogisticLoss WholeLogistic() => new(Data.All(), Ridge);

    /// <summary>One Allreduce gives the exact sum, bit for bit the same on every process.</summary>
    public static void AllreduceSumsAndAgreesOnEveryRank(ICommunicator world)
    {
        var expect = new Expectations(world);
        var values = new double[1000];
        for (int i = 0; i < values.Length; i++) values[i] = Math.Sin(i + 1) * (world.Rank + 1);
        world.AllreduceSum(values);
        double factor = world.Size * (world.Size + 1) / 2.0;
        for (int i = 0; i < values.Length; i++) values[i] /= factor;
        var expected = Enumerable.Range(1, values.Length).Select(i => Math.Sin(i)).ToArray();
        expect.Close(values, expected, 1e-15, "sum of Allreduce");
        expect.SameOnEveryRank(values, "sum of Allreduce");
        expect.ThrowIfAny();
    }

    /// <summary>L-BFGS on the sharded logistic regression equals L-BFGS on all the data in one process.</summary>
    public static void LbfgsOnShardedLogisticRegressionMatchesOneProcess(ICommunicator world)
    {
        var expect = new Expectations(world);
        var sharded = ShardedObjective.Create(world, LocalLogistic(world));
        var x0 = new double[Data.Features];
        var distributed = new Lbfgs().Minimize(sharded, x0, Tight);
        var single = new Lbfgs().Minimize(WholeLogistic(), x0, Tight);
        Compare(expect, distributed, single, "L-BFGS logistic");
        expect.ThrowIfAny();
    }

    /// <summary>
    /// The solvers of other kinds run unchanged too: BFGS follows the one-process iterations; nonlinear CG and
    /// Newton–CG (on Hessian-vector products), whose restarts and inner stopping tests react to rounding, reach the
    /// same minimizer to within their tolerance, identically on every process.
    /// </summary>
    public static void OtherSolversOnShardedObjectiveMatchOneProcess(ICommunicator world)
    {
        var expect = new Expectations(world);
        var sharded = ShardedObjective.Create(world, LocalLogistic(world));
        var whole = WholeLogistic();
        var x0 = new double[Data.Features];
        Compare(expect, new Bfgs().Minimize(sharded, x0, Tight), new Bfgs().Minimize(whole, x0, Tight), "BFGS logistic");
        var loose = new DriverOptions { GradientTolerance = 1e-7, MaximumIterations = 500 };
        var cg = new ConjugateGradient().Minimize(sharded, x0, loose);
        var cgSingle = new ConjugateGradient().Minimize(whole, x0, loose);
        expect.True(cg.Converged && cgSingle.Converged, $"CG: {cg.Reason} / {cgSingle.Reason}");
        expect.Close(cg.Minimizer, cgSingle.Minimizer, 1e-6, "CG logistic minimizer (gradient tolerance 1e-7)");
        expect.SameOnEveryRank(cg.Minimizer, "CG minimizer");

        var x = Enumerable.Range(0, Data.Features).Select(i => 0.3 * Math.Cos(i)).ToArray();
        var v = Enumerable.Range(0, Data.Features).Select(i => 1.0 / (i + 1)).ToArray();
        var (hv, hvSingle) = (new double[Data.Features], new double[Data.Features]);
        sharded.HessianVector(x, v, hv);
        whole.HessianVector(x, v, hvSingle);
        expect.Close(hv, hvSingle, Agreement, "Hessian-vector product");
        expect.SameOnEveryRank(hv, "Hessian-vector product");
        var newtonCg = new NewtonConjugateGradient().Minimize(sharded, x0, new DriverOptions { MaximumIterations = 20 });
        var newtonCgSingle = new NewtonConjugateGradient().Minimize(whole, x0, new DriverOptions { MaximumIterations = 20 });
        expect.Close(newtonCg.Minimum, newtonCgSingle.Minimum, 1e-12, "Newton-CG logistic minimum after 20 iterations");
        expect.Close(newtonCg.Minimizer, cgSingle.Minimizer, 1e-6, "Newton-CG against CG minimizer");
        expect.SameOnEveryRank(newtonCg.Minimizer, "Newton-CG minimizer");
        expect.ThrowIfAny();
    }

    /// <summary>A local objective from generated derivative code (gradient by the generated adjoint, Hv over dual numbers) shards the same way.</summary>
    public static void ShardedGeneratedCodeObjectiveMatchesOneProcess(ICommunicator world)
    {
        var expect = new Expectations(world);
        var data = new SyntheticDataSet(rows: 1200, features: 5, seed: 9, blockRows: 100);
        var local = new GeneratedCodeObjective(new GeneratedLogistic(data.Shard(world.Rank, world.Size), world.Rank == 0 ? Ridge : 0));
        var whole = new GeneratedCodeObjective(new GeneratedLogistic(data.All(), Ridge));
        var sharded = ShardedObjective.Create(world, local);
        Compare(expect, new Lbfgs().Minimize(sharded, new double[5], Tight), new Lbfgs().Minimize(whole, new double[5], Tight),
            "L-BFGS generated-code logistic");
        double[] x = [0.1, 0.2, -0.3, 0.4, -0.5], v = [1, 0, -1, 2, 0.5];
        var (hv, hvWhole, hvHand) = (new double[5], new double[5], new double[5]);
        sharded.HessianVector(x, v, hv);
        whole.HessianVector(x, v, hvWhole);
        new LogisticLoss(data.All(), Ridge).HessianVector(x, v, hvHand);
        expect.Close(hv, hvWhole, Agreement, "generated-code Hessian-vector product");
        expect.Close(hv, hvHand, 1e-12, "generated-code against hand-coded Hessian-vector product");
        expect.ThrowIfAny();
    }

    /// <summary>Hessians are summed too: the sharded Hessian of finite-difference Hessians equals the one-process one.</summary>
    public static void ShardedHessianMatchesOneProcess(ICommunicator world)
    {
        var expect = new Expectations(world);
        var sharded = ShardedObjective.Create(world, FiniteDifferenceObjective.FromGradient(LocalLogistic(world)));
        var whole = FiniteDifferenceObjective.FromGradient(WholeLogistic());
        var x = Enumerable.Range(0, Data.Features).Select(i => 0.1 * (i - 4)).ToArray();
        var distributed = Matrix<double>.Build.Dense(Data.Features, Data.Features);
        var single = Matrix<double>.Build.Dense(Data.Features, Data.Features);
        sharded.Hessian(x, distributed);
        whole.Hessian(x, single);
        expect.Close(distributed.AsColumnMajorArray(), single.AsColumnMajorArray(), 1e-6, "finite-difference Hessian");
        expect.SameOnEveryRank(distributed.AsColumnMajorArray(), "Hessian");
        var newton = new Newton().Minimize(sharded, new double[Data.Features], Tight);
        var newtonSingle = new Newton().Minimize(whole, new double[Data.Features], Tight);
        expect.Close(newton.Minimizer, newtonSingle.Minimizer, 1e-9, "Newton logistic minimizer");
        expect.ThrowIfAny();
    }

    /// <summary>Sharded least squares: value, gradient, Gauss–Newton product and normal equations equal the one-process ones.</summary>
    public static void ShardedLeastSquaresMatchesOneProcess(ICommunicator world)
    {
        var expect = new Expectations(world);
        int n = Data.Features;
        var sharded = new ShardedLeastSquares(world, new LinearResiduals(Data.Shard(world.Rank, world.Size)));
        var whole = new ShardedLeastSquares(SingleProcessCommunicator.Instance, new LinearResiduals(Data.All()));
        expect.True(sharded.ResidualCount == Data.Rows, $"residual count {sharded.ResidualCount}, expected {Data.Rows}");
        var x = Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray();
        var v = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1)).ToArray();
        var (g, gWhole, hv, hvWhole) = (new double[n], new double[n], new double[n], new double[n]);
        expect.Close(sharded.ValueAndGradient(x, g), whole.ValueAndGradient(x, gWhole), Agreement, "least-squares value");
        expect.Close(g, gWhole, Agreement, "least-squares gradient");
        sharded.GaussNewtonProduct(x, v, hv);
        whole.GaussNewtonProduct(x, v, hvWhole);
        expect.Close(hv, hvWhole, Agreement, "Gauss-Newton product");
        var (normal, normalWhole) = (Matrix<double>.Build.Dense(n, n), Matrix<double>.Build.Dense(n, n));
        expect.Close(sharded.NormalEquations(x, normal, g), whole.NormalEquations(x, normalWhole, gWhole), Agreement, "normal-equations value");
        expect.Close(normal.AsColumnMajorArray(), normalWhole.AsColumnMajorArray(), Agreement, "JᵀJ");
        expect.Close(g, gWhole, Agreement, "Jᵀr");
        expect.Close(normal.Multiply(Vector<double>.Build.DenseOfArray(v)).ToArray(), hvWhole, Agreement, "JᵀJ·v against the product");
        expect.SameOnEveryRank(normal.AsColumnMajorArray(), "JᵀJ");
        var fit = new Lbfgs().Minimize(sharded, new double[n], Tight);
        var fitWhole = new Lbfgs().Minimize(whole, new double[n], Tight);
        Compare(expect, fit, fitWhole, "L-BFGS least-squares fit");
        expect.Close(fit.Minimizer, Data.TrueWeights, 0.1, "fit against the true weights");
        expect.ThrowIfAny();
    }

    /// <summary>Finite-difference columns spread over the processes give bit for bit the one-process gradient.</summary>
    public static void DistributedFiniteDifferencesAreBitIdenticalToOneProcess(ICommunicator world)
    {
        var expect = new Expectations(world);
        var f = WholeLogistic();
        var x = Enumerable.Range(0, Data.Features).Select(i => 0.2 * Math.Sin(i)).ToArray();
        foreach (var method in new[] { FiniteDifferenceMethod.Central, FiniteDifferenceMethod.Forward })
        {
            var options = new FiniteDifferenceOptions { Method = method };
            var distributed = new DistributedFiniteDifferenceObjective(world, f, options);
            var single = FiniteDifferenceObjective.Create(f, options);
            var (g, gSingle) = (new double[Data.Features], new double[Data.Features]);
            double value = distributed.ValueAndGradient(x, g);
            double valueSingle = single.ValueAndGradient(x, gSingle);
            expect.True(value == valueSingle, $"{method}: value {value} differs from {valueSingle}");
            expect.True(g.AsSpan().SequenceEqual(gSingle), $"{method}: gradient differs from the one-process gradient");
            expect.Note($"{method} differences, columns {distributed.Columns.Start}..{distributed.Columns.End - 1} on rank 0: identical");
        }
        var run = new Lbfgs().Minimize(new DistributedFiniteDifferenceObjective(world, f), new double[Data.Features], DriverOptions.Default);
        var runSingle = new Lbfgs().Minimize(FiniteDifferenceObjective.Create(f), new double[Data.Features], DriverOptions.Default);
        expect.True(run.Minimizer.AsSpan().SequenceEqual(runSingle.Minimizer) && run.Iterations == runSingle.Iterations,
            "L-BFGS on distributed differences differs from one process");
        expect.SameOnEveryRank(run.Minimizer, "L-BFGS on distributed differences");
        expect.ThrowIfAny();
    }

    /// <summary>Multi-start over the processes finds the start a serial loop finds, and every process learns it.</summary>
    public static void MultiStartGathersTheBestStart(ICommunicator world)
    {
        var expect = new Expectations(world);
        var doubleWell = AnalyticObjective.Create(3, (ReadOnlySpan<double> x, Span<double> g) =>
        {
            double f = 0.1 * x[0] + 0.05 * x[1];
            for (int i = 0; i < 3; i++)
            {
                double s = x[i] * x[i] - 1;
                f += s * s;
                g[i] = 4 * x[i] * s;
            }
            g[0] += 0.1;
            g[1] += 0.05;
            return f;
        });
        var random = new Random(5);
        var starts = Enumerable.Range(0, 9).Select(_ => Enumerable.Range(0, 3).Select(_ => 4 * random.NextDouble() - 2).ToArray()).ToArray();
        MinimizationResult Solve(double[] x0) => new Lbfgs().Minimize(doubleWell, x0);
        var result = DistributedMultiStart.Minimize(world, starts, Solve);
        var serial = starts.Select(Solve).ToArray();
        int best = Array.FindIndex(serial, r => r.Minimum == serial.Min(s => s.Minimum));
        expect.True(result.BestStart == best, $"best start {result.BestStart}, expected {best}");
        expect.True(result.Minimizer.AsSpan().SequenceEqual(serial[best].Minimizer), "best point differs from the serial run");
        expect.True(result.Outcomes.Select(o => o.Minimum).SequenceEqual(serial.Select(s => s.Minimum)), "outcomes differ from the serial runs");
        expect.True(result.LocalResults.Count == starts.Skip(world.Rank).Where((_, i) => i % world.Size == 0).Count(),
            $"rank {world.Rank} ran {result.LocalResults.Count} starts");
        expect.True(result.Minimizer[0] < 0 && result.Minimizer[1] < 0, "the best point is not in the lowest well");
        expect.Note($"best start {result.BestStart} of {starts.Length}, f = {result.Minimum:R}");
        expect.SameOnEveryRank(result.Minimizer, "best point");
        expect.ThrowIfAny();
    }

    /// <summary>An exception on one process is thrown, with its message, on every process from the same call.</summary>
    public static void ExceptionOnOneRankIsThrownOnEveryRank(ICommunicator world)
    {
        var expect = new Expectations(world);
        int failing = world.Size - 1;
        int calls = 0;
        var local = LocalLogistic(world);
        var faulty = AnalyticObjective.Create(local.Dimension, (ReadOnlySpan<double> x, Span<double> g) =>
            world.Rank == failing && ++calls == 3 ? throw new InvalidOperationException("shard data unreadable") : local.ValueAndGradient(x, g));
        var sharded = ShardedObjective.Create(world, faulty);
        DistributedEvaluationException? caught = null;
        try
        {
            new Lbfgs().Minimize(sharded, new double[local.Dimension]);
        }
        catch (DistributedEvaluationException e)
        {
            caught = e;
        }
        expect.True(caught is { FailedRank: var rank, FailedProcesses: 1 } && rank == failing, $"caught {caught?.Message ?? "nothing"}");
        expect.True(caught?.Message.Contains("InvalidOperationException: shard data unreadable") == true, $"message: {caught?.Message}");
        expect.True((caught?.InnerException is not null) == (world.Rank == failing), "the inner exception is kept on the failing rank only");
        expect.Note($"every rank caught: {caught?.Message}");
        expect.ThrowIfAny();
    }

    /// <summary>With <see cref="NonFiniteShards.Stop"/>, a NaN on one process stops every process naming that rank.</summary>
    public static void NonFiniteShardStopsEveryRankWhenAskedTo(ICommunicator world)
    {
        var expect = new Expectations(world);
        int failing = world.Size - 1;
        var local = LocalLogistic(world);
        var poisoned = AnalyticObjective.Create(local.Dimension,
            (ReadOnlySpan<double> x, Span<double> g) => world.Rank == failing ? double.NaN : local.ValueAndGradient(x, g));
        string? message = null;
        try
        {
            ShardedObjective.Create(world, poisoned, NonFiniteShards.Stop).ValueAndGradient(new double[local.Dimension], new double[local.Dimension]);
        }
        catch (DistributedEvaluationException e)
        {
            message = e.Message;
        }
        expect.True(message?.Contains($"rank {failing}: the local value or gradient is not finite (NaN)") == true, $"message: {message}");

        var propagated = new Lbfgs().Minimize(ShardedObjective.Create(world, poisoned), new double[local.Dimension]);
        expect.True(propagated.Reason == TerminationReason.NonFiniteValue, $"propagated NaN ended with {propagated.Reason}");
        expect.ThrowIfAny();
    }

    /// <summary>Local objectives of different dimensions are refused on every process.</summary>
    public static void DifferentDimensionsAreRefusedOnEveryRank(ICommunicator world)
    {
        var expect = new Expectations(world);
        int n = world.Size > 1 && world.Rank == 1 ? 4 : 3;
        string? message = null;
        try
        {
            ShardedObjective.Create(world, AnalyticObjective.Create(n, (ReadOnlySpan<double> x) => 0.0));
        }
        catch (ArgumentException e) when (e.ParamName == "local")
        {
            message = e.Message;
        }
        expect.True((message is not null) == (world.Size > 1), $"size {world.Size}: {message ?? "accepted"}");
        expect.ThrowIfAny();
    }

    private static void Compare(Expectations expect, MinimizationResult distributed, MinimizationResult single, string what)
    {
        expect.True(distributed.Converged && single.Converged, $"{what}: {distributed.Reason} / {single.Reason}");
        expect.True(distributed.Iterations == single.Iterations,
            $"{what}: {distributed.Iterations} iterations against {single.Iterations} in one process");
        expect.True(distributed.Evaluations == single.Evaluations,
            $"{what}: evaluations {distributed.Evaluations} against {single.Evaluations} in one process");
        expect.Close(distributed.Minimizer, single.Minimizer, Agreement, $"{what} minimizer");
        expect.Close(distributed.Minimum, single.Minimum, Agreement, $"{what} minimum");
        expect.Note($"{what}: {distributed.Iterations} iterations, {distributed.Evaluations}, same in one process");
        expect.SameOnEveryRank([.. distributed.Minimizer, distributed.Minimum], $"{what} result");
    }
}
