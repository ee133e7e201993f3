using MathNet.Numerics.LinearAlgebra;
using Optimize.Constraints;
using Optimize.Problems;
using Optimize.Problems.Bounded;
using Optimize.Solvers.Bounded;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.Bounded;

public class TronTests(ITestOutputHelper output)
{
    public static TheoryData<string> BoundedProblems => new(BoundedSet.Instances.Select(p => p.Name));

    /// <summary>Every bounded problem (all have hand-coded Hessians) reaches ‖x − P(x − ∇f)‖∞ ≤ 10⁻⁶·max(1, |f|) at its minimum.</summary>
    [Theory]
    [MemberData(nameof(BoundedProblems))]
    public void SolvesEveryBoundedProblem(string name)
    {
        var problem = BoundedSet.Find(name)!;
        var result = new Tron().Minimize(problem.Problem, problem.StartingPoint, problem.Bounds, new DriverOptions { MaximumIterations = 5000 });
        output.WriteLine(result.BriefReport() + " " + result.Message);
        Assert.True(result.Converged, result.FullReport());
        Assert.True(problem.Bounds.Contains(result.Minimizer));
        Assert.True(result.ProjectedGradientNorm <= 1e-6 * Math.Max(1, Math.Abs(result.Minimum)), result.Message);
        Assert.True(result.Evaluations.HessianVectors > 0);
        if (name == "mgh14-wood-boxed")
        {
            // TRON ends in the other valley of Wood's function, x ≈ (−1.11, 1.25, 0.8, 0.65): a local minimizer over the
            // box (the Hessian on the free variables is positive definite there), above the global f*.
            Assert.True(result.Minimum > problem.KnownMinimum + 1);
            var free = Enumerable.Range(0, problem.Dimension).Where(i => result.BoundStates[i] == BoundState.Free).ToArray();
            var hessian = Matrix<double>.Build.Dense(problem.Dimension, problem.Dimension);
            problem.Problem.Hessian(result.Minimizer, hessian);
            var reduced = Matrix<double>.Build.Dense(free.Length, free.Length, (i, j) => hessian[free[i], free[j]]);
            Assert.All(reduced.Evd().EigenValues, lambda => Assert.True(lambda.Real > 0, $"eigenvalue {lambda}"));
            return;
        }
        Assert.True(Math.Abs(result.Minimum - problem.KnownMinimum) <= 1e-6 * Math.Max(1, Math.Abs(problem.KnownMinimum)),
            $"f = {result.Minimum:R}, f* = {problem.KnownMinimum:R}");
        Assert.Equal(problem.ActiveAtMinimum, result.ActiveBounds);
        Assert.Equal(0, result.Evaluations.Hessians);
    }

    [Theory]
    [MemberData(nameof(Convergence.SmallProblems), MemberType = typeof(Convergence))]
    public void WithoutBoundsConvergesOnTheSmallProblems(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new Tron().Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Fact]
    public void SolvesABoundedExtendedRosenbrockWithHessianVectorProductsOnly()
    {
        var problem = new HessianVectorOnly(ProblemLibrary.ExtendedRosenbrock(100));
        var bounded = BoundedSet.Find("mgh21-rosenbrock-100-boxed")!;
        var result = new Tron().Minimize(problem, bounded.StartingPoint, bounded.Bounds);
        output.WriteLine(result.BriefReport());
        Assert.True(result.Converged, result.Message);
        Assert.Equal(bounded.KnownMinimum, result.Minimum, 1e-8);
        Assert.Equal(50, result.ActiveBounds.Count);
    }

    /// <summary>In steady state a bounded run allocates nothing per iteration (iterations 5 to 20 of extended Rosenbrock, n = 1000).</summary>
    [Fact]
    public void AllocatesNothingPerIterationWithBounds()
    {
        var problem = new HessianVectorOnly(ProblemLibrary.ExtendedRosenbrock(1000));
        var start = ProblemLibrary.ExtendedRosenbrock(1000).StartingPoint;
        var box = Bounds.Box(1000, -1.5, 1.5);
        long allocated = SteadyStateAllocation.Between(5, 20, options => new Tron().Minimize(problem, start, box, options));
        output.WriteLine($"allocated between iterations 5 and 20: {allocated} B");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void RejectsInvalidOptionsNamingThem()
    {
        Assert.Equal("InitialRadius", Assert.Throws<ArgumentOutOfRangeException>(() => new Tron(new TronOptions { InitialRadius = -1 })).ParamName);
        Assert.Equal("ConjugateGradientTolerance",
            Assert.Throws<ArgumentOutOfRangeException>(() => new Tron(new TronOptions { ConjugateGradientTolerance = 1 })).ParamName);
        Assert.Equal("SufficientDecrease",
            Assert.Throws<ArgumentOutOfRangeException>(() => new Tron(new TronOptions { SufficientDecrease = 0 })).ParamName);
    }
}
