using Optimize.Solvers;
using Optimize.Solvers.DerivativeFree;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.TrustRegions;

namespace Optimize.Cli.Sources;

/// <summary>
/// The minimization methods the command knows, grouped by the derivatives they need. Adding a method is one
/// entry here.
/// </summary>
public static class OptimizationMethods
{
    /// <summary>The method <c>optimize solve</c> uses when none is named.</summary>
    public const string DefaultName = "lbfgs";

    /// <summary>Every method: value-only, first-order, Hessian-vector, Hessian.</summary>
    public static IReadOnlyList<OptimizationMethod> All { get; } =
    [
        OptimizationMethod.For("nelder-mead", "Nelder–Mead simplex with adaptive parameters, values only",
            () => new NelderMead()),
        OptimizationMethod.For("gradient-descent", "steepest descent with a line search", () => new GradientDescent()),
        OptimizationMethod.For("heavy-ball", "Polyak's heavy-ball momentum", () => new HeavyBall()),
        OptimizationMethod.For("nesterov", "Nesterov's accelerated gradient", () => new NesterovAcceleratedGradient()),
        OptimizationMethod.For("adam", "Adam (Kingma & Ba)", () => new Adam()),
        OptimizationMethod.For("coordinate-descent", "coordinate descent", () => new CoordinateDescent()),
        OptimizationMethod.For("cg", "nonlinear conjugate gradient (Hager–Zhang)", () => new ConjugateGradient()),
        OptimizationMethod.For("bfgs", "BFGS with a Moré–Thuente line search", () => new Bfgs()),
        OptimizationMethod.For(DefaultName, "limited-memory BFGS, memory 10", () => new Lbfgs()),
        OptimizationMethod.For("sr1", "SR1 quasi-Newton in a trust region (Steihaug–Toint)", () => new Sr1TrustRegion()),
        OptimizationMethod.For("newton-cg", "truncated Newton: CG on Hessian-vector products, line search", () => new NewtonConjugateGradient()),
        OptimizationMethod.For("trust-region-cg", "trust region, Steihaug–Toint CG on Hessian-vector products", () => new SteihaugTrustRegion()),
        OptimizationMethod.For("newton", "Newton with a modified-Cholesky Hessian and a line search", () => new Newton()),
        OptimizationMethod.For("trust-region-dogleg", "trust region with the dogleg step on the Hessian",
            () => new TrustRegion(new TrustRegionNewtonOptions { Subproblem = TrustRegionSubproblem.Dogleg })),
        OptimizationMethod.For("trust-region-exact", "trust region with the Moré–Sorensen exact step on the Hessian",
            () => new TrustRegion(new TrustRegionNewtonOptions { Subproblem = TrustRegionSubproblem.Exact })),
    ];

    /// <summary>The methods of a default <c>compare</c> run: one or two per kind of derivative, to keep it short.</summary>
    public static IReadOnlyList<string> QuickNames { get; } = ["nelder-mead", "cg", "bfgs", DefaultName, "newton-cg", "newton", "trust-region-exact"];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names => All.Select(method => method.Name).ToArray();

    /// <summary>Finds a method by name (case-insensitive); null when there is none.</summary>
    /// <param name="name">The name.</param>
    public static OptimizationMethod? Find(string name) =>
        All.FirstOrDefault(method => string.Equals(method.Name, name, StringComparison.OrdinalIgnoreCase));
}
