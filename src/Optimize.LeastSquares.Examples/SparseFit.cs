using System.Diagnostics;
using System.Globalization;
using Optimize.AutoDiff;
using Optimize.FiniteDifferences;
using Optimize.Solvers.LeastSquares;

namespace Optimize.LeastSquares.Examples;

/// <summary>
/// The sparse path at scale: <see cref="BandedResiduals"/> (10⁵ residuals, 10⁴ variables by default) solved by the
/// trust-region reflective method with a declared sparsity pattern: the Jacobian by one forward-mode JVP per colour,
/// stored sparse, and the trust-region subproblems by LSQR. Prints wall time, evaluations and memory.
/// </summary>
internal static class SparseFit
{
    public static int Run(TextWriter output, string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        int m = args.Length > 0 ? int.Parse(args[0], c) : 100_000;
        int n = args.Length > 1 ? int.Parse(args[1], c) : 10_000;
        var clock = Stopwatch.StartNew();
        var problem = new BandedResiduals(m, n);
        var pattern = problem.Pattern();
        var residuals = new ForwardModeVectorFunction(problem);
        int colours = new ColoredJacobian(residuals, pattern).Coloring.ColorCount;
        double setup = clock.Elapsed.TotalSeconds;
        var options = new TrustRegionReflectiveOptions { Sparsity = pattern };
        var x0 = Enumerable.Repeat(0.5, n).ToArray();
        clock.Restart();
        var result = new TrustRegionReflective(options).Solve(residuals, x0);
        double solve = clock.Elapsed.TotalSeconds;
        var truth = problem.Truth;
        double error = result.Solution.Zip(truth, (a, b) => Math.Abs(a - b)).Max();
        var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(c, $"sparse fit: m = {m} residuals, n = {n} variables, {pattern.NonZeroCount} nonzeros in J, {colours} colours"));
        output.WriteLine(result.Message);
        output.WriteLine(string.Create(c, $"cost {result.InitialCost:G6} → {result.Cost:G6}, optimality {result.Optimality:E2}, max |x − x*| = {error:E2} (x* generated the data, perturbed by 1e-3)"));
        output.WriteLine(string.Create(c, $"iterations {result.Iterations}, residual evaluations {result.ResidualEvaluations}, Jacobian evaluations {result.JacobianEvaluations} (each {colours} JVPs)"));
        output.WriteLine(string.Create(c, $"wall time: setup {setup:F2} s, solve {solve:F2} s"));
        output.WriteLine(string.Create(c, $"memory: peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB, allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MiB in all, GC heap now {GC.GetTotalMemory(false) / 1048576.0:F0} MiB, gen-2 collections {GC.CollectionCount(2)}"));
        output.WriteLine(string.Create(c, $"a dense Jacobian would need {(double)m * n * 8 / 1073741824.0:F1} GiB"));
        return result.Converged ? 0 : 1;
    }
}
