using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers;
using Optimize.Solvers.Methods;

namespace Optimize.Cli.Measurement;

/// <summary>
/// Runs methods × derivative sources × starts on a standard set and judges each run: solved, at another documented
/// minimum, or failed, and whether a reported convergence is false.
/// </summary>
public static class StandardSetRunner
{
    /// <summary>The relative distance to f* (or to a documented minimum) within which a run ends there: 10⁻⁶·max(1, |f*|).</summary>
    public const double SolvedTolerance = 1e-6;

    /// <summary>The relative gradient bound of a strict local minimizer: ‖∇f‖∞ ≤ 10⁻⁵·max(1, |f|).</summary>
    public const double StationaryTolerance = 1e-5;

    /// <summary>Whether <paramref name="value"/> is within <see cref="SolvedTolerance"/> of <paramref name="minimum"/>.</summary>
    /// <param name="value">The final f.</param>
    /// <param name="minimum">A known minimum.</param>
    public static bool Reaches(double value, double minimum) =>
        double.IsFinite(value) && value - minimum <= SolvedTolerance * Math.Max(1, Math.Abs(minimum));

    /// <summary>
    /// Whether <paramref name="value"/> is within <see cref="SolvedTolerance"/> of a documented minimum other than f*, on
    /// either side: unlike f*, such a minimum is not a lower bound.
    /// </summary>
    /// <param name="value">The final f.</param>
    /// <param name="minimum">The documented minimum.</param>
    public static bool Near(double value, double minimum) =>
        double.IsFinite(value) && Math.Abs(value - minimum) <= SolvedTolerance * Math.Max(1, Math.Abs(minimum));

    /// <summary>Judges a final value against the instance's f* and its documented other minima.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="value">The final f.</param>
    public static StandardSetOutcome Judge(StandardSetInstance instance, double value)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.KnownMinimum is double fStar && Reaches(value, fStar)) return StandardSetOutcome.Solved;
        return instance.OtherMinima.Any(m => Near(value, m.Value)) ? StandardSetOutcome.OtherKnownMinimum : StandardSetOutcome.Failed;
    }

    /// <summary>The largest n at which the strict-local-minimizer test factors the dense Hessian; beyond it, <see cref="HasPositiveCurvature"/>.</summary>
    public const int DenseHessianLimit = 1000;

    /// <summary>The most conjugate-gradient directions <see cref="HasPositiveCurvature"/> examines.</summary>
    public const int CurvatureDirections = 2000;

    /// <summary>
    /// The strict-local-minimizer test with the problem's exact (hand-coded) derivatives: ‖∇f(x)‖∞ ≤ 10⁻⁵·max(1, |f(x)|)
    /// and a Cholesky factorization of ∇²f(x) exists (the Hessian is positive definite). Above
    /// <see cref="DenseHessianLimit"/> variables the Hessian is not formed: positive curvature along the
    /// conjugate-gradient directions of <see cref="HasPositiveCurvature"/> stands in for the factorization.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="x">The point.</param>
    public static bool IsStrictLocalMinimizer(TestProblem problem, double[] x)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(x);
        var gradient = new double[problem.Dimension];
        double value = problem.ValueAndGradient(x, gradient);
        if (!double.IsFinite(value) || gradient.Any(g => !double.IsFinite(g))) return false;
        if (gradient.Max(Math.Abs) > StationaryTolerance * Math.Max(1, Math.Abs(value))) return false;
        if (problem.Dimension > DenseHessianLimit) return HasPositiveCurvature(problem, x, CurvatureDirections);
        var hessian = Matrix<double>.Build.Dense(problem.Dimension, problem.Dimension);
        problem.Hessian(x, hessian);
        return IsPositiveDefinite(hessian);
    }

    /// <summary>
    /// A matrix-free test of positive definiteness: conjugate gradients on ∇²f(x)·y = b, b seeded and random, for at most
    /// <paramref name="directions"/> steps or until the residual falls below 10⁻¹⁰‖b‖; false as soon as a direction p has
    /// pᵀ∇²f(x)p ≤ 0 (Nocedal &amp; Wright, "Numerical Optimization", 2nd ed., Algorithm 7.1). The curvatures along the
    /// directions are the pivots of the Lanczos tridiagonal matrix, so true means that matrix is positive definite: its
    /// smallest Ritz value, which approaches λmin(∇²f) from above, is positive. A necessary test, not a proof.
    /// </summary>
    /// <param name="problem">An objective with Hessian-vector products.</param>
    /// <param name="x">The point.</param>
    /// <param name="directions">The most directions to examine (at most n are used).</param>
    public static bool HasPositiveCurvature(IHessianVectorObjective problem, double[] x, int directions)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfLessThan(directions, 1);
        int n = problem.Dimension;
        var random = new Random(1);
        double[] residual = new double[n], direction = new double[n], product = new double[n];
        for (int i = 0; i < n; i++) residual[i] = direction[i] = random.NextDouble() - 0.5;
        double start = TensorPrimitives.Dot<double>(residual, residual), squared = start;
        for (int k = 0; k < Math.Min(directions, n) && squared > 1e-20 * start; k++)
        {
            problem.HessianVector(x, direction, product);
            double curvature = TensorPrimitives.Dot<double>(direction, product);
            if (!(curvature > 0) || !double.IsFinite(curvature)) return false;
            double alpha = squared / curvature;
            for (int i = 0; i < n; i++) residual[i] -= alpha * product[i];
            double next = TensorPrimitives.Dot<double>(residual, residual);
            for (int i = 0; i < n; i++) direction[i] = residual[i] + next / squared * direction[i];
            squared = next;
        }
        return true;
    }

    /// <summary>Whether the Cholesky factorization LLᵀ of the symmetric <paramref name="matrix"/> runs to the end with positive pivots.</summary>
    /// <param name="matrix">A symmetric matrix (only its lower triangle is read).</param>
    public static bool IsPositiveDefinite(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.RowCount;
        var l = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double pivot = matrix[j, j];
            for (int k = 0; k < j; k++) pivot -= l[j, k] * l[j, k];
            if (!(pivot > 0) || !double.IsFinite(pivot)) return false;
            l[j, j] = Math.Sqrt(pivot);
            for (int i = j + 1; i < n; i++)
            {
                double sum = matrix[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = sum / l[j, j];
            }
        }
        return true;
    }

    /// <summary>
    /// The number of runs <see cref="Run"/> makes: a value-only method runs once per instance and start, the others
    /// once per derivative source that gives what they need.
    /// </summary>
    /// <param name="instances">The instances.</param>
    /// <param name="methods">The methods.</param>
    /// <param name="sources">The sources.</param>
    /// <param name="factors">The start factors.</param>
    public static int Count(IReadOnlyList<StandardSetInstance> instances, IReadOnlyList<MinimizationMethod> methods,
        IReadOnlyList<DerivativeSource> sources, IReadOnlyList<double> factors)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(factors);
        return instances.Sum(instance => factors.Count * methods.Sum(method => Pairs(method, sources, instance.Problem).Count()));
    }

    private static IEnumerable<DerivativeSource?> Pairs(MinimizationMethod method, IReadOnlyList<DerivativeSource> sources, TestProblem problem) =>
        method.Needs == OracleCapability.Value
            ? [null]
            : sources.Where(source => method.Accepts(source.Provides) && source.Supports(problem)).Cast<DerivativeSource?>();

    /// <summary>Runs every combination, calling <paramref name="advance"/> after each run; stops early on cancellation.</summary>
    /// <param name="instances">The instances.</param>
    /// <param name="methods">The methods.</param>
    /// <param name="sources">The derivative sources (value-only methods ignore them).</param>
    /// <param name="factors">The start factors, e.g. 1, 10, 100.</param>
    /// <param name="options">Driver options of every run.</param>
    /// <param name="advance">Called after each run, with the name of the instance run.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    public static IReadOnlyList<StandardSetRun> Run(IReadOnlyList<StandardSetInstance> instances, IReadOnlyList<MinimizationMethod> methods,
        IReadOnlyList<DerivativeSource> sources, IReadOnlyList<double> factors, DriverOptions options, Action<string> advance,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(advance);
        var runs = new List<StandardSetRun>();
        foreach (var instance in instances)
            foreach (double factor in factors)
                foreach (var method in methods)
                    foreach (var source in Pairs(method, sources, instance.Problem))
                    {
                        if (cancellationToken.IsCancellationRequested) return runs;
                        runs.Add(RunOne(instance, factor, method, source, options, cancellationToken));
                        advance(instance.Name);
                    }
        return runs;
    }

    /// <summary>One run, judged.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="factor">The start factor.</param>
    /// <param name="method">The method.</param>
    /// <param name="source">The derivative source, or null for a value-only method.</param>
    /// <param name="options">Driver options.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    public static StandardSetRun RunOne(StandardSetInstance instance, double factor, MinimizationMethod method,
        DerivativeSource? source, DriverOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(method);
        var problem = instance.Problem;
        var run = MethodRunner.Run(problem, method, source, options, instance.Start(factor), bounds: null, cancellationToken);
        var result = run.Result;
        double value = problem.Value(result.Minimizer);
        var outcome = Judge(instance, value);
        bool strict = outcome == StandardSetOutcome.Failed && result.Converged && IsStrictLocalMinimizer(problem, result.Minimizer);
        var counts = result.Evaluations;
        return new StandardSetRun(instance.Name, problem.Dimension, factor, method.Name, run.SourceName, outcome, result.Reason,
            result.Converged, strict, counts.Values, counts.Gradients, counts.HessianVectors, counts.Hessians, result.Iterations,
            value, instance.KnownMinimum ?? double.NaN, result.Elapsed.TotalSeconds);
    }
}
