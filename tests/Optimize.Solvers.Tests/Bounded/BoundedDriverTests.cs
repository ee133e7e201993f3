using Optimize.Constraints;
using Optimize.Problems;
using Optimize.Problems.Bounded;
using Optimize.Solvers.Bounded;
using Optimize.Solvers.DerivativeFree;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.Methods;
using Optimize.Solvers.QuasiNewton;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.Bounded;

public class BoundedDriverTests(ITestOutputHelper output)
{
    private static readonly double[] RosenbrockStart = [-1.2, 1];

    [Fact]
    public void AMethodWithoutBoundsSupportRejectsFiniteBoundsNamingTheArgument()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var error = Assert.Throws<ArgumentException>(() => new Lbfgs().Minimize(problem, RosenbrockStart, Bounds.Box(2, -2, 2)));
        Assert.Equal("bounds", error.ParamName);
        Assert.Contains("does not support bounds", error.Message);
        Assert.False(new Lbfgs().SupportsBounds);
    }

    [Fact]
    public void AMethodWithoutBoundsSupportRunsWithBoundsThatAreAllInfinite()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = new Lbfgs().Minimize(problem, RosenbrockStart, Bounds.Unbounded(2));
        Assert.True(result.Converged, result.Message);
        Assert.False(result.StartProjected);
        Assert.Equal(2, result.BoundStates.Count);
        Assert.All(result.BoundStates, state => Assert.Equal(BoundState.Free, state));
    }

    [Fact]
    public void BoundsOfTheWrongLengthAreRejectedNamingTheArgument()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var error = Assert.Throws<ArgumentException>(() => new Lbfgsb().Minimize(problem, RosenbrockStart, Bounds.Box(3, -2, 2)));
        Assert.Equal("bounds", error.ParamName);
        Assert.Contains("3 variables", error.Message);
        Assert.Throws<ArgumentNullException>(() => new Lbfgsb().Minimize(problem, RosenbrockStart, (Bounds)null!));
    }

    /// <summary>Bounds that cannot be built fail where they are built, naming lower or upper, before any run starts.</summary>
    [Theory]
    [InlineData(1.0, 0.0, "lower")]
    [InlineData(double.NaN, 1.0, "lower")]
    [InlineData(0.0, double.NaN, "upper")]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, "lower")]
    public void InvalidBoundsSurfaceThroughTheMinimizeCallWithTheArgumentNamed(double lower, double upper, string argument)
    {
        var counted = new InBoxObjective(ProblemLibrary.Rosenbrock(), Bounds.Box(2, -10, 10));
        var error = Assert.Throws<ArgumentException>(() =>
            new Lbfgsb().Minimize(counted, RosenbrockStart, Bounds.Create([lower, -1], [upper, 1])));
        Assert.Equal(argument, error.ParamName);
        Assert.Equal(0, counted.Calls);
    }

    [Fact]
    public void TheRegistryNamesTheMethodsThatSupportBoundsAndRejectsTheOthers()
    {
        string[] bounded = ["nelder-mead", "coordinate-descent", "lbfgsb", "tron"];
        Assert.Equal(bounded.Order(), MinimizationMethods.All.Where(m => m.SupportsBounds).Select(m => m.Name).Order());
        var problem = ProblemLibrary.Rosenbrock();
        var box = Bounds.Create([-2, -2], [0.5, 2]);
        var error = Assert.Throws<ArgumentException>(() => MinimizationMethods.Get("bfgs").Minimize(problem, RosenbrockStart, box, null, default));
        Assert.Equal("bounds", error.ParamName);
        foreach (var name in new[] { "lbfgsb", "tron" })
        {
            var result = MinimizationMethods.Get(name).Minimize(problem, RosenbrockStart, box, null, default);
            output.WriteLine(result.BriefReport());
            Assert.True(result.Converged, result.Message);
            Assert.Equal(0.5, result.Minimizer[0]);
            Assert.Same(box, result.Bounds);
        }
    }

    [Fact]
    public void AStartOutsideTheBoxIsProjectedAndTheResultSaysSo()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var box = Bounds.Create([-2, -2], [0.5, 2]);
        var result = new Lbfgsb().Minimize(problem, [3, -5], box);
        Assert.True(result.StartProjected);
        Assert.Equal([0.5, -2], result.InitialPoint);
        Assert.Equal(problem.Value([0.5, -2]), result.InitialValue);
        Assert.Contains("the start was outside the bounds and was projected onto them (2 coordinates moved)", result.Message);
        Assert.Contains("Bounds", result.FullReport());
        Assert.True(result.Converged, result.Message);

        var inside = new Lbfgsb().Minimize(problem, RosenbrockStart, box);
        Assert.False(inside.StartProjected);
        Assert.DoesNotContain("projected onto them", inside.Message);
    }

    [Fact]
    public void TheGradientTestReadsTheProjectedGradientWhoseNormTheResultReports()
    {
        // At the start of HS4, (1.125, 0.125), nothing is active; at its minimum (1, 0) ∇f = (4, 1) is held by both bounds.
        var problem = BoundedSet.Find("hs4")!;
        var result = new Lbfgsb().Minimize(problem.Problem, problem.StartingPoint, problem.Bounds);
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Equal(0, result.ProjectedGradientNorm);
        Assert.Equal(Math.Sqrt(17), result.GradientNorm, 1e-12);
        Assert.Equal([0, 1], result.ActiveBounds);
        Assert.Equal([BoundState.AtLower, BoundState.AtLower], result.BoundStates);
        Assert.StartsWith("converged: projected gradient ‖x − P(x − ∇f)‖∞ = 0.00E+000 ≤ 1.00E-008", result.Message);
    }

    [Fact]
    public void WithoutBoundsTheResultReportsTheGradientInfinityNormAndNoBounds()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = new Lbfgs().Minimize(problem, RosenbrockStart);
        Assert.Null(result.Bounds);
        Assert.False(result.StartProjected);
        Assert.True(result.ProjectedGradientNorm <= result.GradientNorm);
        Assert.Empty(result.ActiveBounds);
        Assert.DoesNotContain("bounds active", result.Message);
    }

    [Fact]
    public void NelderMeadKeepsEveryVertexInTheBoxAndFindsTheBoundedMinimum()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var box = Bounds.Create([-2, -2], [0.5, 2]);
        var inBox = new InBoxObjective(problem, box);
        var result = new NelderMead().Minimize(inBox, RosenbrockStart, box,
            new DriverOptions { StepTolerance = 1e-10, FunctionChangeTolerance = 1e-14, MaximumIterations = 5000 });
        output.WriteLine(result.BriefReport());
        Assert.True(result.Converged, result.Message);
        Assert.Equal(0, inBox.Outside);
        Assert.Equal(0.5, result.Minimizer[0], 1e-6);
        Assert.Equal(0.25, result.Minimizer[1], 1e-5);
        Assert.True(double.IsNaN(result.ProjectedGradientNorm));
    }

    [Fact]
    public void NelderMeadStepsDownwardsFromAStartOnAnUpperBound()
    {
        // HS45 from its projected start (1, 2, 2, 2, 2): x₁ is on its upper bound, the first simplex vertex steps below it.
        var problem = BoundedSet.Find("hs45")!;
        var inBox = new InBoxObjective(problem.Problem, problem.Bounds);
        var result = new NelderMead().Minimize(inBox, problem.StartingPoint, problem.Bounds, new DriverOptions { MaximumIterations = 5000 });
        output.WriteLine(result.BriefReport());
        Assert.True(result.StartProjected);
        Assert.Equal(0, inBox.Outside);
        Assert.Equal(1, result.Minimum, 1e-6);
    }

    [Theory]
    [InlineData("hs4")]
    [InlineData("hs5")]
    [InlineData("hs45")]
    [InlineData("mgh01-rosenbrock-boxed")]
    public void CoordinateDescentClampsItsStepsToTheBox(string name)
    {
        var problem = BoundedSet.Find(name)!;
        var inBox = new InBoxObjective(problem.Problem, problem.Bounds);
        var result = new CoordinateDescent().Minimize(inBox, problem.StartingPoint, problem.Bounds,
            new DriverOptions { GradientTolerance = 1e-7, MaximumIterations = 200000 });
        output.WriteLine(result.BriefReport());
        Assert.True(result.Converged, result.Message);
        Assert.Equal(0, inBox.Outside);
        Assert.True(result.ProjectedGradientNorm <= 1e-6 * Math.Max(1, Math.Abs(result.Minimum)), result.Message);
        Assert.Equal(problem.KnownMinimum, result.Minimum, 1e-6);
        Assert.Equal(problem.ActiveAtMinimum, result.ActiveBounds);
    }

    public static TheoryData<string> BoundedProblems => new(BoundedSet.Instances.Select(p => p.Name));

    /// <summary>The bounded methods on gradients and Hessian-vector products evaluate f only inside the box.</summary>
    [Theory]
    [MemberData(nameof(BoundedProblems))]
    public void LbfgsbAndTronEvaluateOnlyInsideTheBox(string name)
    {
        var problem = BoundedSet.Find(name)!;
        var forLbfgsb = new InBoxObjective(problem.Problem, problem.Bounds);
        var forTron = new InBoxObjective(problem.Problem, problem.Bounds);
        new Lbfgsb().Minimize(forLbfgsb, problem.StartingPoint, problem.Bounds);
        new Tron().Minimize(forTron, problem.StartingPoint, problem.Bounds);
        Assert.True(forLbfgsb.Calls > 0 && forTron.Calls > 0);
        Assert.Equal(0, forLbfgsb.Outside);
        Assert.Equal(0, forTron.Outside);
    }

    /// <summary>Counts evaluations outside the box (with a gradient and Hessian-vector products where the problem has them).</summary>
    private sealed class InBoxObjective(TestProblem inner, Bounds box) : Optimize.Oracles.IHessianVectorObjective
    {
        public int Outside { get; private set; }
        public int Calls { get; private set; }
        public int Dimension => inner.Dimension;

        public double Value(ReadOnlySpan<double> x)
        {
            Check(x);
            return inner.Value(x);
        }

        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            Check(x);
            return inner.ValueAndGradient(x, gradient);
        }

        public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
        {
            Check(x);
            inner.HessianVector(x, v, result);
        }

        private void Check(ReadOnlySpan<double> x)
        {
            Calls++;
            if (!box.Contains(x)) Outside++;
        }
    }
}
