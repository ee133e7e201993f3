using MathNet.Numerics.LinearAlgebra;
using Optimize.Constraints;
using Optimize.Problems.Bounded;

namespace Optimize.Core.Tests.Problems.Bounded;

public class BoundedSetTests
{
    public static TheoryData<string> Names => new(BoundedSet.Instances.Select(instance => instance.Name));

    private static BoundedProblem Get(string name) => BoundedSet.Find(name) ?? throw new InvalidOperationException($"no instance {name}");

    [Fact]
    public void ListsTheSevenHockSchittkowskiProblemsAndBoxedMoreGarbowHillstromProblemsWithUniqueNames()
    {
        Assert.Equal(["hs3", "hs4", "hs5", "hs25", "hs38", "hs45", "hs110"], BoundedSet.HockSchittkowskiProblems.Select(p => p.Name));
        Assert.True(BoundedSet.BoxedMoreGarbowHillstrom.Count >= 8);
        Assert.All(BoundedSet.BoxedMoreGarbowHillstrom, p => Assert.NotEmpty(p.ActiveAtMinimum));
        Assert.Equal(BoundedSet.Instances.Count, BoundedSet.Instances.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Same(BoundedSet.Instances[0], BoundedSet.Find("HS3"));
        Assert.Null(BoundedSet.Find("hs999"));
    }

    /// <summary>f(x₀) as Hock &amp; Schittkowski (1981) print it.</summary>
    [Theory]
    [InlineData("hs3", 1.00081)]
    [InlineData("hs4", 3.3235677083333335)]
    [InlineData("hs5", 1)]
    [InlineData("hs25", 32.835)]
    [InlineData("hs38", 19192)]
    [InlineData("hs45", 1.7333333333333334)]
    [InlineData("hs110", -43.134337)]
    public void HockSchittkowskiStartValuesAreThePublishedOnes(string name, double published)
    {
        var problem = Get(name);
        double value = problem.Problem.Value(problem.StartingPoint);
        Assert.True(Math.Abs(value - published) <= 1e-6 * Math.Max(1, Math.Abs(published)), $"{name}: f(x₀) = {value:R}, published {published}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void StartAndMinimizerLieInTheBoxAndTheMinimumIsTheValueThere(string name)
    {
        var problem = Get(name);
        // HS45's published x₀ = (2, …, 2) violates x₁ ≤ 1.
        Assert.True(problem.Bounds.Contains(problem.StartingPoint) == (name != "hs45"), $"{name}: x₀ inside the box?");
        var minimizer = problem.KnownMinimizer.ToArray();
        Assert.True(problem.Bounds.Contains(minimizer), $"{name}: x* outside the box");
        double value = problem.Problem.Value(minimizer);
        // HS110's x* and f* are published to 9 and 10 digits.
        Assert.True(Math.Abs(value - problem.KnownMinimum) <= 1e-8 * Math.Max(1, Math.Abs(problem.KnownMinimum)),
            $"{name}: f(x*) = {value:R}, f* = {problem.KnownMinimum:R}");
        Assert.True(value < problem.Problem.Value(problem.StartingPoint), name);
    }

    /// <summary>
    /// The first-order (KKT) conditions at x*: the projected gradient vanishes, and every bound listed as active holds
    /// x* with a gradient that pushes against it (∂f/∂xᵢ ≥ 0 at a lower bound, ≤ 0 at an upper one).
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void KarushKuhnTuckerConditionsHoldAtTheMinimizer(string name)
    {
        var problem = Get(name);
        var x = problem.KnownMinimizer.ToArray();
        var g = new double[x.Length];
        double f = problem.Problem.ValueAndGradient(x, g);
        double measure = problem.Bounds.ProjectedGradientNorm(x, g);
        // Published minimizers (HS25, HS110) carry 8–9 digits; computed ones were run to 1e-13.
        double tolerance = problem.MinimumSource.StartsWith("computed", StringComparison.Ordinal) ? 1e-10 : 1e-6;
        Assert.True(measure <= tolerance * Math.Max(1, Math.Abs(f)), $"{name}: ‖x* − P(x* − ∇f)‖∞ = {measure:E3}");
        var active = Enumerable.Range(0, x.Length).Where(i => problem.Bounds.StateOf(x, i) != BoundState.Free).ToArray();
        Assert.Equal(problem.ActiveAtMinimum, active);
        foreach (int i in active)
        {
            var state = problem.Bounds.StateOf(x, i);
            Assert.True(state == BoundState.AtLower ? g[i] >= 0 : g[i] <= 0, $"{name}: ∂f/∂x{i} = {g[i]} at {state}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GradientAndHessianAgreeWithCentralDifferencesAtTheStartAndTheMinimizer(string name)
    {
        var problem = Get(name);
        var objective = problem.Problem;
        int n = objective.Dimension;
        foreach (var x in new[] { problem.StartingPoint, problem.KnownMinimizer.ToArray() })
        {
            var g = new double[n];
            objective.ValueAndGradient(x, g);
            var hessian = Matrix<double>.Build.Dense(n, n);
            objective.Hessian(x, hessian);
            double gScale = Math.Max(1, g.Max(Math.Abs)), hScale = Math.Max(1, hessian.Enumerate().Max(Math.Abs));
            var point = (double[])x.Clone();
            var gPlus = new double[n];
            var gMinus = new double[n];
            for (int i = 0; i < n; i++)
            {
                double h = 1e-5 * Math.Max(1, Math.Abs(x[i]));
                point[i] = x[i] + h;
                double fPlus = objective.ValueAndGradient(point, gPlus);
                point[i] = x[i] - h;
                double fMinus = objective.ValueAndGradient(point, gMinus);
                point[i] = x[i];
                double difference = (fPlus - fMinus) / (2 * h);
                Assert.True(Math.Abs(difference - g[i]) <= 1e-6 * gScale + 1e-6 * Math.Abs(objective.Value(x)),
                    $"{name}: ∂f/∂x{i} = {g[i]:R}, central difference {difference:R}");
                for (int j = 0; j < n; j++)
                {
                    double column = (gPlus[j] - gMinus[j]) / (2 * h);
                    Assert.True(Math.Abs(column - hessian[j, i]) <= 1e-5 * hScale,
                        $"{name}: H[{j},{i}] = {hessian[j, i]:R}, difference of gradients {column:R}");
                }
            }
        }
    }
}
