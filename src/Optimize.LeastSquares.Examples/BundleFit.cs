using System.Diagnostics;
using System.Globalization;
using Optimize.AutoDiff;
using Optimize.FiniteDifferences;
using Optimize.Problems.GradBench;
using Optimize.Solvers.LeastSquares;

namespace Optimize.LeastSquares.Examples;

/// <summary>
/// Bundle adjustment (GradBench's ba instances, <see cref="BundleAdjustment"/>) fitted by the trust-region reflective
/// method's sparse path: the Jacobian's rows by the adjoint code the derivative generator wrote for the reprojection
/// and weight residuals, in compressed rows (<see cref="CompressedRowResiduals"/>), and the subproblems by LSQR.
/// The start is ADBench's point with every entry moved by up to ±2 % (seeded). Prints wall time, evaluations and memory.
/// </summary>
internal static class BundleFit
{
    public static int Run(TextWriter output, string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var problem = args.Length >= 3
            ? new BundleAdjustment(int.Parse(args[0], c), int.Parse(args[1], c), int.Parse(args[2], c))
            : BundleAdjustment.FromGradBench(args.Length > 0 ? int.Parse(args[0], c) : 1);
        int evaluations = args.Length is 2 or 4 ? int.Parse(args[^1], c) : 10;
        var residuals = new CompressedRowResiduals(problem.Dimension, problem.JacobianRowStarts(), problem.JacobianColumns(),
            problem.Residuals, problem.JacobianByGeneratedCode);
        int colours = new ColoredJacobian(residuals, residuals.Sparsity).Coloring.ColorCount;
        double setup = clock.Elapsed.TotalSeconds;
        var random = new Random(1);
        var x0 = problem.StartingPoint.Select(v => v * (1 + 0.02 * (2 * random.NextDouble() - 1))).ToArray();
        var options = new TrustRegionReflectiveOptions { Sparsity = residuals.Sparsity, MaximumEvaluations = evaluations };
        clock.Restart();
        var result = new TrustRegionReflective(options).Solve(residuals, x0);
        double solve = clock.Elapsed.TotalSeconds;
        var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(c, $"bundle adjustment {problem}: {residuals.Sparsity.NonZeroCount} nonzeros in J, {colours} colours"));
        output.WriteLine(string.Create(c, $"{result.Reason}: {result.Message}"));
        output.WriteLine(string.Create(c, $"cost {result.InitialCost:G6} → {result.Cost:G6} (ratio {result.Cost / result.InitialCost:E2}), optimality {result.Optimality:E2}"));
        output.WriteLine(string.Create(c, $"iterations {result.Iterations}, residual evaluations {result.ResidualEvaluations} (limit {evaluations}), Jacobian evaluations {result.JacobianEvaluations}, generated-code Jacobian runs {residuals.JacobianCodeRuns}"));
        output.WriteLine(string.Create(c, $"wall time: setup (layout, pattern, colouring) {setup:F2} s, solve {solve:F2} s"));
        output.WriteLine(string.Create(c, $"memory: peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB, allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MiB in all, GC heap now {GC.GetTotalMemory(false) / 1048576.0:F0} MiB"));
        output.WriteLine(string.Create(c, $"a dense Jacobian would need {(double)problem.ResidualCountTotal * problem.Dimension * 8 / 1073741824.0:F1} GiB"));
        return result.Cost < result.InitialCost ? 0 : 1;
    }
}
