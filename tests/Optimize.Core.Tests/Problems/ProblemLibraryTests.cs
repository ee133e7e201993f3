using MathNet.Numerics.LinearAlgebra;
using Optimize.Problems;

namespace Optimize.Core.Tests.Problems;

public class ProblemLibraryTests
{
    public static TheoryData<string> Names => new(ProblemLibrary.Names);

    /// <summary>Five-point central difference, O(h⁴): a reference independent of the providers under test.</summary>
    private static double Derivative(Func<double, double> f, double x)
    {
        // A small step keeps the stencil inside one linear piece of the ReLU network (whose loss is piecewise smooth).
        double h = 1e-5 * Math.Max(1, Math.Abs(x));
        return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);
    }

    private static double[] NumericalGradient(Func<double[], double> f, double[] x)
    {
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            var probe = (double[])x.Clone();
            g[i] = Derivative(t => { probe[i] = t; return f(probe); }, x[i]);
        }
        return g;
    }

    private static double[] Gradient(TestProblem problem, double[] x)
    {
        var g = new double[problem.Dimension];
        problem.ValueAndGradient(x, g);
        return g;
    }

    /// <summary>The start and two seeded points near it, away from kinks and singularities.</summary>
    private static IEnumerable<double[]> Points(TestProblem problem)
    {
        var random = new Random(7);
        yield return problem.StartingPoint;
        for (int k = 0; k < 2; k++)
            yield return problem.StartingPoint.Select(v => v + 0.3 * (random.NextDouble() - 0.5)).ToArray();
    }

    private static void AssertClose(double[] expected, double[] actual, double relative, string what)
    {
        double scale = Math.Max(1, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (scale {scale:G3})");
    }

    [Theory, MemberData(nameof(Names))]
    public void HandCodedGradientMatchesFivePointDifferences(string name)
    {
        var problem = ProblemLibrary.Create(name);
        foreach (var x in Points(problem))
        {
            var numerical = NumericalGradient(p => problem.Value(p), x);
            AssertClose(numerical, Gradient(problem, x), 1e-7, $"{name} gradient");
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void ValueAndGradientReturnsTheValue(string name)
    {
        var problem = ProblemLibrary.Create(name);
        var x = problem.StartingPoint;
        double value = problem.ValueAndGradient(x, new double[problem.Dimension]);
        Assert.Equal(problem.Value(x), value, 12);
    }

    [Theory, MemberData(nameof(Names))]
    public void HandCodedHessianMatchesDifferencesOfTheGradient(string name)
    {
        var problem = ProblemLibrary.Create(name);
        int n = problem.Dimension;
        foreach (var x in Points(problem))
        {
            var hessian = Matrix<double>.Build.Dense(n, n);
            problem.Hessian(x, hessian);
            for (int j = 0; j < n; j++)
            {
                var column = new double[n];
                for (int i = 0; i < n; i++)
                {
                    var probe = (double[])x.Clone();
                    column[i] = Derivative(t => { probe[j] = t; return Gradient(problem, probe)[i]; }, x[j]);
                }
                AssertClose(column, hessian.Column(j).ToArray(), 1e-6, $"{name} Hessian column {j}");
            }
            Assert.True((hessian - hessian.Transpose()).InfinityNorm() <= 1e-12 * Math.Max(1, hessian.InfinityNorm()),
                $"{name} Hessian is not symmetric");
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void HandCodedHessianVectorProductMatchesTheHessian(string name)
    {
        var problem = ProblemLibrary.Create(name);
        int n = problem.Dimension;
        var random = new Random(3);
        foreach (var x in Points(problem))
        {
            var v = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            var hessian = Matrix<double>.Build.Dense(n, n);
            problem.Hessian(x, hessian);
            var expected = (hessian * Vector<double>.Build.Dense(v)).ToArray();
            var actual = new double[n];
            problem.HessianVector(x, v, actual);
            AssertClose(expected, actual, 1e-12, $"{name} Hessian-vector product");
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void KnownMinimumIsTheValueAtTheKnownMinimizerWithZeroGradient(string name)
    {
        var problem = ProblemLibrary.Create(name);
        if (problem.KnownMinimizer is not { } xStar)
        {
            Assert.Null(problem.KnownMinimum);
            return;
        }
        Assert.NotNull(problem.KnownMinimum);
        Assert.Equal(problem.KnownMinimum!.Value, problem.Value(xStar), 9);
        Assert.True(Gradient(problem, xStar).Max(Math.Abs) < 1e-8, $"{name}: gradient at the minimizer is not zero");
    }

    [Fact]
    public void GriewankWaltherExampleHasTheLectureValues()
    {
        var problem = ProblemLibrary.GriewankWaltherExample();
        var g = new double[2];
        double y = problem.ValueAndGradient([1.5, 0.5], g);
        // The lecture's table carries four decimals through each step (y = 2.016647 prints as 2.0167
        // there, ∂y/∂x₂ = −13.723962 as −13.7239), so agreement is to within one unit in the fourth.
        Assert.InRange(y, 2.0167 - 1e-4, 2.0167 + 1e-4);
        Assert.InRange(g[0], 3.0118 - 1e-4, 3.0118 + 1e-4);
        Assert.InRange(g[1], -13.7239 - 1e-4, -13.7239 + 1e-4);
    }

    [Fact]
    public void OneVariableExamplesHaveTheLectureDerivatives()
    {
        var g = new double[1];
        ProblemLibrary.SineOfSquare().ValueAndGradient([2.0], g);
        Assert.Equal(4 * Math.Cos(4), g[0], 15);
        ProblemLibrary.SquarePlusOneSquared().ValueAndGradient([1.0], g);
        Assert.Equal(8, g[0]);
    }

    [Fact]
    public void ExtendedRosenbrockRejectsAnOddDimension()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProblemLibrary.ExtendedRosenbrock(3));
        Assert.Equal("dimension", error.ParamName);
    }

    [Fact]
    public void UnknownProblemNameListsTheValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => ProblemLibrary.Create("himmelblau"));
        Assert.Contains("rosenbrock", error.Message);
        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void FixedSizeProblemRejectsAnotherDimension()
    {
        var error = Assert.Throws<ArgumentException>(() => ProblemLibrary.Create("wood", 7));
        Assert.Contains("dimension 4", error.Message);
    }

    [Fact]
    public void WrongLengthIsRejectedWithTheArgumentName()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var error = Assert.Throws<ArgumentException>(() => problem.ValueAndGradient(new double[3], new double[2]));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("expected length 2", error.Message);
    }

    [Fact]
    public void LeastSquaresGradientIsMinusATransposeTimesResidual()
    {
        var problem = (LeastSquares)ProblemLibrary.LeastSquares(500, 100);
        var x = Enumerable.Range(0, 100).Select(i => Math.Sin(i)).ToArray();
        var a = problem.Matrix;
        var residual = Vector<double>.Build.Dense(problem.Observations) - a * Vector<double>.Build.Dense(x);
        var expected = (-(a.TransposeThisAndMultiply(residual))).ToArray();
        AssertClose(expected, Gradient(problem, x), 1e-12, "least-squares gradient");
    }

    [Fact]
    public void SameSeedGivesTheSameProblem()
    {
        var first = ProblemLibrary.ConvexQuadratic(10, seed: 4);
        var second = ProblemLibrary.ConvexQuadratic(10, seed: 4);
        var other = ProblemLibrary.ConvexQuadratic(10, seed: 5);
        Assert.Equal(first.KnownMinimum, second.KnownMinimum);
        Assert.NotEqual(first.KnownMinimum, other.KnownMinimum);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void ExtendedRosenbrockTermsSumToTheProblemsValue(int dimension)
    {
        var problem = new ExtendedRosenbrock(dimension);
        var terms = problem.Terms;
        Assert.Equal(dimension, terms.Dimension);
        Assert.Equal(dimension / 2, terms.TermCount);
        var random = new Random(dimension);
        for (int trial = 0; trial < 20; trial++)
        {
            var x = Enumerable.Range(0, dimension).Select(_ => 4 * random.NextDouble() - 2).ToArray();
            double sum = 0;
            for (int k = 0; k < terms.TermCount; k++)
            {
                var variables = terms.TermVariables(k);
                Assert.Equal([2 * k, 2 * k + 1], variables.ToArray());
                sum += terms.EvaluateTerm<double>(k, [x[variables[0]], x[variables[1]]]);
            }
            Assert.Equal(problem.Value(x), sum, 1e-12 * Math.Max(1, Math.Abs(sum)));
        }
    }

    [Fact]
    public void ProblemsWrittenInClosedFormStateIt()
    {
        string[] withClosedForm = ["sin-square", "square-plus-one-squared", "griewank-walther", "rosenbrock", "extended-rosenbrock", "beale", "powell-singular", "wood"];
        foreach (var problem in ProblemLibrary.Standard)
            Assert.True(withClosedForm.Contains(problem.Name) == problem.ClosedForm is not null, problem.Name);
        Assert.Equal("100*(x2 - x1^2)^2 + (1 - x1)^2 + 100*(x4 - x3^2)^2 + (1 - x3)^2", ProblemLibrary.ExtendedRosenbrock(4).ClosedForm);
    }
}
