using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers.LeastSquares;

namespace Optimize.Solvers.Tests.LeastSquares;

public class LevenbergMarquardtTests
{
    public static TheoryData<string> MghInstances => new()
    {
        "mgh07-helical-valley", "mgh08-bard", "mgh10-meyer", "mgh17-osborne-1", "mgh19-osborne-2", "mgh20-watson-9", "mgh35-chebyquad-8",
    };

    [Theory]
    [MemberData(nameof(MghInstances))]
    public void SolvesMghResidualProblemsToTheirMinima(string name)
    {
        var instance = MoreGarbowHillstromSet.Find(name)!;
        var problem = (SumOfSquaresProblem)instance.Problem;
        var result = new LevenbergMarquardt().Solve(new SumOfSquaresResiduals(problem), problem.StartingPoint);
        Assert.True(result.Converged, result.Message);
        double f = result.ResidualNorm * result.ResidualNorm;
        Assert.InRange(f - problem.KnownMinimum!.Value, -1e-6 * Math.Max(1, problem.KnownMinimum.Value), 1e-6 * Math.Max(1, problem.KnownMinimum.Value));
        Assert.Equal(0.5 * f, result.Cost, 1e-12);
    }

    [Fact]
    public void SolvesRosenbrockWithMinpacksEvaluationCounts()
    {
        // MINPACK-1's lmder1 from x₀ = (−1.2, 1): nfev 21, njev 16, info 4, ‖r‖ = 0 (MinpackLeastSquaresSet, first Rosenbrock run).
        var result = new LevenbergMarquardt().Solve(new SumOfSquaresResiduals(new RosenbrockResiduals(2)), [-1.2, 1]);
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Equal(21, result.ResidualEvaluations);
        Assert.Equal(16, result.JacobianEvaluations);
        Assert.Equal(4, result.Diagnostics["minpack info"]);
        Assert.Equal(1, result.Solution[0], 1e-12);
        Assert.Equal(1, result.Solution[1], 1e-12);
    }

    [Fact]
    public void MatchesMinpackOnItsTestProtocol()
    {
        // Solved: final ‖r‖ within 1e-6 (relative) + 1e-10 of the smallest norm MINPACK reports for the problem and size.
        var instances = MinpackLeastSquaresSet.Instances;
        var best = instances.GroupBy(i => (i.Number, i.Problem.Dimension, i.Problem.ResidualCount)).ToDictionary(g => g.Key, g => g.Min(i => i.FinalNorm));
        int theirs = 0, ours = 0;
        var both = new List<(int Theirs, long Ours)>();
        foreach (var instance in instances)
        {
            var result = new LevenbergMarquardt().Solve(new SumOfSquaresResiduals(instance.Problem), instance.Start());
            double target = best[(instance.Number, instance.Problem.Dimension, instance.Problem.ResidualCount)] * (1 + 1e-6) + 1e-10;
            bool theirSolved = instance.FinalNorm <= target, ourSolved = result.ResidualNorm <= target;
            theirs += theirSolved ? 1 : 0;
            ours += ourSolved ? 1 : 0;
            if (theirSolved && ourSolved) both.Add((instance.JacobianEvaluations, result.JacobianEvaluations));
        }
        Assert.Equal(53, instances.Count);
        Assert.True(ours >= theirs, $"solved {ours}, MINPACK {theirs}");
        Assert.True(Median(both.Select(b => (double)b.Ours)) <= Median(both.Select(b => (double)b.Theirs)));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }

    [Fact]
    public void ResidualFunctionReturningTheWrongLengthThrowsNamingIt()
    {
        var residuals = ResidualFunction.Create(2, 3, x => [x[0], x[1]], x => new double[3, 2]);
        var error = Assert.Throws<ArgumentException>(() => new LevenbergMarquardt().Solve(residuals, [1, 1]));
        Assert.Equal("residuals", error.ParamName);
        Assert.Contains("expected m = 3", error.Message);
    }

    [Fact]
    public void JacobianOfTheWrongShapeThrowsNamingIt()
    {
        var residuals = ResidualFunction.Create(2, 3, x => [x[0], x[1], 1], x => new double[2, 3]);
        var error = Assert.Throws<ArgumentException>(() => new LevenbergMarquardt().Solve(residuals, [1, 1]));
        Assert.Equal("jacobian", error.ParamName);
        Assert.Contains("expected 3×2", error.Message);
    }

    [Fact]
    public void FewerResidualsThanVariablesArePaddedWithZeroResiduals()
    {
        // m = 1 < n = 2: r = x₀ + 2x₁ − 3 has a line of zeros; LM reaches one of them.
        var residuals = ResidualFunction.Create(2, 1, x => [x[0] + 2 * x[1] - 3], x => new double[,] { { 1, 2 } });
        var result = new LevenbergMarquardt().Solve(residuals, [0, 0]);
        Assert.True(result.Converged, result.Message);
        Assert.Single(result.Residuals);
        Assert.True(result.ResidualNorm < 1e-10, result.Message);
    }

    [Fact]
    public void NonFiniteResidualsAtTheStartEndTheRunWithNonFiniteValue()
    {
        var residuals = ResidualFunction.Create(1, 1, x => [double.NaN], x => new double[,] { { 1 } });
        var result = new LevenbergMarquardt().Solve(residuals, [1]);
        Assert.Equal(TerminationReason.NonFiniteValue, result.Reason);
        Assert.Contains("not finite at x₀", result.Message);
    }

    [Fact]
    public void NonFiniteTrialPointsShrinkTheStepAndTheRunStillConverges()
    {
        // r = √x − 1 is NaN for x < 0; from x₀ = 10 the first Gauss–Newton step lands at x < 0.
        var residuals = ResidualFunction.Create(1, 1, x => [Math.Sqrt(x[0]) - 1], x => new double[,] { { 0.5 / Math.Sqrt(x[0]) } });
        var result = new LevenbergMarquardt().Solve(residuals, [10]);
        Assert.True(result.Converged, result.Message);
        Assert.Equal(1, result.Solution[0], 1e-8);
    }

    [Fact]
    public void ResidualsFiniteOnlyAtTheStartEndWithNonFiniteValue()
    {
        var residuals = ResidualFunction.Create(1, 1, x => [x[0] == 3 ? 1 : double.NaN], x => new double[,] { { 1 } });
        var result = new LevenbergMarquardt().Solve(residuals, [3]);
        Assert.Equal(TerminationReason.NonFiniteValue, result.Reason);
        Assert.Equal(3, result.Solution[0]);
    }

    [Fact]
    public void NonFiniteJacobianEndsTheRunWithNonFiniteValue()
    {
        var residuals = ResidualFunction.Create(1, 1, x => [x[0]], x => new double[,] { { double.PositiveInfinity } });
        var result = new LevenbergMarquardt().Solve(residuals, [3]);
        Assert.Equal(TerminationReason.NonFiniteValue, result.Reason);
    }

    [Fact]
    public void FiniteDifferenceJacobiansGiveTheSameMinimum()
    {
        var problem = new Bard();
        var exact = new SumOfSquaresResiduals(problem);
        var differences = new FiniteDifferenceVectorFunction(problem.Dimension, problem.ResidualCount, exact.Evaluate);
        var result = new LevenbergMarquardt().Solve(differences, problem.StartingPoint);
        Assert.Equal(problem.KnownMinimum!.Value, result.ResidualNorm * result.ResidualNorm, 1e-8);
    }

    [Fact]
    public void EvaluationLimitIsReported()
    {
        var problem = new Meyer();
        var result = new LevenbergMarquardt(new LevenbergMarquardtOptions { MaximumEvaluations = 5 })
            .Solve(new SumOfSquaresResiduals(problem), problem.StartingPoint);
        Assert.Equal(TerminationReason.EvaluationLimit, result.Reason);
        Assert.Equal(5, result.ResidualEvaluations);
        Assert.Contains("evaluation limit 5", result.Message);
    }

    [Fact]
    public void InvalidOptionsAndArgumentsThrowNamingThem()
    {
        Assert.Equal("FunctionTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new LevenbergMarquardt(new() { FunctionTolerance = -1 })).ParamName);
        Assert.Equal("InitialStepBound", Assert.Throws<ArgumentOutOfRangeException>(() => new LevenbergMarquardt(new() { InitialStepBound = 0 })).ParamName);
        var residuals = new SumOfSquaresResiduals(new Bard());
        Assert.Equal("initialPoint", Assert.Throws<ArgumentException>(() => new LevenbergMarquardt().Solve(residuals, [1, 1])).ParamName);
        Assert.Equal("initialPoint", Assert.Throws<ArgumentException>(() => new LevenbergMarquardt().Solve(residuals, [1, double.NaN, 1])).ParamName);
    }

    [Fact]
    public void CancellationStopsTheRun()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var problem = new Meyer();
        var result = new LevenbergMarquardt().Solve(new SumOfSquaresResiduals(problem), problem.StartingPoint, source.Token);
        Assert.Equal(TerminationReason.Cancelled, result.Reason);
    }

    [Fact]
    public void OptimalityIsTheGradientNormAtTheLastJacobian()
    {
        // With two evaluations allowed, the run evaluates r(x₀), J(x₀) and one trial: the last Jacobian is J(x₀).
        var problem = new Bard();
        var residuals = new SumOfSquaresResiduals(problem);
        var x0 = problem.StartingPoint;
        var result = new LevenbergMarquardt(new LevenbergMarquardtOptions { MaximumEvaluations = 2 }).Solve(residuals, x0);
        var jacobian = Matrix<double>.Build.Dense(problem.ResidualCount, problem.Dimension);
        residuals.Jacobian(x0, jacobian);
        var r = new double[problem.ResidualCount];
        residuals.Evaluate(x0, r);
        double gradient = (jacobian.Transpose() * Vector<double>.Build.DenseOfArray(r)).InfinityNorm();
        Assert.Equal(1, result.JacobianEvaluations);
        Assert.Equal(gradient, result.Optimality, 1e-12 * gradient);
    }
}
