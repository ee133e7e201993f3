using Optimize.Constraints;
using Optimize.Problems.MoreGarbowHillstrom;

namespace Optimize.Problems.Bounded;

/// <summary>
/// Bound-constrained test problems: the bound-only problems of Hock &amp; Schittkowski, "Test Examples for Nonlinear
/// Programming Codes" (1981) — problems 3, 4, 5, 25, 38, 45 and 110, with their x₀, bounds, f* and x* (HS45's
/// published x₀ = (2, …, 2) lies outside its box, x₁ ≤ 1: a run projects it) — and
/// Moré–Garbow–Hillstrom problems in boxes that cut off the unconstrained minimizer, so that bounds are active at the
/// solution. A box keeps the MGH start inside and moves one bound (or one per pair) across the unconstrained
/// minimizer; f* and x* over the box are exact where the solution has a closed form and otherwise come from a
/// run of L-BFGS-B to a projected gradient of 10⁻¹³ whose KKT conditions (projected gradient zero, every active
/// bound held by a gradient of the right sign) the tests check.
/// </summary>
public static class BoundedSet
{
    /// <summary>The set's name, as the command line selects it.</summary>
    public const string Name = "bounded";

    private const string HockSchittkowski = "Hock & Schittkowski (1981)";
    private const string Computed = "computed: L-BFGS-B to ‖x − P(x − ∇f)‖∞ ≤ 1e-13, KKT checked";

    /// <summary>The Hock–Schittkowski bound-only problems 3, 4, 5, 25, 38, 45, 110.</summary>
    public static IReadOnlyList<BoundedProblem> HockSchittkowskiProblems { get; } =
    [
        FromProblem(new HockSchittkowski3(), [double.NegativeInfinity, 0], [double.PositiveInfinity, double.PositiveInfinity], [1]),
        FromProblem(new HockSchittkowski4(), [1, 0], [double.PositiveInfinity, double.PositiveInfinity], [0, 1]),
        FromProblem(new HockSchittkowski5(), [-1.5, -3], [4, 3], []),
        FromProblem(new HockSchittkowski25(), [0.1, 0, 0], [100, 25.6, 5], []),
        new BoundedProblem("hs38", new Wood(), Bounds.Box(4, -10, 10), 0, [1, 1, 1, 1], [],
            HockSchittkowski + ", problem 38 (Colville's function, which is Wood's)"),
        FromProblem(new HockSchittkowski45(), [0, 0, 0, 0, 0], [1, 2, 3, 4, 5], [0, 1, 2, 3, 4]),
        FromProblem(new HockSchittkowski110(), Enumerable.Repeat(2.001, 10).ToArray(), Enumerable.Repeat(9.999, 10).ToArray(), []),
    ];

    /// <summary>Moré–Garbow–Hillstrom problems in boxes whose bounds are active at the solution.</summary>
    public static IReadOnlyList<BoundedProblem> BoxedMoreGarbowHillstrom { get; } = BuildBoxed();

    /// <summary>Every instance: <see cref="HockSchittkowskiProblems"/>, then <see cref="BoxedMoreGarbowHillstrom"/>.</summary>
    public static IReadOnlyList<BoundedProblem> Instances { get; } = [.. HockSchittkowskiProblems, .. BoxedMoreGarbowHillstrom];

    /// <summary>Finds an instance by name (case-insensitive); null when there is none.</summary>
    /// <param name="name">The name, e.g. <c>hs45</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static BoundedProblem? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Instances.FirstOrDefault(instance => string.Equals(instance.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private static BoundedProblem FromProblem(TestProblem problem, double[] lower, double[] upper, int[] active) =>
        new(problem.Name, problem, Bounds.Create(lower, upper), problem.KnownMinimum!.Value, problem.KnownMinimizer!, active,
            problem.Source);

    private static BoundedProblem[] BuildBoxed()
    {
        const double Inf = double.PositiveInfinity;
        // Extended Rosenbrock with x₂ᵢ₋₁ ≤ 0.5: each pair ends at (0.5, 0.25), where f's pair term is (1 − 0.5)².
        static BoundedProblem Rosenbrock(string name, int n) => new(
            name, new ExtendedRosenbrock(n),
            Bounds.Create(Enumerable.Repeat(-Inf, n).ToArray(), Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 0.5 : Inf).ToArray()),
            0.25 * n / 2, Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 0.5 : 0.25).ToArray(),
            Enumerable.Range(0, n).Where(i => i % 2 == 0).ToArray(), "closed form: (x₂ᵢ₋₁, x₂ᵢ) = (0.5, 0.25), ∂f/∂x₂ᵢ₋₁ = −1 there");
        return
        [
            new("mgh01-rosenbrock-boxed", new ExtendedRosenbrock(2), Bounds.Create([-2, -2], [0.5, 2]), 0.25, [0.5, 0.25], [0],
                "closed form: x₁ at its upper bound 0.5, x₂ = x₁², ∂f/∂x₁ = −1 there"),
            new("mgh05-beale-boxed", new Beale(), Bounds.Create([0.6, -0.5], [2.5, 1.5]), 0.07270005065353373,
                [2.5, 0.3500634945251207], [0], Computed),
            new("mgh07-helical-valley-boxed", new HelicalValley(), Bounds.Create([-10, -10, -10], [0.8, 10, 10]), 0.9904221209613998,
                [0.8, 0.5619366456706893, 0.9649340753151796], [0], Computed),
            new("mgh13-powell-singular-boxed", new PowellSingular(), Bounds.Create([0.1, -100, -100, -100], [100, 100, 100, 100]),
                0.0001878196300583033, [0.1, -0.00998223415732042, 0.04307310782090411, 0.043783741528087027], [0], Computed),
            new("mgh14-wood-boxed", new Wood(), Bounds.Create([-10, -10, -10, -10], [10, 10, 0.8, 10]), 0.1169235320856545,
                [1.1589313684389946, 1.3438075974261947, 0.8, 0.6423207271276792], [2], Computed),
            new("mgh23-penalty-one-4-boxed", new PenaltyOne(4), Bounds.Create([0.3, 0.3, -10, -10], [10, 10, 10, 10]),
                2.3016213292058458E-05, [0.3, 0.3, 0.1871118943017934, 0.1871118943017934], [0, 1], Computed),
            new("mgh25-variably-dimensioned-10-boxed", new VariablyDimensioned(10),
                Bounds.Create(Enumerable.Repeat(-10.0, 10).ToArray(), [0.95, 0.95, 0.95, 0.95, 0.95, 10, 10, 10, 10, 10]),
                0.014199395796751486,
                [0.95, 0.95, 0.95, 0.95, 0.95, 1.013595166584878, 1.0158610276823576, 1.018126888779836, 1.0203927498773155, 1.0226586109747948],
                [0, 1, 2, 3, 4], Computed),
            Rosenbrock("mgh21-rosenbrock-10-boxed", 10),
            Rosenbrock("mgh21-rosenbrock-100-boxed", 100),
        ];
    }
}
