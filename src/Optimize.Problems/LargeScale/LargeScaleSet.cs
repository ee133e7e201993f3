using Optimize.Problems.MoreGarbowHillstrom;

namespace Optimize.Problems.LargeScale;

/// <summary>
/// Large unconstrained problems at n = 1000 and n = 10000, each evaluation O(n): the variable-dimension problems of
/// Moré, Garbow &amp; Hillstrom ("Testing Unconstrained Optimization Software", ACM TOMS 7(1), 1981) that stay sparse
/// or structured at that size — 21 extended Rosenbrock, 22 extended Powell singular, 23 penalty I, 25 variably
/// dimensioned, 26 trigonometric, 28 discrete boundary value, 30 Broyden tridiagonal, 31 Broyden banded — and the
/// one-dimensional Ginzburg–Landau energy (<see cref="GinzburgLandau1D"/>), from their standard starts.
/// </summary>
/// <remarks>
/// Problem 24 (penalty II) is left out: its data exp(i/10) reach e¹⁰⁰⁰, beyond double precision, at n = 10⁴. Problem 27
/// (Brown almost-linear) and 29 (discrete integral equation) are dense, O(n²) per evaluation. f* = 0 for the
/// zero-residual problems (the paper's value for every n). For penalty I and Ginzburg–Landau f* depends on n and is not
/// published; it is computed: penalty I's minimizer lies on the ray t·(1, …, 1) (for fixed ‖x‖² the term Σ(xᵢ − 1)² is
/// least there), which leaves a cubic in t; Ginzburg–Landau's by Newton's method on its tridiagonal Hessian.
/// </remarks>
public static class LargeScaleSet
{
    /// <summary>The set's name, as the command line selects it.</summary>
    public const string Name = "large";

    /// <summary>The dimensions of every problem of the set.</summary>
    public static IReadOnlyList<int> Dimensions { get; } = [1000, 10000];

    private const string Paper = "Moré, Garbow & Hillstrom (1981): f* = 0 for every n";

    /// <summary>The instances: each problem at n = 1000, then each at n = 10000.</summary>
    public static IReadOnlyList<LargeScaleInstance> Instances { get; } = Dimensions.SelectMany(Build).ToArray();

    /// <summary>Finds an instance by <see cref="LargeScaleInstance.Name"/> (case-insensitive); null when there is none.</summary>
    /// <param name="name">The name, e.g. <c>mgh30-broyden-tridiagonal-1000</c>.</param>
    public static LargeScaleInstance? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Instances.FirstOrDefault(instance => string.Equals(instance.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private static LargeScaleInstance Mgh(int number, TestProblem problem) =>
        new($"mgh{number:00}-{problem.Name}-{problem.Dimension}", problem, 0, Paper);

    private static IEnumerable<LargeScaleInstance> Build(int n)
    {
        var penalty = new PenaltyOne(n);
        var landau = new GinzburgLandau1D(n);
        return
        [
            Mgh(21, new ExtendedRosenbrock(n)),
            Mgh(22, new ExtendedPowellSingular(n)),
            new($"mgh23-{penalty.Name}-{n}", penalty, PenaltyOneMinimum(n),
                "computed: f on the ray t·(1, …, 1) at the positive root of 4n t³ + (2a − 1)t − 2a (a = 10⁻⁵), by bisection"),
            Mgh(25, new VariablyDimensioned(n)),
            Mgh(26, new Trigonometric(n)),
            Mgh(28, new DiscreteBoundaryValue(n)),
            Mgh(30, new BroydenTridiagonal(n)),
            Mgh(31, new BroydenBanded(n)),
            new($"{landau.Name}-{n}", landau, TridiagonalNewtonMinimum(landau),
                "computed: Newton's method on the tridiagonal Hessian from the standard start, to ‖∇f‖∞ ≤ 10⁻¹²"),
        ];
    }

    /// <summary>
    /// Penalty I's f* at dimension <paramref name="n"/>: f(t·1) = a·n(t − 1)² + (n t² − ¼)², least where
    /// 4n t³ + (2a − 1)t − 2a = 0. That cubic is negative at 0 and at its turning point t꜀ = √((1 − 2a)/(12n)), positive at
    /// 1, and increasing beyond t꜀, so it has one positive root, bracketed by [t꜀, 1].
    /// </summary>
    /// <param name="n">The dimension.</param>
    public static double PenaltyOneMinimum(int n)
    {
        const double a = 1e-5;
        double Cubic(double t) => 4.0 * n * t * t * t + (2 * a - 1) * t - 2 * a;
        double low = Math.Sqrt((1 - 2 * a) / (12.0 * n)), high = 1;
        for (int k = 0; k < 200 && high - low > 0; k++)
        {
            double middle = 0.5 * (low + high);
            if (middle <= low || middle >= high) break;
            if (Cubic(middle) < 0) low = middle; else high = middle;
        }
        double root = 0.5 * (low + high), spread = n * root * root - 0.25;
        return a * n * (root - 1) * (root - 1) + spread * spread;
    }

    /// <summary>
    /// The minimum of a problem with a tridiagonal Hessian, by Newton's method with Armijo backtracking from the
    /// standard start: the Hessian's three diagonals come from three Hessian-vector products (the columns of each
    /// residue class mod 3 do not overlap), each Newton system is solved by the Thomas algorithm, and the iteration
    /// stops when ‖∇f‖∞ ≤ 10⁻¹² or no step lowers f.
    /// </summary>
    /// <param name="problem">A problem whose Hessian is tridiagonal and positive definite along the iteration.</param>
    /// <exception cref="InvalidOperationException">A Newton direction is not a descent direction (the Hessian is not positive definite there).</exception>
    internal static double TridiagonalNewtonMinimum(TestProblem problem)
    {
        int n = problem.Dimension;
        double[] x = problem.StartingPoint, gradient = new double[n], trial = new double[n], step = new double[n];
        double[] diagonal = new double[n], upper = new double[n], probe = new double[n], product = new double[n];
        double value = problem.ValueAndGradient(x, gradient);
        for (int iteration = 0; iteration < 200 && gradient.Max(Math.Abs) > 1e-12; iteration++)
        {
            for (int colour = 0; colour < 3; colour++)
            {
                for (int i = 0; i < n; i++) probe[i] = i % 3 == colour ? 1 : 0;
                problem.HessianVector(x, probe, product);
                for (int i = 0; i < n; i++)
                {
                    if (i % 3 == colour) diagonal[i] = product[i];
                    if (i + 1 < n && (i + 1) % 3 == colour) upper[i] = product[i];
                }
            }
            SolveTridiagonal(diagonal, upper, gradient, step);
            double slope = 0;
            for (int i = 0; i < n; i++) slope -= gradient[i] * step[i];
            if (!(slope < 0)) throw new InvalidOperationException($"{problem}: the Newton direction is not a descent direction at iteration {iteration}.");
            double alpha = 1, trialValue = double.NaN;
            for (int halving = 0; halving < 60; halving++, alpha /= 2)
            {
                for (int i = 0; i < n; i++) trial[i] = x[i] - alpha * step[i];
                trialValue = problem.Value(trial);
                if (trialValue <= value + 1e-4 * alpha * slope) break;
            }
            if (!(trialValue < value)) break;
            (x, trial) = (trial, x);
            value = problem.ValueAndGradient(x, gradient);
        }
        return value;
    }

    /// <summary>Solves T·s = b for the symmetric tridiagonal T (diagonal d, super-diagonal u) by the Thomas algorithm.</summary>
    private static void SolveTridiagonal(double[] d, double[] u, double[] b, double[] s)
    {
        int n = d.Length;
        var c = new double[n];
        double pivot = d[0];
        s[0] = b[0] / pivot;
        for (int i = 1; i < n; i++)
        {
            c[i - 1] = u[i - 1] / pivot;
            pivot = d[i] - u[i - 1] * c[i - 1];
            s[i] = (b[i] - u[i - 1] * s[i - 1]) / pivot;
        }
        for (int i = n - 2; i >= 0; i--) s[i] -= c[i] * s[i + 1];
    }
}
