using System.Globalization;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers.LeastSquares;

namespace Optimize.Cli.Measurement;

/// <summary>
/// MINPACK-1's least-squares test protocol: the 53 runs of its lmder1 driver (18 problems, sizes and starts x₀, 10x₀,
/// 100x₀ as the driver's data file gives them, <see cref="MinpackLeastSquaresSet"/>) solved by our
/// Levenberg–Marquardt with lmder1's settings (ftol = xtol = √ε, gtol = 0, maxfev = 100(n + 1), factor 100, mode 1),
/// side by side with MINPACK's published output (Moré, Garbow &amp; Hillstrom, "User Guide for MINPACK-1", ANL-80-74, 1980).
/// </summary>
public static class MinpackProtocol
{
    /// <summary>Relative tolerance on the final residual norm for a run to count as solved.</summary>
    public const double RelativeTolerance = 1e-6;

    /// <summary>Absolute floor for problems whose minimum residual is zero.</summary>
    public const double AbsoluteTolerance = 1e-10;

    /// <summary>
    /// Runs every instance of <see cref="MinpackLeastSquaresSet"/> and judges both codes against r*, the smallest
    /// final ‖r‖ MINPACK reports for the problem at that size from any start.
    /// </summary>
    /// <param name="cancellationToken">Stops between runs; the runs finished so far are returned.</param>
    public static IReadOnlyList<MinpackRun> Run(CancellationToken cancellationToken)
    {
        var solver = new LevenbergMarquardt();
        var instances = MinpackLeastSquaresSet.Instances;
        var best = instances.GroupBy(Key).ToDictionary(g => g.Key, g => g.Min(i => i.FinalNorm));
        var runs = new List<MinpackRun>();
        foreach (var instance in instances)
        {
            if (cancellationToken.IsCancellationRequested) break;
            var result = solver.Solve(new SumOfSquaresResiduals(instance.Problem), instance.Start(), cancellationToken);
            double target = best[Key(instance)] * (1 + RelativeTolerance) + AbsoluteTolerance;
            // MINPACK's driver prints the norm of r recomputed at the returned x.
            runs.Add(new MinpackRun(instance, result, instance.FinalNorm <= target, result.ResidualNorm <= target));
        }
        return runs;
    }

    /// <summary>
    /// Prints one line per run (MINPACK's ‖r‖, nfev, njev, info beside ours and our termination reason), then how
    /// many each solved and the median Jacobian evaluations on the runs both solve.
    /// </summary>
    /// <param name="runs">The runs of <see cref="Run"/>.</param>
    /// <param name="output">Where to write.</param>
    public static void Write(IReadOnlyList<MinpackRun> runs, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"MINPACK lmder protocol: {runs.Count} runs; reference: {MinpackLeastSquaresSet.Source}");
        output.WriteLine(string.Create(c, $"solved: final ‖r‖ ≤ r*·(1 + {RelativeTolerance:G}) + {AbsoluteTolerance:G}, r* = the smallest final ‖r‖ MINPACK reports for the problem at that size"));
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{"run",-44} {"MINPACK ‖r‖",14} {"nfev",5} {"njev",5} {"info",4} {"ours ‖r‖",14} {"nfev",5} {"njev",5} {"info",4} {"reason",-24} solved (MINPACK/ours)"));
        foreach (var run in runs)
        {
            var (instance, result) = (run.Instance, run.Result);
            output.WriteLine(string.Create(c,
                $"{instance.Name,-44} {instance.FinalNorm,14:E7} {instance.ResidualEvaluations,5} {instance.JacobianEvaluations,5} {instance.Info,4} {result.ResidualNorm,14:E7} {result.ResidualEvaluations,5} {result.JacobianEvaluations,5} {result.Diagnostics["minpack info"],4} {result.Reason,-24} {Mark(run.MinpackSolved)}/{Mark(run.Solved)}"));
        }
        var both = runs.Where(r => r.MinpackSolved && r.Solved).ToList();
        output.WriteLine();
        output.WriteLine($"solved: MINPACK {runs.Count(r => r.MinpackSolved)} of {runs.Count}, ours {runs.Count(r => r.Solved)} of {runs.Count}");
        output.WriteLine(string.Create(c,
            $"median Jacobian evaluations on the {both.Count} runs both solve: MINPACK {Median(both.Select(r => (double)r.Instance.JacobianEvaluations))}, ours {Median(both.Select(r => (double)r.Result.JacobianEvaluations))}"));
        output.WriteLine($"runs with the same njev as MINPACK: {runs.Count(r => r.Result.JacobianEvaluations == r.Instance.JacobianEvaluations)} of {runs.Count}");
    }

    private static (int, int, int) Key(MinpackLeastSquaresInstance instance) =>
        (instance.Number, instance.Problem.Dimension, instance.Problem.ResidualCount);

    private static string Mark(bool solved) => solved ? "yes" : "no";

    private static double Median(IEnumerable<double> values) => values.ToArray() is { Length: > 0 } array ? CostTiming.Median(array) : double.NaN;
}
