using System.Globalization;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers.LeastSquares;

namespace Optimize.LeastSquares.Examples;

/// <summary>
/// MINPACK-1's least-squares test protocol: the 53 runs of its lmder1 driver (18 problems, sizes and starts x₀, 10x₀,
/// 100x₀ as the driver's data file gives them) solved by our Levenberg–Marquardt with lmder1's settings (ftol = xtol
/// = √ε, gtol = 0, maxfev = 100(n + 1), factor 100, mode 1), side by side with MINPACK's published output.
/// </summary>
internal static class MinpackProtocol
{
    /// <summary>Relative tolerance on the final residual norm for a run to count as solved.</summary>
    private const double RelativeTolerance = 1e-6;

    /// <summary>Absolute floor for problems whose minimum residual is zero.</summary>
    private const double AbsoluteTolerance = 1e-10;

    public static int Run(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var solver = new LevenbergMarquardt();
        var instances = MinpackLeastSquaresSet.Instances;
        // The reference minimum of a problem at one size: the smallest norm MINPACK reports for it from any start.
        var best = instances.GroupBy(Key).ToDictionary(g => g.Key, g => g.Min(i => i.FinalNorm));
        output.WriteLine($"MINPACK lmder protocol: {instances.Count} runs; reference: {MinpackLeastSquaresSet.Source}");
        output.WriteLine($"solved: final ‖r‖ ≤ r*·(1 + {RelativeTolerance:G}) + {AbsoluteTolerance:G}, r* = the smallest final ‖r‖ MINPACK reports for the problem at that size");
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{"run",-44} {"MINPACK ‖r‖",14} {"nfev",5} {"njev",5} {"info",4} {"ours ‖r‖",14} {"nfev",5} {"njev",5} {"info",4} {"reason",-24} solved (MINPACK/ours)"));
        var rows = new List<(MinpackLeastSquaresInstance Instance, bool Theirs, bool Ours, long Njev)>();
        foreach (var instance in instances)
        {
            var residuals = new SumOfSquaresResiduals(instance.Problem);
            var result = solver.Solve(residuals, instance.Start());
            // MINPACK's driver prints the norm of r recomputed at the returned x.
            double norm = result.ResidualNorm;
            double target = best[Key(instance)] * (1 + RelativeTolerance) + AbsoluteTolerance;
            bool theirs = instance.FinalNorm <= target, ours = norm <= target;
            rows.Add((instance, theirs, ours, result.JacobianEvaluations));
            output.WriteLine(string.Create(c,
                $"{instance.Name,-44} {instance.FinalNorm,14:E7} {instance.ResidualEvaluations,5} {instance.JacobianEvaluations,5} {instance.Info,4} {norm,14:E7} {result.ResidualEvaluations,5} {result.JacobianEvaluations,5} {result.Diagnostics["minpack info"],4} {result.Reason,-24} {Mark(theirs)}/{Mark(ours)}"));
        }
        var both = rows.Where(r => r.Theirs && r.Ours).ToList();
        output.WriteLine();
        output.WriteLine($"solved: MINPACK {rows.Count(r => r.Theirs)} of {rows.Count}, ours {rows.Count(r => r.Ours)} of {rows.Count}");
        output.WriteLine(string.Create(c,
            $"median Jacobian evaluations on the {both.Count} runs both solve: MINPACK {Median(both.Select(r => (double)r.Instance.JacobianEvaluations))}, ours {Median(both.Select(r => (double)r.Njev))}"));
        output.WriteLine($"runs with the same njev as MINPACK: {rows.Count(r => r.Njev == r.Instance.JacobianEvaluations)} of {rows.Count}");
        return 0;
    }

    private static (int, int, int) Key(MinpackLeastSquaresInstance instance) =>
        (instance.Number, instance.Problem.Dimension, instance.Problem.ResidualCount);

    private static string Mark(bool solved) => solved ? "yes" : "no";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
