using Optimize.Analytic;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.Tests.LineSearches;

/// <summary>Every line search on one-dimensional rays φ(α) = f(x + αd) with known shapes.</summary>
public class LineSearchTests
{
    public static TheoryData<string> Searches => new() { "backtracking", "more-thuente", "hager-zhang" };

    internal static LineSearch Create(string name) => name switch
    {
        "backtracking" => new BacktrackingLineSearch(),
        "more-thuente" => new MoreThuenteLineSearch(),
        _ => new HagerZhangLineSearch(),
    };

    /// <summary>φ along d = 1 from x = 0 for a scalar objective.</summary>
    internal static (LineFunction Phi, double Value0, double Slope0) Ray(IGradientObjective objective, double start)
    {
        var x = new[] { start };
        var d = new[] { 1.0 };
        var phi = new LineFunction(objective, x, d);
        double value0 = phi.ValueAndSlope(0, out double slope0);
        return (phi, value0, slope0);
    }

    private static IGradientObjective Scalar(Func<double, double> f, Func<double, double> df) =>
        AnalyticObjective.Create(1, x => f(x[0]), (x, g) => g[0] = df(x[0]));

    [Theory]
    [MemberData(nameof(Searches))]
    public void FindsASufficientDecreaseStepOnAQuadratic(string name)
    {
        // φ(α) = (α − 3)², φ′(0) = −6: the exact minimizer is α = 3.
        var (phi, value0, slope0) = Ray(Scalar(a => (a - 3) * (a - 3), a => 2 * (a - 3)), 0);
        var result = Create(name).Search(phi, value0, slope0, 1);
        Assert.Equal(LineSearchStatus.Converged, result.Status);
        Assert.True(result.Value <= value0 + 1e-4 * result.Step * slope0);
        Assert.True(result.Step > 0);
    }

    [Theory]
    [InlineData("more-thuente")]
    [InlineData("hager-zhang")]
    public void WolfeSearchesSatisfyTheCurvatureCondition(string name)
    {
        // φ(α) = −α·e^(−α) + 0.01α², a smooth function with a minimizer near α ≈ 1.
        var (phi, value0, slope0) = Ray(Scalar(a => -a * Math.Exp(-a) + 0.01 * a * a, a => (a - 1) * Math.Exp(-a) + 0.02 * a), 0);
        var search = Create(name);
        var result = search.Search(phi, value0, slope0, 0.01);
        Assert.Equal(LineSearchStatus.Converged, result.Status);
        phi.ValueAndSlope(result.Step, out double slope);
        Assert.True(slope >= 0.9 * slope0, $"φ′(α) = {slope}, φ′(0) = {slope0}");
        Assert.True(result.Value < value0);
    }

    [Fact]
    public void MoreThuenteMeetsTheStrongWolfeConditionsOnItsPaperFunction()
    {
        // Moré & Thuente (1994), function (5.1): φ(α) = −α/(α² + β), β = 2, minimizer √2.
        var (phi, value0, slope0) = Ray(Scalar(a => -a / (a * a + 2), a => (a * a - 2) / Math.Pow(a * a + 2, 2)), 0);
        var search = new MoreThuenteLineSearch { SufficientDecrease = 1e-3, Curvature = 0.1 };
        foreach (double initial in new[] { 1e-3, 1e-1, 1e1, 1e3 })
        {
            var result = search.Search(phi, value0, slope0, initial);
            phi.ValueAndSlope(result.Step, out double slope);
            Assert.True(result.Status == LineSearchStatus.Converged, $"{result} from α₀ = {initial}");
            Assert.True(Math.Abs(slope) <= 0.1 * Math.Abs(slope0), $"{result}, φ′ = {slope} from α₀ = {initial}");
            Assert.True(result.Value <= value0 + 1e-3 * result.Step * slope0);
            Assert.True(result.Evaluations <= 12, $"{result.Evaluations} evaluations from α₀ = {initial}");
        }
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public void ShrinksAStepThatLandsWhereTheObjectiveIsNaN(string name)
    {
        // φ(α) = (α − 1)² for α < 2 and NaN beyond: the first trial α = 10 is not finite.
        var (phi, value0, slope0) = Ray(Scalar(a => a < 2 ? (a - 1) * (a - 1) : double.NaN, a => a < 2 ? 2 * (a - 1) : double.NaN), 0);
        var result = Create(name).Search(phi, value0, slope0, 10);
        Assert.True(result.Accepted, result.ToString());
        Assert.True(result.Step < 2);
        Assert.True(result.Value < value0);
    }

    [Theory]
    [InlineData("more-thuente")]
    [InlineData("hager-zhang")]
    public void ReportsALinearRayAsUnbounded(string name)
    {
        var (phi, value0, slope0) = Ray(Scalar(a => -a, a => -1), 0);
        var result = Create(name).Search(phi, value0, slope0, 1);
        Assert.Equal(LineSearchStatus.MaximumStepReached, result.Status);
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public void FailsWhenNoStepDecreasesTheObjective(string name)
    {
        // A wrong slope: φ′(0) is claimed negative but φ increases in both directions.
        var (phi, value0, _) = Ray(Scalar(a => a * a, a => 2 * a), 0);
        var result = Create(name).Search(phi, value0, -1, 1);
        Assert.False(result.Accepted, result.ToString());
        Assert.Equal(0, result.Step);
    }

    [Fact]
    public void BacktrackingNeedsOnlyValues()
    {
        var objective = AnalyticObjective.Create(1, x => (x[0] - 3) * (x[0] - 3));
        var phi = new LineFunction(objective, [0.0], [1.0]);
        Assert.False(phi.HasSlope);
        var result = new BacktrackingLineSearch().Search(phi, 9, -6, 10);
        Assert.Equal(LineSearchStatus.Converged, result.Status);
        Assert.Throws<InvalidOperationException>(() => phi.ValueAndSlope(1, out _));
    }

    [Fact]
    public void BacktrackingInterpolatesInsteadOfHalving()
    {
        // On a quadratic the first backtrack (eq. 3.57) lands exactly on the minimizer α = 3 from α₀ = 10, within [0.1α, 0.5α].
        var (phi, value0, slope0) = Ray(Scalar(a => (a - 3) * (a - 3), a => 2 * (a - 3)), 0);
        var result = new BacktrackingLineSearch().Search(phi, value0, slope0, 10);
        Assert.Equal(3, result.Step, 1e-12);
        Assert.Equal(2, result.Evaluations);
    }

    [Fact]
    public void BacktrackingStopsAtOnceWhenRoundingHidesEveryDecrease()
    {
        // φ(0) = 100 and the whole first-order decrease α|φ′(0)| = 1e-13 is far below the rounding of φ(0) (1e-11):
        // φ(1) ≥ φ(0) shows no decrease, and no shorter step could show one, so the search fails after one trial
        // rather than backtracking through rounding noise.
        var (phi, value0, _) = Ray(Scalar(a => 100 + 1e-12 * a * a, a => 2e-12 * a), 0);
        var result = new BacktrackingLineSearch().Search(phi, value0, -1e-13, 1);
        Assert.Equal(LineSearchStatus.Failed, result.Status);
        Assert.Equal(1, result.Evaluations);
        // With the test off, the search keeps shrinking the step through values that differ from φ(0) by rounding only.
        var (again, value1, _) = Ray(Scalar(a => 100 + 1e-12 * a * a, a => 2e-12 * a), 0);
        var shrinking = new BacktrackingLineSearch { RoundoffTolerance = 0 }.Search(again, value1, -1e-13, 1);
        Assert.True(shrinking.Evaluations > 1, shrinking.ToString());
    }

    [Fact]
    public void BacktrackingStillShrinksAStepWhoseDecreaseFResolves()
    {
        // φ(0) = 100 but the predicted decrease α|φ′(0)| = 1 is resolvable: backtracking from α = 10 finds the minimizer.
        var (phi, value0, slope0) = Ray(Scalar(a => 100 + (a - 0.5) * (a - 0.5), a => 2 * (a - 0.5)), 0);
        var result = new BacktrackingLineSearch().Search(phi, value0, slope0, 10);
        Assert.Equal(LineSearchStatus.Converged, result.Status);
        Assert.True(result.Value < value0);
    }

    [Fact]
    public void RejectsInvalidParametersNamingThem()
    {
        Assert.Equal("Curvature", Assert.Throws<ArgumentOutOfRangeException>(() => new MoreThuenteLineSearch { Curvature = 1e-5 }.Validate()).ParamName);
        Assert.Equal("SufficientDecrease", Assert.Throws<ArgumentOutOfRangeException>(() => new BacktrackingLineSearch { SufficientDecrease = 1 }.Validate()).ParamName);
        Assert.Equal("RoundoffTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new BacktrackingLineSearch { RoundoffTolerance = -1 }.Validate()).ParamName);
        Assert.Equal("Expansion", Assert.Throws<ArgumentOutOfRangeException>(() => new HagerZhangLineSearch { Expansion = 1 }.Validate()).ParamName);
        Assert.Equal("Curvature", Assert.Throws<ArgumentOutOfRangeException>(
            () => new Optimize.Solvers.QuasiNewton.Lbfgs(new() { LineSearch = new MoreThuenteLineSearch { Curvature = 2 } })).ParamName);
    }

    /// <summary>
    /// A direction of norm 10²⁸ (the steepest descent of variably dimensioned at n = 10⁴) puts the minimizer along the
    /// ray near α = 10⁻²⁹. Moré–Thuente takes the trial step as given: its smallest step is 0 by default, as in L-BFGS-B,
    /// where an absolute bound of 10⁻²⁰ used to raise the first trial a billionfold and end the search without a step.
    /// </summary>
    [Fact]
    public void MoreThuenteSearchesAtStepsFarBelowAnyFixedBound()
    {
        // φ(α) = (10²⁸α − 3)², φ′(0) = −6·10²⁸: the minimizer is α = 3·10⁻²⁸, the first trial 10⁻²⁹.
        const double scale = 1e28;
        var (phi, value0, slope0) = Ray(Scalar(a => (scale * a - 3) * (scale * a - 3), a => 2 * scale * (scale * a - 3)), 0);
        var result = new MoreThuenteLineSearch().Search(phi, value0, slope0, 1e-29);
        Assert.Equal(LineSearchStatus.Converged, result.Status);
        Assert.InRange(result.Step * scale, 0.1, 5.9);
        Assert.True(result.Value < value0);
        Assert.Equal(0, new MoreThuenteLineSearch().MinimumStep);
        Assert.Equal("MinimumStep", Assert.Throws<ArgumentOutOfRangeException>(() => new MoreThuenteLineSearch { MinimumStep = -1 }.Validate()).ParamName);
    }
}
