using MathNet.Numerics.LinearAlgebra;
using Optimize.Problems;
using Optimize.Problems.LargeScale;
using Optimize.Problems.MoreGarbowHillstrom;

namespace Optimize.Core.Tests.Problems.LargeScale;

public class LargeScaleSetTests
{
    private static LargeScaleInstance Get(string name) => LargeScaleSet.Find(name) ?? throw new InvalidOperationException($"no instance {name}");

    [Fact]
    public void HoldsNineProblemsAtBothDimensions()
    {
        Assert.Equal(18, LargeScaleSet.Instances.Count);
        Assert.Equal(LargeScaleSet.Instances.Count, LargeScaleSet.Instances.Select(i => i.Name).Distinct().Count());
        foreach (int n in new[] { 1000, 10000 })
            Assert.Equal(
                [$"mgh21-extended-rosenbrock-{n}", $"mgh22-extended-powell-singular-{n}", $"mgh23-penalty-1-{n}", $"mgh25-variably-dimensioned-{n}",
                 $"mgh26-trigonometric-{n}", $"mgh28-discrete-boundary-value-{n}", $"mgh30-broyden-tridiagonal-{n}", $"mgh31-broyden-banded-{n}",
                 $"ginzburg-landau-1d-{n}"],
                LargeScaleSet.Instances.Where(i => i.Problem.Dimension == n).Select(i => i.Name));
        Assert.All(LargeScaleSet.Instances, i => Assert.EndsWith($"-{i.Problem.Dimension}", i.Name));
    }

    [Fact]
    public void StartValuesFollowTheClosedForms()
    {
        foreach (int n in LargeScaleSet.Dimensions)
        {
            // Extended Rosenbrock: n/2 pairs at (−1.2, 1), 24.2 each; extended Powell: n/4 blocks of Powell's 215.
            Assert.Equal(n / 2 * 24.2, Start($"mgh21-extended-rosenbrock-{n}"), 1e-12 * n);
            Assert.Equal(n / 4 * 215.0, Start($"mgh22-extended-powell-singular-{n}"), 1e-12 * n);
            // Broyden tridiagonal at x = −1: residuals −2, −1 (n − 2 times), −3.
            Assert.Equal(n + 11.0, Start($"mgh30-broyden-tridiagonal-{n}"), 1e-12 * n);
            // Variably dimensioned at xⱼ = 1 − j/n: Σ(j/n)² + s² + s⁴ with s = −Σj²/n.
            double squares = Enumerable.Range(1, n).Sum(j => (double)j * j), s = -squares / n;
            Assert.Equal(squares / ((double)n * n) + s * s + s * s * s * s, Start($"mgh25-variably-dimensioned-{n}"), 1e-12 * s * s * s * s);
            // Penalty I at xⱼ = j: a·Σ(j − 1)² + (Σj² − ¼)².
            double penalty = 1e-5 * Enumerable.Range(1, n).Sum(j => (j - 1.0) * (j - 1.0)) + (squares - 0.25) * (squares - 0.25);
            Assert.Equal(penalty, Start($"mgh23-penalty-1-{n}"), 1e-12 * penalty);
            // Trigonometric at 1/n: rᵢ = n(1 − cos(1/n)) + i(1 − cos(1/n)) − sin(1/n); both sums lose digits to 1 − cos(1/n).
            double c = 1 - Math.Cos(1.0 / n), trigonometric = Enumerable.Range(1, n).Sum(i => Math.Pow(n * c + i * c - Math.Sin(1.0 / n), 2));
            Assert.Equal(trigonometric, Start($"mgh26-trigonometric-{n}"), 1e-8 * trigonometric);
        }
    }

    private static double Start(string name)
    {
        var instance = Get(name);
        return instance.Problem.Value(instance.Start(1));
    }

    [Fact]
    public void StartsScaleTheStandardStart()
    {
        var instance = Get("mgh30-broyden-tridiagonal-1000");
        Assert.All(instance.Start(10), v => Assert.Equal(-10, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => instance.Start(0));
    }

    [Fact]
    public void ZeroResidualProblemsHaveThePublishedMinimum()
    {
        Assert.All(LargeScaleSet.Instances.Where(i => i.Name.StartsWith("mgh", StringComparison.Ordinal) && !i.Name.StartsWith("mgh23", StringComparison.Ordinal)),
            i => Assert.Equal(0, i.KnownMinimum));
        Assert.All(LargeScaleSet.Instances, i => Assert.True(i.KnownMinimum < i.Problem.Value(i.Start(1)), i.Name));
    }

    [Fact]
    public void PenaltyOneMinimumOnTheRayReproducesThePublishedValues()
    {
        // Moré, Garbow & Hillstrom (1981) print 2.24997e-5 (n = 4) and 7.08765e-5 (n = 10).
        Assert.Equal(2.24997e-5, LargeScaleSet.PenaltyOneMinimum(4), 1e-10);
        Assert.Equal(7.08765e-5, LargeScaleSet.PenaltyOneMinimum(10), 1e-10);
        var instance = Get("mgh23-penalty-1-1000");
        Assert.Equal(LargeScaleSet.PenaltyOneMinimum(1000), instance.KnownMinimum);
        // The minimizer t·1: the gradient vanishes there, and f there is the computed f*.
        double t = Enumerable.Range(0, 60).Aggregate((Low: 0.0, High: 1.0), (b, _) =>
        {
            double m = 0.5 * (b.Low + b.High);
            return 4 * 1000 * m * m * m + (2e-5 - 1) * m - 2e-5 < 0 ? (m, b.High) : (b.Low, m);
        }).Low;
        var x = Enumerable.Repeat(t, 1000).ToArray();
        var gradient = new double[1000];
        Assert.Equal(instance.KnownMinimum, instance.Problem.ValueAndGradient(x, gradient), 1e-15);
        Assert.True(gradient.Max(Math.Abs) < 1e-12);
    }

    [Fact]
    public void GinzburgLandauMinimumIsTheDomainWallEnergy()
    {
        // The continuum wall of ¼(u² − 1)² has energy ∫√(2V) du = 2√2/3; the grid changes it by O(h²), the ends by e^(−√2·10).
        double wall = 2 * Math.Sqrt(2) / 3;
        var coarse = Get("ginzburg-landau-1d-1000");
        var fine = Get("ginzburg-landau-1d-10000");
        Assert.Equal(wall, coarse.KnownMinimum, 1e-3);
        Assert.True(Math.Abs(fine.KnownMinimum - wall) < Math.Abs(coarse.KnownMinimum - wall));
        Assert.StartsWith("computed", coarse.MinimumSource);
    }

    public static TheoryData<string> Structured => new(
        "extended-powell-singular", "penalty-1", "variably-dimensioned", "trigonometric", "discrete-boundary-value",
        "broyden-tridiagonal", "broyden-banded");

    private static SumOfSquaresProblem Create(string name, int n) => name switch
    {
        "extended-powell-singular" => new ExtendedPowellSingular(n),
        "penalty-1" => new PenaltyOne(n),
        "variably-dimensioned" => new VariablyDimensioned(n),
        "trigonometric" => new Trigonometric(n),
        "discrete-boundary-value" => new DiscreteBoundaryValue(n),
        "broyden-tridiagonal" => new BroydenTridiagonal(n),
        _ => new BroydenBanded(n),
    };

    [Theory]
    [MemberData(nameof(Structured))]
    public void StructuredProductsAgreeWithTheDenseJacobianAndHessian(string name)
    {
        var problem = Create(name, 12);
        var random = new Random(5);
        var x = problem.StartingPoint.Select(v => v + 0.3 * (random.NextDouble() - 0.5)).ToArray();
        var v = Enumerable.Range(0, 12).Select(_ => random.NextDouble() - 0.5).ToArray();
        var residuals = Enumerable.Range(0, problem.ResidualCount).Select(i => problem.Residual<double>(i, x)).ToArray();
        var jacobian = Matrix<double>.Build.Dense(problem.ResidualCount, 12);
        problem.ResidualJacobian(x, jacobian);
        var expectedGradient = jacobian.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(residuals)) * 2;
        var hessian = Matrix<double>.Build.Dense(12, 12);
        problem.Hessian(x, hessian);
        var expectedProduct = hessian * Vector<double>.Build.DenseOfArray(v);

        var gradient = new double[12];
        double value = problem.ValueAndGradient(x, gradient);
        var product = new double[12];
        problem.HessianVector(x, v, product);

        Assert.Equal(residuals.Sum(r => r * r), value, 1e-12 * Math.Max(1, value));
        Assert.Equal(value, problem.Value(x), 1e-12 * Math.Max(1, value));
        double gradientScale = Math.Max(1, expectedGradient.AbsoluteMaximum()), productScale = Math.Max(1, expectedProduct.AbsoluteMaximum());
        for (int j = 0; j < 12; j++)
        {
            Assert.Equal(expectedGradient[j], gradient[j], 1e-12 * gradientScale);
            Assert.Equal(expectedProduct[j], product[j], 1e-12 * productScale);
        }
    }

    [Fact]
    public void LargeEvaluationsDoNotFormDenseMatrices()
    {
        // At n = 10⁵ a dense Jacobian would need 80 GB: these calls finish only on the structured path.
        foreach (var name in (IEnumerable<string>)["penalty-1", "trigonometric", "broyden-banded"])
        {
            var problem = Create(name, 100000);
            var x = problem.StartingPoint;
            var gradient = new double[x.Length];
            Assert.True(double.IsFinite(problem.ValueAndGradient(x, gradient)));
            problem.HessianVector(x, x, gradient);
            Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
        }
    }
}
