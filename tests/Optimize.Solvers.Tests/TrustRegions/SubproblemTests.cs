using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Solvers.LinearAlgebra;
using Optimize.Solvers.TrustRegions;

namespace Optimize.Solvers.Tests.TrustRegions;

/// <summary>The three subproblem solvers on small matrices whose solutions are known.</summary>
public class SubproblemTests
{
    private static readonly double[] Gradient = [1, -2, 0.5];

    private static DenseMatrix PositiveDefinite() => DenseMatrix.OfArray(new double[,] { { 4, 1, 0 }, { 1, 3, 0.5 }, { 0, 0.5, 2 } });

    private static double[] NewtonStep(DenseMatrix b) => b.Solve(DenseVector.OfArray(Gradient)).Negate().ToArray();

    private static double Model(DenseMatrix b, double[] p) =>
        TensorPrimitives.Dot(Gradient, p) + 0.5 * TensorPrimitives.Dot(p, (b * DenseVector.OfArray(p)).ToArray());

    private static SubproblemSolution Solve(TrustRegionSubproblem kind, DenseMatrix b, double radius, double[] step) =>
        new MatrixSubproblemSolver(kind, b).Solve(Gradient, TensorPrimitives.Norm(Gradient), radius, step);

    [Theory]
    [InlineData(TrustRegionSubproblem.Exact)]
    [InlineData(TrustRegionSubproblem.Dogleg)]
    [InlineData(TrustRegionSubproblem.SteihaugToint)]
    public void TakesTheNewtonStepWhenItFitsInside(TrustRegionSubproblem kind)
    {
        var b = PositiveDefinite();
        var newton = NewtonStep(b);
        var step = new double[3];
        var solution = Solve(kind, b, 10, step);
        Assert.False(solution.OnBoundary);
        Assert.False(solution.NegativeCurvature);
        // Steihaug–Toint stops CG at a relative residual of min(0.5, √‖g‖): compare its model value, the others exactly.
        if (kind == TrustRegionSubproblem.SteihaugToint)
            Assert.True(solution.ModelChange <= 0.5 * Model(b, newton));
        else
            for (int i = 0; i < 3; i++) Assert.Equal(newton[i], step[i], 1e-10);
        Assert.Equal(Model(b, step), solution.ModelChange, 1e-12);
    }

    [Theory]
    [InlineData(TrustRegionSubproblem.Exact)]
    [InlineData(TrustRegionSubproblem.Dogleg)]
    [InlineData(TrustRegionSubproblem.SteihaugToint)]
    public void StopsOnTheBoundaryWithAtLeastCauchyDecrease(TrustRegionSubproblem kind)
    {
        var b = PositiveDefinite();
        var step = new double[3];
        double radius = 0.2;
        var solution = Solve(kind, b, radius, step);
        Assert.True(solution.OnBoundary);
        Assert.Equal(radius, TensorPrimitives.Norm(step), 2e-3);
        // The Cauchy point at this radius is −Δ·g/‖g‖ (gᵀBg > 0 and the unconstrained Cauchy step is longer).
        var cauchy = Gradient.Select(g => -radius * g / TensorPrimitives.Norm(Gradient)).ToArray();
        Assert.True(solution.ModelChange <= Model(b, cauchy) + 1e-12);
    }

    [Fact]
    public void ExactSolutionBeatsDoglegAndSteihaugOnTheBoundary()
    {
        var b = PositiveDefinite();
        double radius = 0.3;
        var exact = Solve(TrustRegionSubproblem.Exact, b, radius, new double[3]);
        var dogleg = Solve(TrustRegionSubproblem.Dogleg, b, radius, new double[3]);
        var steihaug = Solve(TrustRegionSubproblem.SteihaugToint, b, radius, new double[3]);
        Assert.True(exact.ModelChange <= dogleg.ModelChange + 1e-12);
        Assert.True(exact.ModelChange <= steihaug.ModelChange + 1e-12);
    }

    [Theory]
    [InlineData(TrustRegionSubproblem.Exact)]
    [InlineData(TrustRegionSubproblem.Dogleg)]
    [InlineData(TrustRegionSubproblem.SteihaugToint)]
    public void FollowsNegativeCurvatureToTheBoundary(TrustRegionSubproblem kind)
    {
        var b = DenseMatrix.OfArray(new double[,] { { -2, 0, 0 }, { 0, 1, 0 }, { 0, 0, 3 } });
        var step = new double[3];
        var solution = Solve(kind, b, 1.5, step);
        Assert.True(solution.OnBoundary);
        Assert.Equal(1.5, TensorPrimitives.Norm(step), 2e-2);
        Assert.True(solution.ModelChange < 0);
        Assert.Equal(Model(b, step), solution.ModelChange, 1e-10);
    }

    [Fact]
    public void ExactSolverHandlesTheHardCase()
    {
        // B = diag(−1, 1, 2) and g ⊥ e₀: p(λ) never reaches the boundary for λ > 1, so the step needs ±τe₀.
        var b = DenseMatrix.OfArray(new double[,] { { -1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2 } });
        double[] gradient = [0, 1, 1];
        var step = new double[3];
        var solution = new MoreSorensen(3).Solve(b, new MatrixOperator(b), gradient, 2, step);
        Assert.True(solution.NegativeCurvature);
        Assert.Equal(2, TensorPrimitives.Norm(step), 2e-2);
        // The exact solution: λ = 1, p = (±τ, −1/2, −1/3) with τ² = 4 − 1/4 − 1/9, m = −7/12 − τ²/2.
        double tau2 = 4 - 0.25 - 1.0 / 9;
        Assert.Equal(-7.0 / 12 - tau2 / 2, solution.ModelChange, 2e-2);
    }
}
