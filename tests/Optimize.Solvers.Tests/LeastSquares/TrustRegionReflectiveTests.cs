using Optimize.AutoDiff;
using Optimize.Constraints;
using Optimize.FiniteDifferences;
using Optimize.Problems;
using Optimize.Problems.MoreGarbowHillstrom;
using Optimize.Solvers.LeastSquares;

namespace Optimize.Solvers.Tests.LeastSquares;

public class TrustRegionReflectiveTests
{
    private static SumOfSquaresResiduals Rosenbrock => new(new RosenbrockResiduals(2));

    [Fact]
    public void SolvesRosenbrockWithoutBounds()
    {
        var result = new TrustRegionReflective().Solve(Rosenbrock, [-1.2, 1]);
        Assert.True(result.Converged, result.Message);
        Assert.Equal(1, result.Solution[0], 1e-7);
        Assert.Equal(1, result.Solution[1], 1e-7);
        Assert.Empty(result.ActiveBounds);
    }

    [Fact]
    public void StopsAtAnActiveUpperBound()
    {
        // scipy's least_squares documentation, Rosenbrock with x₁ ≥ 1.5 (bounds=([-inf, 1.5], inf)) from (2, 2):
        // x = (1.22437075, 1.5), cost 0.025213093946805685.
        var bounds = Bounds.Create([double.NegativeInfinity, 1.5], [double.PositiveInfinity, double.PositiveInfinity]);
        var result = new TrustRegionReflective().Solve(Rosenbrock, [2, 2], bounds);
        Assert.True(result.Converged, result.Message);
        Assert.Equal(1.22437075, result.Solution[0], 1e-6);
        Assert.Equal(1.5, result.Solution[1], 1e-8);
        Assert.Equal(0.025213093946805685, result.Cost, 1e-9);
        Assert.Equal([1], result.ActiveBounds);
        Assert.True(bounds.Contains(result.Solution));
    }

    [Fact]
    public void BoundedMghProblemReachesAProjectedGradientNearZero()
    {
        // Box 3D with x₃ ≤ −0.5 excludes its minima (x₃ = ±1, 0 and (10, 1, −1)); the bound is active at the solution.
        var problem = new Box3D();
        var bounds = Bounds.Create([0, 0, -2], [20, 20, -1.5]);
        var result = new TrustRegionReflective().Solve(new SumOfSquaresResiduals(problem), problem.StartingPoint.Select((v, i) => i == 2 ? -2.0 : v).ToArray(), bounds);
        Assert.True(result.Converged, result.Message);
        Assert.Contains(2, result.ActiveBounds);
        var gradient = new double[3];
        new SumOfSquaresResiduals(problem).VectorJacobian(result.Solution, result.Residuals, gradient);
        Assert.True(bounds.ProjectedGradientNorm(result.Solution, gradient) <= 1e-6 * Math.Max(1, result.Cost), result.Message);
    }

    [Fact]
    public void ProjectsAStartOutsideTheBoundsAndSaysSo()
    {
        var bounds = Bounds.Box(2, 0, 10);
        var result = new TrustRegionReflective().Solve(Rosenbrock, [-1.2, 1], bounds);
        Assert.True(result.Converged, result.Message);
        Assert.Contains("projected", result.Message);
        Assert.Equal(1, result.Diagnostics["projected start entries"]);
        Assert.Equal(1, result.Solution[0], 1e-6);
    }

    [Fact]
    public void RejectsBoundsThatFixAVariable()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrustRegionReflective().Solve(Rosenbrock, [0, 0], Bounds.Create([0, 1], [2, 1])));
        Assert.Equal("bounds", error.ParamName);
        Assert.Equal("bounds", Assert.Throws<ArgumentException>(() => new TrustRegionReflective().Solve(Rosenbrock, [0, 0], Bounds.Box(3, 0, 1))).ParamName);
    }

    [Fact]
    public void NonFiniteResidualsAtTheStartEndWithNonFiniteValue()
    {
        var residuals = ResidualFunction.Create(1, 1, x => [Math.Log(x[0])], x => new double[,] { { 1 / x[0] } });
        var result = new TrustRegionReflective().Solve(residuals, [-1]);
        Assert.Equal(TerminationReason.NonFiniteValue, result.Reason);
    }

    [Fact]
    public void SparseLsqrPathAgreesWithTheDenseExactPath()
    {
        var problem = new BroydenTridiagonal(30);
        var residuals = new SumOfSquaresResiduals(problem);
        var dense = new TrustRegionReflective().Solve(residuals, problem.StartingPoint);
        var pattern = SparsityPattern.Banded(30, 30, 1, 1);
        var sparse = new TrustRegionReflective(new TrustRegionReflectiveOptions { Sparsity = pattern, LsqrTolerance = 1e-10 })
            .Solve(new ForwardModeVectorFunction(residuals), problem.StartingPoint);
        Assert.True(dense.Converged, dense.Message);
        Assert.True(sparse.Converged, sparse.Message);
        Assert.True(sparse.Cost < 1e-12 && dense.Cost < 1e-12, $"{sparse.Cost} {dense.Cost}");
        for (int i = 0; i < 30; i++) Assert.Equal(dense.Solution[i], sparse.Solution[i], 1e-5);
    }

    [Fact]
    public void SparseLsqrPathHandlesBounds()
    {
        var problem = new BroydenTridiagonal(20);
        var bounds = Bounds.Box(20, -0.55, 0);
        var options = new TrustRegionReflectiveOptions { Sparsity = SparsityPattern.Banded(20, 20, 1, 1) };
        var sparse = new TrustRegionReflective(options).Solve(new SumOfSquaresResiduals(problem), problem.StartingPoint, bounds);
        var dense = new TrustRegionReflective().Solve(new SumOfSquaresResiduals(problem), problem.StartingPoint, bounds);
        Assert.True(sparse.Converged, sparse.Message);
        Assert.True(bounds.Contains(sparse.Solution));
        Assert.Equal(dense.Cost, sparse.Cost, 1e-8);
    }

    [Fact]
    public void SoftL1LossResistsOutliers()
    {
        // y = 2 + 3t with three gross outliers; the soft-L1 fit recovers the line, the linear fit does not.
        double[] t = Enumerable.Range(0, 30).Select(i => i / 10.0).ToArray();
        double[] y = t.Select(v => 2 + 3 * v).ToArray();
        y[5] += 40;
        y[17] -= 30;
        y[25] += 50;
        var residuals = ResidualFunction.Create(2, t.Length, p => t.Select((v, i) => p[0] + p[1] * v - y[i]).ToArray(),
            p => { var j = new double[t.Length, 2]; for (int i = 0; i < t.Length; i++) { j[i, 0] = 1; j[i, 1] = t[i]; } return j; });
        var robust = new TrustRegionReflective(new TrustRegionReflectiveOptions { Loss = new RobustLoss(LossKind.SoftL1, 0.1) }).Solve(residuals, [0, 0]);
        var plain = new TrustRegionReflective().Solve(residuals, [0, 0]);
        Assert.True(robust.Converged, robust.Message);
        Assert.Equal(2, robust.Solution[0], 0.05);
        Assert.Equal(3, robust.Solution[1], 0.05);
        Assert.True(Math.Abs(plain.Solution[0] - 2) > 0.5 || Math.Abs(plain.Solution[1] - 3) > 0.5);
    }

    [Fact]
    public void JacobianScalingSolvesABadlyScaledProblem()
    {
        var problem = new BrownBadlyScaled();
        var result = new TrustRegionReflective(new TrustRegionReflectiveOptions { ScaleByJacobian = true })
            .Solve(new SumOfSquaresResiduals(problem), problem.StartingPoint);
        Assert.True(result.Cost < 1e-12, result.Message);
    }

    [Fact]
    public void EvaluationLimitIsReported()
    {
        var problem = new Meyer();
        var result = new TrustRegionReflective(new TrustRegionReflectiveOptions { MaximumEvaluations = 4 }).Solve(new SumOfSquaresResiduals(problem), problem.StartingPoint);
        Assert.Equal(TerminationReason.EvaluationLimit, result.Reason);
        Assert.Equal(4, result.ResidualEvaluations);
    }

    [Fact]
    public void InvalidOptionsThrowNamingThem()
    {
        Assert.Equal("Scale", Assert.Throws<ArgumentOutOfRangeException>(() => new TrustRegionReflective(new() { Loss = new RobustLoss(LossKind.Huber, 0) })).ParamName);
        Assert.Equal("Solver", Assert.Throws<ArgumentException>(() => new TrustRegionReflective(new()
        {
            Solver = TrustRegionLinearSolver.Exact, Sparsity = SparsityPattern.Banded(2, 2, 0, 0),
        })).ParamName);
    }
}
