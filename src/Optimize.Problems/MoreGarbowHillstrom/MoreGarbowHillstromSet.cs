namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The complete Moré–Garbow–Hillstrom test set: all 35 problems of "Testing Unconstrained Optimization Software"
/// (ACM TOMS 7(1), 1981) at the dimensions of the paper and of MINPACK's test drivers, 42 instances in all.
/// Problems 1, 5, 7, 13, 14 and 21 are the library's <see cref="ExtendedRosenbrock"/>, <see cref="Beale"/>,
/// <see cref="HelicalValley"/>, <see cref="PowellSingular"/> and <see cref="Wood"/>. Published values of f at the
/// starts come from MINPACK-1's test output (residual norms to 8 digits), from Gonum's table, or in closed form;
/// f* from the paper, with more digits from MINPACK's output where the paper's 6 digits are too few to judge a
/// run by 10⁻⁶·max(1, |f*|).
/// </summary>
public static class MoreGarbowHillstromSet
{
    /// <summary>The set's name, as the command line selects it.</summary>
    public const string Name = "mgh";

    private const string Paper = "Moré, Garbow & Hillstrom (1981)";
    private const string PaperDigits = Paper + ", as printed there (6 digits)";
    private const string LeastSquaresFinal = Paper + ", with 8 digits from MINPACK-1's lmder test output (final residual norm squared)";
    private const string ClosedForm = "closed form at the start";

    /// <summary>The 42 instances, in the paper's order.</summary>
    public static IReadOnlyList<MoreGarbowHillstromInstance> Instances { get; } = Build();

    /// <summary>Finds an instance by <see cref="MoreGarbowHillstromInstance.Name"/> (case-insensitive); null when there is none.</summary>
    /// <param name="name">The name, e.g. <c>mgh20-watson-9</c>.</param>
    public static MoreGarbowHillstromInstance? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Instances.FirstOrDefault(instance => string.Equals(instance.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private static PublishedValue Ls(double norm) => PublishedValue.FromNorm(norm, PublishedValue.LeastSquaresOutput);
    private static PublishedValue Eq(double norm) => PublishedValue.FromNorm(norm, PublishedValue.EquationsOutput);
    private static PublishedValue Go(double value) => PublishedValue.Exact(value, PublishedValue.GonumTable);
    private static PublishedValue Exact(double value, string how) => PublishedValue.Exact(value, $"{ClosedForm}: {how}");

    private static MoreGarbowHillstromInstance Instance(int number, TestProblem problem, PublishedValue?[] starts,
        string minimumSource, params DocumentedMinimum[] others)
    {
        int m = problem is SumOfSquaresProblem sum ? sum.ResidualCount : problem.Dimension;
        return new(number, problem, m, starts, minimumSource, others);
    }

    private static MoreGarbowHillstromInstance[] Build()
    {
        const string lm = "MINPACK-1 lmder test output, final residual norm squared";
        return
        [
            Instance(1, new ExtendedRosenbrock(2), [Ls(4.9193496), Ls(1.3400631e3), Ls(1.4300005e5)], Paper),
            Instance(2, new FreudensteinRoth(), [Ls(20.012496), Ls(1.2432834e4), Ls(1.1426455e7)], Paper,
                new DocumentedMinimum(6.9988752 * 6.9988752, "(11.41…, −0.8968…)", $"{Paper} (48.9842); digits from {lm}")),
            Instance(3, new PowellBadlyScaled(), [Go(1.13526171734838), Eq(1.0000000), null], Paper),
            Instance(4, new BrownBadlyScaled(), [Go(999998000003), null, null], Paper),
            Instance(5, new Beale(), [Go(14.203125), null, null], Paper),
            Instance(6, new JennrichSampson(), [Ls(64.585650), null, null], LeastSquaresFinal),
            Instance(7, new HelicalValley(), [Ls(50), Ls(102.95630), Ls(991.26182)], Paper),
            Instance(8, new Bard(), [Ls(6.4561363), Ls(36.141853), Ls(384.11468)], LeastSquaresFinal,
                new DocumentedMinimum(4.1747687 * 4.1747687, "x₁ = 0.8406…, x₂, x₃ → −∞", $"{Paper} (17.4286); digits from {lm}")),
            Instance(9, new Gaussian(), [Go(3.88810699116688e-06), null, null], PaperDigits),
            Instance(10, new Meyer(), [Ls(41153.467), Ls(4.1682169e6), null], LeastSquaresFinal),
            Instance(11, new GulfResearch(), [Go(12.11070582556949), null, null], Paper),
            Instance(12, new Box3D(), [Ls(32.111584), null, null], Paper,
                new DocumentedMinimum(0, "(10, 1, −1) and every (a, a, 0)", Paper)),
            Instance(13, new PowellSingular(), [Ls(14.662878), Ls(1.2709839e3), Ls(1.2688790e5)], Paper),
            Instance(14, new Wood(), [Go(19192), null, null], Paper),
            Instance(15, new KowalikOsborne(), [Ls(0.072891510), Ls(2.9793701), Ls(29.959062)], LeastSquaresFinal,
                new DocumentedMinimum(0.032052193 * 0.032052193, "x₁ → ∞, x₂ = −14.07…, x₃, x₄ → −∞", $"{Paper} (1.02734·10⁻³); digits from {lm}")),
            Instance(16, new BrownDennis(), [Ls(2.8154384e3), Ls(5.5507335e5), Ls(6.1211252e7)], PaperDigits),
            Instance(17, new OsborneOne(), [Ls(0.93756402), null, null], LeastSquaresFinal),
            Instance(18, new BiggsExp6(), [Go(0.77907007565597), null, null], Paper,
                new DocumentedMinimum(5.65565e-3, "a local minimum for m = 13", Paper)),
            Instance(19, new OsborneTwo(), [Ls(1.4468654), null, null], LeastSquaresFinal),
            Instance(20, new Watson(6), [Ls(5.4772256), Ls(6.4331258e3), Ls(6.7425604e5)], LeastSquaresFinal),
            Instance(20, new Watson(9), [Ls(5.4772256), Ls(1.2088127e4), Ls(1.2691093e6)], LeastSquaresFinal),
            Instance(20, new Watson(12), [Ls(5.4772256), Ls(1.9220759e4), Ls(2.0189180e6)], LeastSquaresFinal),
            Instance(21, new ExtendedRosenbrock(10), [Exact(121, "5 × 24.2"), null, null], Paper),
            Instance(21, new ExtendedRosenbrock(100), [Exact(1210, "50 × 24.2"), null, null], Paper),
            Instance(22, new ExtendedPowellSingular(12), [Exact(645, "3 × 215, Powell's singular function's f(x₀)"), null, null], Paper),
            Instance(23, new PenaltyOne(4), [Go(885.06264), null, null], PaperDigits),
            Instance(23, new PenaltyOne(10), [Go(148032.56535), null, null], PaperDigits),
            Instance(24, new PenaltyTwo(4), [Go(2.34000880546302), null, null], PaperDigits),
            Instance(24, new PenaltyTwo(10), [Go(162.65277656596712), null, null], PaperDigits),
            Instance(25, new VariablyDimensioned(10), [Exact(2198551.1625, "Σ(j/n)² + s² + s⁴ with s = −Σj²/n = −38.5"), null, null], Paper),
            Instance(26, new Trigonometric(10), [Eq(0.084117534), Eq(20.305195), Eq(93.369375)], Paper),
            Instance(27, new BrownAlmostLinear(10), [Ls(16.530216), Ls(9.7656240e6), Ls(9.7656250e16)], Paper,
                new DocumentedMinimum(1, "(0, …, 0, n + 1)", Paper)),
            Instance(28, new DiscreteBoundaryValue(10), [Eq(0.028080582), Eq(0.52555258), Eq(106.57390)], Paper),
            Instance(29, new DiscreteIntegralEquation(10), [Eq(0.25182701), Eq(6.1168330), Eq(1.2693089e3)], Paper),
            Instance(30, new BroydenTridiagonal(10), [Eq(4.5825757), Eq(6.3910093e2), Eq(6.3337583e4)], Paper),
            Instance(31, new BroydenBanded(10), [Eq(18.973666), Eq(1.7130922e4), Eq(1.5949860e7)], Paper),
            Instance(32, new LinearFullRank(10, 20), [Exact(50, "rᵢ = −1 for i ≤ 10, −2 for i > 10"), null, null], Paper + " (m − n, here m = 20)"),
            Instance(33, new LinearRankOne(10, 20), [Exact(8658670, "Σᵢ(55i − 1)²"), null, null], Paper + " (m(m − 1)/(2(2m + 1)), here m = 20)"),
            Instance(34, new LinearRankOneZeroColumnsAndRows(10, 20), [Exact(4067996, "2 + Σₖ₌₁¹⁸(44k − 1)²"), null, null],
                Paper + " ((m² + 3m − 6)/(2(2m − 3)), here m = 20)"),
            Instance(35, new Chebyquad(8), [Ls(0.19651386), null, null], LeastSquaresFinal),
            Instance(35, new Chebyquad(9), [Ls(0.16994993), null, null], Paper),
            Instance(35, new Chebyquad(10), [Ls(0.18374783), null, null], LeastSquaresFinal),
        ];
    }
}
