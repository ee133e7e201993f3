using Optimize.Solvers.Bounded;
using Optimize.Solvers.DerivativeFree;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.TrustRegions;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.Methods;

/// <summary>
/// The toolkit's minimization methods, one entry each, grouped by the oracle they need (values, gradients,
/// Hessian-vector products, Hessians). The command line, the F# API, the benchmarks, the tests and the notebooks
/// read this list; adding a method is one entry here.
/// </summary>
public static class MinimizationMethods
{
    /// <summary>The method used when none is named: L-BFGS with memory 10.</summary>
    public const string DefaultName = "lbfgs";

    /// <summary>Every method, with its default options: value-only, first-order, Hessian-vector, Hessian.</summary>
    public static IReadOnlyList<MinimizationMethod> All { get; } =
    [
        MinimizationMethod.For("nelder-mead", "Nelder–Mead simplex with adaptive parameters, values only",
            new NelderMeadOptions(), options => new NelderMead(options)),
        MinimizationMethod.For("gradient-descent", "steepest descent with a line search",
            new GradientDescentOptions(), options => new GradientDescent(options)),
        MinimizationMethod.For("heavy-ball", "Polyak's heavy-ball momentum",
            new HeavyBallOptions(), options => new HeavyBall(options)),
        MinimizationMethod.For("nesterov", "Nesterov's accelerated gradient",
            new NesterovOptions(), options => new NesterovAcceleratedGradient(options)),
        MinimizationMethod.For("adam", "Adam (Kingma & Ba)",
            new AdamOptions(), options => new Adam(options)),
        MinimizationMethod.For("coordinate-descent", "coordinate descent",
            new CoordinateDescentOptions(), options => new CoordinateDescent(options)),
        MinimizationMethod.For("cg", "nonlinear conjugate gradient (Hager–Zhang)",
            new ConjugateGradientOptions(), options => new ConjugateGradient(options)),
        MinimizationMethod.For("bfgs", "BFGS with a Moré–Thuente line search",
            new BfgsOptions(), options => new Bfgs(options)),
        MinimizationMethod.For(DefaultName, "limited-memory BFGS, memory 10",
            new LbfgsOptions(), options => new Lbfgs(options)),
        MinimizationMethod.For("lbfgsb", "L-BFGS-B: limited-memory BFGS for bounds (Byrd, Lu, Nocedal & Zhu), memory 10",
            new LbfgsbOptions(), options => new Lbfgsb(options)),
        MinimizationMethod.For("sr1", "SR1 quasi-Newton in a trust region (Steihaug–Toint)",
            new Sr1TrustRegionOptions(), options => new Sr1TrustRegion(options)),
        MinimizationMethod.For("newton-cg", "truncated Newton: CG on Hessian-vector products, line search",
            new NewtonConjugateGradientOptions(), options => new NewtonConjugateGradient(options)),
        MinimizationMethod.For("trust-region-cg", "trust region, Steihaug–Toint CG on Hessian-vector products",
            new SteihaugTrustRegionOptions(), options => new SteihaugTrustRegion(options)),
        MinimizationMethod.For("tron", "TRON: projected trust-region Newton for bounds on Hessian-vector products (Lin & Moré)",
            new TronOptions(), options => new Tron(options)),
        MinimizationMethod.For("newton", "Newton with a modified-Cholesky Hessian and a line search",
            new NewtonOptions(), options => new Newton(options)),
        MinimizationMethod.For("sparse-newton", "Newton on a sparse Hessian: one Hv per colour of a star colouring, sparse Cholesky",
            new SparseNewtonOptions(), options => new SparseNewton(options)),
        MinimizationMethod.For("trust-region-dogleg", "trust region with the dogleg step on the Hessian",
            new TrustRegionNewtonOptions { Subproblem = TrustRegionSubproblem.Dogleg }, options => new TrustRegion(options)),
        MinimizationMethod.For("trust-region-exact", "trust region with the Moré–Sorensen exact step on the Hessian",
            new TrustRegionNewtonOptions { Subproblem = TrustRegionSubproblem.Exact }, options => new TrustRegion(options)),
    ];

    /// <summary>A short selection: one or two methods per kind of oracle (the command line's default <c>compare</c> run).</summary>
    public static IReadOnlyList<string> QuickNames { get; } = ["nelder-mead", "cg", "bfgs", DefaultName, "newton-cg", "newton", "trust-region-exact"];

    /// <summary>The names of <see cref="All"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(method => method.Name).ToArray();

    /// <summary>The entry named <see cref="DefaultName"/>.</summary>
    public static MinimizationMethod Default => Get(DefaultName);

    /// <summary>Finds a method by name (case-insensitive); null when there is none.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static MinimizationMethod? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(method => string.Equals(method.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The method named <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">No method has that name; the message lists the names.</exception>
    public static MinimizationMethod Get(string name) =>
        Find(name) ?? throw new ArgumentException(
            $"Unknown method '{name}'. Valid methods: {string.Join(", ", Names)}.", nameof(name));
}
