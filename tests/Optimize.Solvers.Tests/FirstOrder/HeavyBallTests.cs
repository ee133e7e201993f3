using Optimize.Problems;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.FirstOrder;

/// <summary>
/// Heavy ball takes a fixed step, which must be below 2(1 + β)/L along the path: Wood's function needs a smaller
/// step (1e-4) than the others (1e-3); held to ‖∇f‖ ≤ 1e-5 with up to 2·10⁵ iterations.
/// </summary>
public class HeavyBallTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("quadratic", 0, 1e-3)]
    [InlineData("rosenbrock", 0, 1e-3)]
    [InlineData("beale", 0, 1e-3)]
    [InlineData("powell-singular", 0, 1e-3)]
    [InlineData("wood", 0, 1e-4)]
    [InlineData("extended-rosenbrock", 1000, 1e-3)]
    public void ConvergesWithAFixedStep(string name, int dimension, double step)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new HeavyBall(new HeavyBallOptions { StepSize = step })
            .Minimize(problem, problem.StartingPoint, new DriverOptions { GradientTolerance = 1e-5, MaximumIterations = 200_000 });
        Convergence.AssertConverged(result, problem, 1e-5, output);
    }

    [Fact]
    public void OptimalParametersBeatGradientDescentOnTheQuadratic()
    {
        // Polyak's tuning for eigenvalues in [μ, L] gives rate (√κ − 1)/(√κ + 1) instead of (κ − 1)/(κ + 1).
        var problem = ProblemLibrary.ConvexQuadratic();
        var hessian = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(problem.Dimension, problem.Dimension);
        problem.Hessian(problem.StartingPoint, hessian);
        var eigenvalues = hessian.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(v => v.Real).ToArray();
        double l = eigenvalues.Max(), mu = eigenvalues.Min();
        double step = 4 / Math.Pow(Math.Sqrt(l) + Math.Sqrt(mu), 2);
        double momentum = Math.Pow((Math.Sqrt(l) - Math.Sqrt(mu)) / (Math.Sqrt(l) + Math.Sqrt(mu)), 2);
        var limits = new DriverOptions { GradientTolerance = 1e-8, MaximumIterations = 100_000 };
        var heavy = new HeavyBall(new HeavyBallOptions { StepSize = step, Momentum = momentum, AdaptiveRestart = false })
            .Minimize(problem, problem.StartingPoint, limits);
        var plain = new GradientDescent(new GradientDescentOptions { LineSearch = null, StepSize = 2 / (l + mu) })
            .Minimize(problem, problem.StartingPoint, limits);
        output.WriteLine(heavy.BriefReport());
        output.WriteLine(plain.BriefReport());
        Assert.Equal(TerminationReason.GradientTolerance, heavy.Reason);
        Assert.Equal(TerminationReason.GradientTolerance, plain.Reason);
        Assert.True(heavy.Iterations < plain.Iterations);
    }

    [Fact]
    public void RejectsMomentumOfOne()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new HeavyBall(new HeavyBallOptions { Momentum = 1 }));
        Assert.Equal("Momentum", error.ParamName);
    }
}
