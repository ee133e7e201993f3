using System.Diagnostics;
using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Benchmarks.Solvers;

/// <summary>
/// Runs our minimizers (entries of <see cref="MinimizationMethods"/> with their default options) and
/// MathNet.Numerics.Optimization's side by side on the same problems with the same analytic oracle: BFGS vs <see cref="BfgsMinimizer"/>, L-BFGS vs <see cref="LimitedMemoryBfgsMinimizer"/>,
/// nonlinear CG vs <see cref="ConjugateGradientMinimizer"/>, Newton vs <see cref="NewtonMinimizer"/> and
/// Nelder–Mead vs <see cref="NelderMeadSimplex"/>. A run counts as solved when the returned point has
/// f − f* ≤ 1e-6·(1 + |f*|) and, for gradient methods, ‖∇f‖₂ ≤ 1e-5. MathNet's minimizers throw when they
/// reach their iteration limit or their line search fails: the exception is caught and counted as a failure.
/// </summary>
public sealed class SolverComparison
{
    /// <summary>The method pairs compared, by their names in <see cref="MinimizationMethods"/>.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["bfgs", "lbfgs", "cg", "newton", "nelder-mead"];

    /// <summary>The gradient tolerance given to both libraries. Default 1e-8.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>The iteration limit given to both libraries. Default 10000.</summary>
    public int MaximumIterations { get; init; } = 10_000;

    /// <summary>Whether each run is preceded by an untimed one, so that wall times exclude JIT compilation. Default true.</summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>Problems above this dimension are not given to Nelder–Mead. Default 20.</summary>
    public int NelderMeadMaximumDimension { get; init; } = 20;

    /// <summary>
    /// Problems above this dimension are not given to the dense n×n methods (BFGS and Newton). Default 1000.
    /// MathNet's BFGS needs minutes at n = 1000 (it allocates dense n×n temporaries in every iteration).
    /// </summary>
    public int DenseMaximumDimension { get; init; } = 1000;

    /// <summary>Runs every method pair on every problem.</summary>
    /// <param name="problems">The problems.</param>
    public IReadOnlyList<ComparisonRow> Run(IEnumerable<TestProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var rows = new List<ComparisonRow>();
        foreach (var problem in problems)
            foreach (var method in Methods)
            {
                if (ValuesOnly(method) && problem.Dimension > NelderMeadMaximumDimension) continue;
                if (method is "newton" or "bfgs" && problem.Dimension > DenseMaximumDimension) continue;
                if (WarmUp)
                {
                    RunOurs(problem, method);
                    RunMathNet(problem, method);
                }
                rows.Add(RunOurs(problem, method));
                rows.Add(RunMathNet(problem, method));
            }
        return rows;
    }

    /// <summary>Runs our implementation of <paramref name="method"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="method">One of <see cref="Methods"/>.</param>
    public ComparisonRow RunOurs(TestProblem problem, string method)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var options = new DriverOptions { GradientTolerance = GradientTolerance, MaximumIterations = MaximumIterations };
        var start = problem.StartingPoint;
        bool valuesOnly = ValuesOnly(method);
        var result = MinimizationMethods.Get(method).Minimize(
            problem, start, valuesOnly ? options with { MaximumIterations = 100 * MaximumIterations } : options);
        double norm = valuesOnly ? GradientNorm(problem, result.Minimizer) : result.GradientNorm;
        return new ComparisonRow(Label(problem), method, "Optimize", IsSolved(problem, method, result.Minimum, norm),
            result.Evaluations.Values, result.Evaluations.Gradients, result.Evaluations.Hessians,
            result.Elapsed.TotalMilliseconds, norm, result.Reason.ToString());
    }

    /// <summary>Runs MathNet's implementation of <paramref name="method"/> through the same oracle.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="method">One of <see cref="Methods"/>.</param>
    public ComparisonRow RunMathNet(TestProblem problem, string method)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var counter = new MathNetObjective(problem);
        var start = DenseVector.OfArray(problem.StartingPoint);
        var clock = Stopwatch.StartNew();
        try
        {
            MathNet.Numerics.Optimization.MinimizationResult result = method switch
            {
                "bfgs" => new BfgsMinimizer(GradientTolerance, 1e-12, 1e-14, MaximumIterations).FindMinimum(counter.WithGradient(), start),
                "lbfgs" => new LimitedMemoryBfgsMinimizer(GradientTolerance, 1e-12, 1e-14, 10, MaximumIterations).FindMinimum(counter.WithGradient(), start),
                "cg" => new ConjugateGradientMinimizer(GradientTolerance, MaximumIterations).FindMinimum(counter.WithGradient(), start),
                "newton" => new NewtonMinimizer(GradientTolerance, MaximumIterations, true).FindMinimum(counter.WithHessian(), start),
                "nelder-mead" => new NelderMeadSimplex(1e-10, 100 * MaximumIterations).FindMinimum(counter.ValueOnly(), start),
                _ => throw new ArgumentException($"Unknown method '{method}'.", nameof(method)),
            };
            clock.Stop();
            var x = result.MinimizingPoint.ToArray();
            double value = problem.Value(x), norm = GradientNorm(problem, x);
            return new ComparisonRow(Label(problem), method, "MathNet", IsSolved(problem, method, value, norm),
                counter.Values, counter.Gradients, counter.Hessians, clock.Elapsed.TotalMilliseconds, norm, result.ReasonForExit.ToString());
        }
        catch (Exception error)
        {
            clock.Stop();
            return new ComparisonRow(Label(problem), method, "MathNet", false, counter.Values, counter.Gradients, counter.Hessians,
                clock.Elapsed.TotalMilliseconds, double.NaN, $"threw {error.GetType().Name}");
        }
    }

    /// <summary>A Markdown table: one line per problem and method, ours and MathNet's side by side, and the solved counts.</summary>
    /// <param name="rows">Rows from <see cref="Run"/>.</param>
    public static string FormatTable(IReadOnlyList<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| problem | method | ours solved | ours f / ∇f / ∇²f | ours ms | ours stop | MathNet solved | MathNet f / ∇f / ∇²f | MathNet ms | MathNet stop |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var pair in rows.Where(r => r.Library == "Optimize"))
        {
            var other = rows.Single(r => r.Library == "MathNet" && r.Problem == pair.Problem && r.Method == pair.Method);
            text.AppendLine(culture,
                $"| {pair.Problem} | {pair.Method} | {Mark(pair.Solved)} | {pair.Values} / {pair.Gradients} / {pair.Hessians} | {pair.Milliseconds:F1} | {pair.Outcome} | {Mark(other.Solved)} | {other.Values} / {other.Gradients} / {other.Hessians} | {other.Milliseconds:F1} | {other.Outcome} |");
        }
        int ours = rows.Count(r => r.Library == "Optimize" && r.Solved), theirs = rows.Count(r => r.Library == "MathNet" && r.Solved);
        text.AppendLine(culture, $"\nSolved: Optimize {ours} of {rows.Count / 2}, MathNet {theirs} of {rows.Count / 2}.");
        return text.ToString();
    }

    private static string Mark(bool solved) => solved ? "yes" : "no";

    private static string Label(TestProblem problem) => $"{problem.Name} (n={problem.Dimension})";

    private static bool IsSolved(TestProblem problem, string method, double value, double gradientNorm)
    {
        double known = problem.KnownMinimum ?? double.NaN;
        bool valueOk = double.IsFinite(value) && value - known <= 1e-6 * (1 + Math.Abs(known));
        return ValuesOnly(method) ? valueOk : valueOk && gradientNorm <= 1e-5;
    }

    /// <summary>Whether the method uses values only (it then has no gradient norm of its own and gets more iterations).</summary>
    private static bool ValuesOnly(string method) => MinimizationMethods.Get(method).Needs == OracleCapability.Value;

    private static double GradientNorm(TestProblem problem, double[] x)
    {
        var gradient = new double[problem.Dimension];
        problem.ValueAndGradient(x, gradient);
        return Math.Sqrt(gradient.Sum(g => g * g));
    }

    /// <summary>The problem seen through MathNet's objective-function factories, counting calls.</summary>
    private sealed class MathNetObjective(TestProblem problem)
    {
        public long Values, Gradients, Hessians;

        public IObjectiveFunction ValueOnly() => ObjectiveFunction.Value(x =>
        {
            Values++;
            return problem.Value(Storage(x));
        });

        public IObjectiveFunction WithGradient() => ObjectiveFunction.Gradient(x =>
        {
            Values++;
            Gradients++;
            var gradient = new double[problem.Dimension];
            double value = problem.ValueAndGradient(Storage(x), gradient);
            return (value, DenseVector.OfArray(gradient));
        });

        public IObjectiveFunction WithHessian() => ObjectiveFunction.GradientHessian(x =>
        {
            Values++;
            Gradients++;
            Hessians++;
            var point = Storage(x);
            var gradient = new double[problem.Dimension];
            double value = problem.ValueAndGradient(point, gradient);
            var hessian = Matrix<double>.Build.Dense(problem.Dimension, problem.Dimension);
            problem.Hessian(point, hessian);
            return (value, DenseVector.OfArray(gradient), hessian);
        });

        private static double[] Storage(Vector<double> x) => x is DenseVector dense ? dense.Values : x.ToArray();
    }
}
