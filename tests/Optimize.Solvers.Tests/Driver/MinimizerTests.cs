using Optimize.Problems;
using Optimize.Solvers.DerivativeFree;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.Tests.Driver;

/// <summary>The shared driver: bad input, stopping rules, limits, callback, cancellation, trace and reports.</summary>
public class MinimizerTests(ITestOutputHelper output)
{
    /// <summary>One instance of every method, each run through its own weakest oracle type.</summary>
    public static TheoryData<string> Methods => new()
    {
        "gradient-descent", "heavy-ball", "nesterov", "adam", "conjugate-gradient", "coordinate-descent", "bfgs", "l-bfgs",
        "sr1", "newton", "newton-cg", "steihaug", "trust-region", "nelder-mead",
    };

    internal static MinimizationResult Run(string method, Optimize.Oracles.IHessianObjective objective, double[] start, DriverOptions? options = null) => method switch
    {
        "gradient-descent" => new GradientDescent().Minimize(objective, start, options),
        "heavy-ball" => new HeavyBall().Minimize(objective, start, options),
        "nesterov" => new NesterovAcceleratedGradient().Minimize(objective, start, options),
        "adam" => new Adam().Minimize(objective, start, options),
        "conjugate-gradient" => new ConjugateGradient().Minimize(objective, start, options),
        "coordinate-descent" => new CoordinateDescent().Minimize(objective, start, options),
        "bfgs" => new Bfgs().Minimize(objective, start, options),
        "l-bfgs" => new Lbfgs().Minimize(objective, start, options),
        "sr1" => new Sr1TrustRegion().Minimize(objective, start, options),
        "newton" => new Newton().Minimize(objective, start, options),
        "newton-cg" => new NewtonConjugateGradient().Minimize(objective, start, options),
        "steihaug" => new SteihaugTrustRegion().Minimize(objective, start, options),
        "trust-region" => new TrustRegion().Minimize(objective, start, options),
        "nelder-mead" => new NelderMead().Minimize(objective, start, options),
        _ => throw new ArgumentException(method, nameof(method)),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void RejectsANaNStartNamingTheArgument(string method)
    {
        var error = Assert.Throws<ArgumentException>(() => Run(method, ProblemLibrary.Rosenbrock(), [double.NaN, 1]));
        Assert.Equal("initialPoint", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void RejectsAStartOfTheWrongDimension(string method)
    {
        var error = Assert.Throws<ArgumentException>(() => Run(method, ProblemLibrary.Rosenbrock(), [1, 2, 3]));
        Assert.Equal("initialPoint", error.ParamName);
        Assert.Contains("expected length 2", error.Message);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void ReportsAnObjectiveThatIsNaNEverywhere(string method)
    {
        var result = Run(method, SpecialObjectives.NaNEverywhere(3), [1, 2, 3]);
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.NonFiniteValue, result.Reason);
        Assert.False(result.Converged);
        Assert.Equal(0, result.Iterations);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void StopsAtOnceOnAZeroGradientAtTheStart(string method)
    {
        // The origin is a stationary point (a saddle) of the double well: a first-order test cannot tell.
        var result = Run(method, SpecialObjectives.DoubleWell(), [0, 0]);
        output.WriteLine(result.BriefReport());
        if (method == "nelder-mead")
        {
            // Without gradients the simplex sees f decrease along x and leaves the saddle.
            Assert.True(result.Minimum < 0, result.BriefReport());
            return;
        }
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Equal(0, result.Iterations);
        Assert.Equal([0.0, 0.0], result.Minimizer);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void ReturnsTheStartForAnIterationLimitOfZero(string method)
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = Run(method, problem, problem.StartingPoint, new DriverOptions { MaximumIterations = 0 });
        Assert.Equal(TerminationReason.IterationLimit, result.Reason);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(24.2, result.InitialValue, 1e-12);
        Assert.Equal(problem.StartingPoint, result.Minimizer);
        Assert.Equal(24.2, result.Minimum, 1e-12);
    }

    public static TheoryData<string> UnboundedMethods => new()
    {
        "gradient-descent", "heavy-ball", "nesterov", "conjugate-gradient", "coordinate-descent", "bfgs", "l-bfgs",
        "sr1", "newton", "newton-cg", "steihaug", "trust-region", "nelder-mead",
    };

    [Fact]
    public void AdamOnlyRunsDownhillOnAnObjectiveUnboundedBelow()
    {
        // Adam's step is at most about α per coordinate, so f = −‖x‖² falls only like −(αk)²: it cannot reach
        // the unbounded threshold and stops at the iteration limit, far below f(x₀).
        var result = Run("adam", SpecialObjectives.NegativeSquare(2), [1, 0.5], new DriverOptions { MaximumIterations = 10_000 });
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.IterationLimit, result.Reason);
        Assert.True(result.Minimum < -100);
    }

    [Theory]
    [MemberData(nameof(UnboundedMethods))]
    public void ReportsAnObjectiveUnboundedBelow(string method)
    {
        var result = Run(method, SpecialObjectives.NegativeSquare(2), [1, 0.5], new DriverOptions { MaximumIterations = 100_000 });
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.Unbounded, result.Reason);
        Assert.False(result.Converged);
    }

    [Theory]
    [InlineData("conjugate-gradient")]
    [InlineData("bfgs")]
    [InlineData("l-bfgs")]
    public void ReportsALinearDescentDirectionWithoutEndAsUnbounded(string method)
    {
        var result = Run(method, SpecialObjectives.LinearValley(), [0, 1], new DriverOptions { MaximumIterations = 100_000 });
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.Unbounded, result.Reason);
    }

    [Theory]
    [InlineData("gradient-descent")]
    [InlineData("bfgs")]
    [InlineData("l-bfgs")]
    [InlineData("newton")]
    [InlineData("trust-region")]
    [InlineData("nesterov")]
    public void ShrinksStepsThatLandWhereTheObjectiveIsNaN(string method)
    {
        var objective = SpecialObjectives.RosenbrockWithNaNRegion();
        var result = Run(method, objective, [-1.2, 1], new DriverOptions { GradientTolerance = 1e-5, MaximumIterations = 100_000 });
        output.WriteLine(result.BriefReport());
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.Equal(1, result.Minimizer[0], 1e-4);
    }

    [Fact]
    public void RejectsInvalidDriverOptionsNamingTheOption()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var method = new Lbfgs();
        Assert.Equal("MaximumIterations", Assert.Throws<ArgumentOutOfRangeException>(
            () => method.Minimize(problem, problem.StartingPoint, new DriverOptions { MaximumIterations = -1 })).ParamName);
        Assert.Equal("GradientTolerance", Assert.Throws<ArgumentOutOfRangeException>(
            () => method.Minimize(problem, problem.StartingPoint, new DriverOptions { GradientTolerance = double.NaN })).ParamName);
        Assert.Equal("TimeLimit", Assert.Throws<ArgumentOutOfRangeException>(
            () => method.Minimize(problem, problem.StartingPoint, new DriverOptions { TimeLimit = TimeSpan.Zero })).ParamName);
        Assert.Throws<ArgumentNullException>(() => method.Minimize(null!, problem.StartingPoint));
    }

    [Fact]
    public void StopsWhenTheCallbackAsks()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var seen = new List<int>();
        var options = new DriverOptions { Callback = record => { seen.Add(record.Iteration); return record.Iteration == 5; } };
        var result = new Lbfgs().Minimize(problem, problem.StartingPoint, options);
        Assert.Equal(TerminationReason.CallbackStopped, result.Reason);
        Assert.Equal(5, result.Iterations);
        Assert.Equal([0, 1, 2, 3, 4, 5], seen);
    }

    [Fact]
    public void StopsWhenCancelled()
    {
        var problem = ProblemLibrary.Rosenbrock();
        using var source = new CancellationTokenSource();
        var options = new DriverOptions { Callback = record => { if (record.Iteration == 3) source.Cancel(); return false; } };
        var result = new Bfgs().Minimize(problem, problem.StartingPoint, options, source.Token);
        Assert.Equal(TerminationReason.Cancelled, result.Reason);
        Assert.Equal(3, result.Iterations);
    }

    [Fact]
    public void StopsAtTheEvaluationLimit()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = new GradientDescent().Minimize(problem, problem.StartingPoint, new DriverOptions { MaximumEvaluations = 50 });
        Assert.Equal(TerminationReason.EvaluationLimit, result.Reason);
        Assert.True(result.Evaluations.Values >= 50);
    }

    [Fact]
    public void StopsAtTheTimeLimit()
    {
        var problem = ProblemLibrary.ExtendedRosenbrock(1000);
        var result = new GradientDescent().Minimize(problem, problem.StartingPoint,
            new DriverOptions { TimeLimit = TimeSpan.FromMilliseconds(20), MaximumIterations = int.MaxValue, GradientTolerance = 0 });
        Assert.Equal(TerminationReason.TimeLimit, result.Reason);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void StopsOnSmallFunctionChangeAndSmallSteps()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var byValue = new GradientDescent().Minimize(problem, problem.StartingPoint,
            new DriverOptions { GradientTolerance = 0, FunctionChangeTolerance = 1e-10, MaximumIterations = 100_000 });
        Assert.Equal(TerminationReason.FunctionChangeTolerance, byValue.Reason);
        Assert.True(byValue.Converged);
        var byStep = new GradientDescent().Minimize(problem, problem.StartingPoint,
            new DriverOptions { GradientTolerance = 0, StepTolerance = 1e-10, MaximumIterations = 100_000, SecondOrderTest = false });
        Assert.Equal(TerminationReason.StepTolerance, byStep.Reason);
    }

    [Fact]
    public void StopsOnRelativeGradientTolerance()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var initial = new double[2];
        problem.ValueAndGradient(problem.StartingPoint, initial);
        double initialNorm = Math.Sqrt(initial[0] * initial[0] + initial[1] * initial[1]);
        var result = new Lbfgs().Minimize(problem, problem.StartingPoint, new DriverOptions { GradientTolerance = 0, RelativeGradientTolerance = 1e-3 });
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.True(result.GradientNorm <= 1e-3 * initialNorm);
    }

    [Fact]
    public void RecordsTheTraceAndWritesReports()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = new Lbfgs().Minimize(problem, problem.StartingPoint, new DriverOptions { StoreTrace = true });
        Assert.Equal(result.Iterations + 1, result.Trace.Count);
        Assert.Equal(24.2, result.Trace[0].Value, 1e-12);
        Assert.Equal(result.Minimum, result.Trace[^1].Value);
        for (int i = 1; i < result.Trace.Count; i++)
        {
            Assert.True(result.Trace[i].Value <= result.Trace[i - 1].Value);
            Assert.True(result.Trace[i].Evaluations.Values >= result.Trace[i - 1].Evaluations.Values);
        }
        string brief = result.BriefReport(), full = result.FullReport();
        output.WriteLine(full);
        Assert.Contains("GradientTolerance", brief);
        Assert.Contains("L-BFGS", full);
        Assert.Contains(result.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), full);
        Assert.Equal(result.Trace.Count, full.Split('\n').Count(line => line.TrimStart().Length > 0 && char.IsDigit(line.TrimStart()[0])));
    }

    [Fact]
    public void CountsEvaluationsThroughTheWrapper()
    {
        var problem = ProblemLibrary.Rosenbrock();
        int values = 0;
        var counted = new Optimize.Solvers.Tests.Support.GradientOnly(problem);
        var observed = Optimize.Analytic.AnalyticObjective.Create(2, (x, g) => { values++; return counted.ValueAndGradient(x, g); });
        var result = new Lbfgs().Minimize(observed, problem.StartingPoint);
        Assert.Equal(values, result.Evaluations.Values);
        Assert.Equal(values, result.Evaluations.Gradients);
    }
}
