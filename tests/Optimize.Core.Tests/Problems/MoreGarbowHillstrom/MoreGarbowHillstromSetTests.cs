using MathNet.Numerics.LinearAlgebra;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;

namespace Optimize.Core.Tests.Problems.MoreGarbowHillstrom;

public class MoreGarbowHillstromSetTests
{
    public static TheoryData<string> Names => new(MoreGarbowHillstromSet.Instances.Select(instance => instance.Name));

    public static TheoryData<string, int> PublishedStarts
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var instance in MoreGarbowHillstromSet.Instances)
                for (int k = 0; k < instance.StartValues.Count; k++)
                    if (instance.StartValues[k] is not null) data.Add(instance.Name, k);
            return data;
        }
    }

    private static MoreGarbowHillstromInstance Get(string name) =>
        MoreGarbowHillstromSet.Find(name) ?? throw new InvalidOperationException($"no instance {name}");

    /// <summary>
    /// Five-point central difference, O(h⁴), of a scalar function of one variable, with the step chosen among
    /// h = 10⁻²·s·4⁻ᵏ (s = max(1, |x|), k = 0…7) where two successive estimates agree best: the set mixes badly
    /// scaled problems, where round-off needs a large step (f ≈ 10¹² on Brown's), with exponentials of
    /// 320·x (Osborne 1) and polynomials of degree 10 (Chebyquad), where truncation needs a small one.
    /// </summary>
    private static double Derivative(Func<double, double> f, double x)
    {
        double scale = Math.Max(1, Math.Abs(x)), best = double.PositiveInfinity, estimate = double.NaN;
        double previous = FivePoint(f, x, 1e-2 * scale);
        for (int k = 1; k <= 7; k++)
        {
            double current = FivePoint(f, x, 1e-2 * scale * Math.Pow(4, -k));
            double change = Math.Abs(current - previous);
            if (change < best) { best = change; estimate = current; }
            previous = current;
        }
        return estimate;
    }

    private static double FivePoint(Func<double, double> f, double x, double h) =>
        (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);

    /// <summary>The start and a seeded relative perturbation of it (signs kept, so that logarithms and denominators stay defined).</summary>
    private static IEnumerable<double[]> Points(TestProblem problem)
    {
        var random = new Random(11);
        var start = problem.StartingPoint;
        yield return start;
        yield return start.Select(v => v * (1 + 0.1 * (random.NextDouble() - 0.5)) + 0.02 * (random.NextDouble() - 0.5)).ToArray();
    }

    private static double[] Gradient(TestProblem problem, double[] x)
    {
        var g = new double[problem.Dimension];
        problem.ValueAndGradient(x, g);
        return g;
    }

    /// <summary>
    /// Entry by entry, 10⁻⁶ relative to the entry itself, plus 10⁻⁹ of <paramref name="largest"/> (the largest entry
    /// of the matrix, or of the function differenced, if larger) for the round-off of entries near zero: a matrix-wide scale alone would hide errors in the small entries of badly scaled
    /// problems (Meyer's Hessian spans 20 orders of magnitude).
    /// </summary>
    private static void AssertEntriesClose(double[] expected, double[] actual, string what, double largest)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * Math.Abs(expected[i]) + 1e-9 * largest,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (largest entry {largest:G3})");
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative, string what)
    {
        double scale = Math.Max(1e-8, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (scale {scale:G3})");
    }

    [Fact]
    public void TheSetHoldsTheFortyTwoInstancesAtThePapersAndMinpacksDimensions()
    {
        var instances = MoreGarbowHillstromSet.Instances;
        Assert.Equal(42, instances.Count);
        Assert.Equal(Enumerable.Range(1, 35), instances.Select(i => i.Number).Distinct());
        Assert.Equal(instances.Count, instances.Select(i => i.Name).Distinct().Count());
        int[] Dimensions(int number) => instances.Where(i => i.Number == number).Select(i => i.Problem.Dimension).ToArray();
        Assert.Equal([6, 9, 12], Dimensions(20));
        Assert.Equal([10, 100], Dimensions(21));
        Assert.Equal([12], Dimensions(22));
        Assert.Equal([4, 10], Dimensions(23));
        Assert.Equal([4, 10], Dimensions(24));
        for (int number = 25; number <= 34; number++) Assert.Equal([10], Dimensions(number));
        Assert.Equal([8, 9, 10], Dimensions(35));
        int[] fixedDimensions = [2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 6, 11];
        for (int number = 1; number <= 19; number++) Assert.Equal([fixedDimensions[number - 1]], Dimensions(number));
    }

    [Fact]
    public void EveryInstanceHasAKnownMinimumAndASourceForIt()
    {
        foreach (var instance in MoreGarbowHillstromSet.Instances)
        {
            Assert.True(instance.Problem.KnownMinimum is double f && f >= 0, $"{instance.Name} has no f*");
            Assert.False(string.IsNullOrWhiteSpace(instance.MinimumSource), instance.Name);
            Assert.NotNull(instance.StartValues[0]);
        }
    }

    [Theory, MemberData(nameof(PublishedStarts))]
    public void ValueAtTheScaledStartIsThePublishedValue(string name, int factorIndex)
    {
        var instance = Get(name);
        var published = instance.StartValues[factorIndex]!;
        double factor = MoreGarbowHillstromInstance.StartFactors[factorIndex];
        double value = instance.Problem.Value(instance.Start(factor));
        Assert.True(published.Matches(value),
            $"{name} at {factor}·x₀: f = {value:R}, published {published.Value:R} ± {published.RelativeAccuracy:G2} relative ({published.Source})");
    }

    [Fact]
    public void ScaledStartMultipliesTheStartAndReplacesAZeroStartByTheFactor()
    {
        var rosenbrock = MoreGarbowHillstromSet.Find("mgh01-rosenbrock")!;
        Assert.Equal([-12.0, 10.0], rosenbrock.Start(10));
        var watson = MoreGarbowHillstromSet.Find("mgh20-watson-6")!;
        Assert.All(watson.Start(1), v => Assert.Equal(0, v));
        Assert.All(watson.Start(100), v => Assert.Equal(100, v));
        Assert.Throws<ArgumentOutOfRangeException>("factor", () => rosenbrock.Start(0));
    }

    [Theory, MemberData(nameof(Names))]
    public void HandCodedJacobianMatchesDifferencesOfTheResiduals(string name)
    {
        var instance = Get(name);
        if (instance.Problem is not SumOfSquaresProblem problem) return;
        int m = problem.ResidualCount, n = problem.Dimension;
        Assert.Equal(instance.ResidualCount, m);
        foreach (var x in Points(problem))
        {
            var jacobian = Matrix<double>.Build.Dense(m, n);
            problem.ResidualJacobian(x, jacobian);
            for (int i = 0; i < m; i++)
            {
                var row = new double[n];
                for (int j = 0; j < n; j++)
                {
                    var probe = (double[])x.Clone();
                    int r = i, c = j;
                    row[j] = Derivative(t => { probe[c] = t; return problem.Residual<double>(r, probe); }, x[c]);
                }
                AssertEntriesClose(row, jacobian.Row(i).ToArray(), $"{name} Jacobian row {i}",
                    Math.Max(jacobian.Enumerate().Max(Math.Abs), Math.Abs(problem.Residual<double>(i, x))));
            }
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void ValueIsTheSumOfSquaredResiduals(string name)
    {
        var instance = Get(name);
        var x = Points(instance.Problem).Last();
        double value = instance.Problem.ValueAndGradient(x, new double[x.Length]);
        Assert.Equal(instance.Problem.Value(x), value, 1e-12 * Math.Max(1, Math.Abs(value)));
        if (instance.Problem is SumOfSquaresProblem problem)
        {
            double sum = Enumerable.Range(0, problem.ResidualCount).Sum(i => Math.Pow(problem.Residual<double>(i, x), 2));
            Assert.Equal(sum, value, 1e-12 * Math.Max(1, Math.Abs(value)));
            if (problem.GetType().Namespace == typeof(MoreGarbowHillstromSet).Namespace)
                Assert.Throws<ArgumentOutOfRangeException>("index", () => problem.Residual<double>(problem.ResidualCount, x));
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void HandCodedGradientMatchesDifferencesOfTheValue(string name)
    {
        var problem = Get(name).Problem;
        foreach (var x in Points(problem))
        {
            var numerical = new double[x.Length];
            for (int j = 0; j < x.Length; j++)
            {
                var probe = (double[])x.Clone();
                int c = j;
                numerical[j] = Derivative(t => { probe[c] = t; return problem.Value(probe); }, x[c]);
            }
            AssertClose(numerical, Gradient(problem, x), 1e-6, $"{name} gradient");
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void HandCodedHessianMatchesDifferencesOfTheGradient(string name)
    {
        var problem = Get(name).Problem;
        int n = problem.Dimension;
        foreach (var x in Points(problem))
        {
            var hessian = Matrix<double>.Build.Dense(n, n);
            problem.Hessian(x, hessian);
            for (int j = 0; j < n; j++)
            {
                var column = new double[n];
                var probe = (double[])x.Clone();
                var gradients = new Dictionary<double, double[]>();
                double[] At(double t)
                {
                    if (!gradients.TryGetValue(t, out var g)) { probe[j] = t; gradients[t] = g = Gradient(problem, probe); }
                    return g;
                }
                for (int i = 0; i < n; i++) column[i] = Derivative(t => At(t)[i], x[j]);
                AssertEntriesClose(column, hessian.Column(j).ToArray(), $"{name} Hessian column {j}",
                    Math.Max(hessian.Enumerate().Max(Math.Abs), Gradient(problem, x).Max(Math.Abs)));
            }
            Assert.True((hessian - hessian.Transpose()).InfinityNorm() <= 1e-12 * Math.Max(1, hessian.InfinityNorm()),
                $"{name} Hessian is not symmetric");
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void KnownMinimizerGivesTheKnownMinimumWithZeroGradient(string name)
    {
        var problem = Get(name).Problem;
        if (problem.KnownMinimizer is not { } xStar) return;
        double f = problem.Value(xStar), fStar = problem.KnownMinimum!.Value;
        Assert.True(Math.Abs(f - fStar) <= 1e-10 * Math.Max(1, fStar), $"{name}: f(x*) = {f:R}, f* = {fStar:R}");
        var g = Gradient(problem, xStar);
        Assert.True(g.Max(Math.Abs) <= 1e-8, $"{name}: ‖∇f(x*)‖∞ = {g.Max(Math.Abs):G3}");
    }

    [Fact]
    public void DocumentedLocalMinimumOfFreudensteinRothIsAStationaryPointAboveTheGlobalMinimum()
    {
        // Polish the published location (11.41…, −0.8968…) with Newton steps on the hand-coded derivatives.
        var problem = new FreudensteinRoth();
        double[] x = [11.41, -0.8968];
        var hessian = Matrix<double>.Build.Dense(2, 2);
        for (int k = 0; k < 20; k++)
        {
            var g = Gradient(problem, x);
            problem.Hessian(x, hessian);
            var step = hessian.Solve(Vector<double>.Build.Dense(g));
            x = [x[0] - step[0], x[1] - step[1]];
        }
        var other = MoreGarbowHillstromSet.Find("mgh02-freudenstein-roth")!.OtherMinima.Single();
        Assert.True(Math.Abs(problem.Value(x) - other.Value) <= 1e-6 * other.Value, $"f = {problem.Value(x):R}, documented {other.Value:R}");
        problem.Hessian(x, hessian);
        Assert.True(hessian.Evd().EigenValues.All(e => e.Real > 0));
    }
}
