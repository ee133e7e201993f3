using System.Numerics;
using Optimize.AutoDiff.Reverse;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;

namespace Optimize.Generators.Tests;

/// <summary>
/// The derivative code generated from each sum-of-squares problem's marked Residual, residual by residual, against
/// the tape: ∇rᵢ, ∇rᵢ·p and ∇²rᵢ·v at the start and at another point, to 1e-12.
/// </summary>
public sealed class SumOfSquaresResidualTests
{
    /// <summary>Every sum-of-squares problem type of the library, in the sizes its sets build, by a readable key.</summary>
    private static readonly IReadOnlyDictionary<string, SumOfSquaresProblem> Problems = ProblemLibrary.Standard
        .Concat(MoreGarbowHillstromSet.Instances.Select(i => i.Problem))
        .Concat(MinpackLeastSquaresSet.Instances.Select(i => i.Problem))
        .OfType<SumOfSquaresProblem>()
        .GroupBy(p => $"{p.Name}-{p.Dimension}x{p.ResidualCount}")
        .ToDictionary(g => g.Key, g => g.First());

    public static TheoryData<string> Names => new(Problems.Keys);

    /// <summary>One residual as a scalar function, for the tape.</summary>
    private sealed class ResidualFunction(SumOfSquaresProblem problem, int index) : IScalarFunction
    {
        public int Dimension => problem.Dimension;
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => problem.Residual(index, x);
    }

    [Fact]
    public void EverySumOfSquaresTypeIsChecked()
    {
        var types = typeof(SumOfSquaresProblem).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(SumOfSquaresProblem).IsAssignableFrom(t)).ToHashSet();
        Assert.True(types.Count >= 34, $"only {types.Count} sum-of-squares types");
        Assert.Equal(types, Problems.Values.Select(p => p.GetType()).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedResidualDerivativesAgreeWithTheTape(string name)
    {
        var problem = Problems[name];
        int n = problem.Dimension, k = 0;
        double[] shifted = problem.StartingPoint;
        var random = new Random(n);
        for (int j = 0; j < n; j++) shifted[j] += 0.5 * (2 * random.NextDouble() - 1) * (1 + Math.Abs(shifted[j]));
        foreach (double[] x in new[] { problem.StartingPoint, shifted })
            for (int i = 0; i < problem.ResidualCount; i++)
            {
                string at = $"{name}, r{i} at point {k}";
                var residual = new ResidualFunction(problem, i);
                double[] tape = new double[n], gradient = new double[n];
                Array.Fill(gradient, double.NaN);
                double value = ReverseMode.ValueAndGradient(residual, x, tape);
                Close(value, problem.ResidualGradient(i, x, gradient), Check.RuntimeTolerance, $"{at}: value");
                Close(tape, gradient, Check.RuntimeTolerance, $"{at}: ∇rᵢ against the tape");

                double[] p = Check.Direction(n, 10 + i), v = Check.Direction(n, 20 + i);
                double dot = 0, magnitude = 1;
                for (int j = 0; j < n; j++) { dot += tape[j] * p[j]; magnitude += Math.Abs(tape[j] * p[j]); }
                Close(value, problem.ResidualDirectionalDerivative(i, x, p, out double derivative), Check.RuntimeTolerance, $"{at}: value of the tangent code");
                Close(dot / magnitude, derivative / magnitude, Check.RuntimeTolerance, $"{at}: ∇rᵢ·p");

                Check.CompiledHessianVector((y, direction, g, hv) => problem.ResidualHessianVector(i, y, direction, g, hv), residual, x, v, tape, at);
                k++;
            }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedResidualCodeRejectsAnIndexOutOfRangeAsTheResidualDoes(string name)
    {
        var problem = Problems[name];
        double[] x = problem.StartingPoint, gradient = new double[x.Length], product = new double[x.Length];
        foreach (int index in new[] { -1, problem.ResidualCount })
        {
            var expected = Record.Exception(() => problem.Residual<double>(index, x));
            Assert.NotNull(expected);
            Assert.IsType(expected.GetType(), Record.Exception(() => problem.ResidualGradient(index, x, gradient)));
            Assert.IsType(expected.GetType(), Record.Exception(() => problem.ResidualDirectionalDerivative(index, x, x, out _)));
            Assert.IsType(expected.GetType(), Record.Exception(() => problem.ResidualHessianVector(index, x, x, gradient, product)));
        }
    }

    [Fact]
    public void SumOfSquaresDerivativesCheckTheirArguments()
    {
        var problem = new Wood();
        double[] x = problem.StartingPoint;
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => problem.EvaluateGradient(x, new double[3])).ParamName);
        Assert.Equal("direction", Assert.Throws<ArgumentException>(() => problem.EvaluateDirectionalDerivative(x, new double[5], out _)).ParamName);
        Assert.Equal("hessianVector", Assert.Throws<ArgumentException>(() => problem.EvaluateHessianVector(x, x, [], new double[2])).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => problem.EvaluateHessianVector(x, x, new double[1], new double[4])).ParamName);
    }
}
