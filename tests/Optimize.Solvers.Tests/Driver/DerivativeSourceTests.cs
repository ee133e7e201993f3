using Optimize.FiniteDifferences;
using Optimize.Problems;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.Tests.Driver;

/// <summary>Every method runs unchanged on derivatives from the finite-difference and AD providers.</summary>
public class DerivativeSourceTests(ITestOutputHelper output)
{
    /// <summary>Per-method gradient tolerance: linear-rate methods are held to looser ones, as on analytic derivatives.</summary>
    private static double Tolerance(string method) => method switch
    {
        "gradient-descent" or "heavy-ball" or "nesterov" or "coordinate-descent" => 1e-5,
        "adam" => 1e-4,
        _ => 1e-6,
    };

    [Theory]
    [MemberData(nameof(MinimizerTests.Methods), MemberType = typeof(MinimizerTests))]
    public void SolvesRosenbrockWithCentralDifferencesOfValues(string method)
    {
        var problem = ProblemLibrary.Rosenbrock();
        var objective = FiniteDifferenceObjective.Create(new ValueOnly(problem));
        double tolerance = Tolerance(method);
        var options = new DriverOptions { GradientTolerance = tolerance, MaximumIterations = 100_000 };
        var result = method == "adam"
            ? new Optimize.Solvers.FirstOrder.Adam(new() { LearningRate = 1e-2, LearningRateDecay = 1e-3 }).Minimize(objective, problem.StartingPoint, options)
            : MinimizerTests.Run(method, objective, problem.StartingPoint, options);
        Convergence.Log(result, problem, output);
        Assert.True(result.Converged, result.FullReport());
        Assert.Equal(1, result.Minimizer[0], 1e-3);
        Assert.Equal(1, result.Minimizer[1], 1e-3);
    }

    public static TheoryData<string, string> MethodsAndAutomaticModes()
    {
        var data = new TheoryData<string, string>();
        foreach (string method in MinimizerTests.Methods)
            foreach (var mode in new[] { "forward", "reverse" })
                data.Add(method, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsAndAutomaticModes))]
    public void SolvesWoodWithAutomaticDifferentiation(string method, string mode)
    {
        // AD derivatives are exact to round-off, so the analytic tolerances apply.
        var problem = ProblemLibrary.Wood();
        Optimize.Oracles.IHessianObjective objective = mode == "forward"
            ? new Optimize.AutoDiff.ForwardModeObjective(problem)
            : new Optimize.AutoDiff.ReverseModeObjective(problem);
        double tolerance = method switch
        {
            "gradient-descent" or "heavy-ball" or "nesterov" or "coordinate-descent" => 1e-5,
            "adam" => 1e-4,
            _ => 1e-8,
        };
        var options = new DriverOptions { GradientTolerance = tolerance, MaximumIterations = 200_000 };
        var result = method switch
        {
            "adam" => new Optimize.Solvers.FirstOrder.Adam(new() { LearningRate = 1e-2, LearningRateDecay = 1e-3 }).Minimize(objective, problem.StartingPoint, options),
            "heavy-ball" => new Optimize.Solvers.FirstOrder.HeavyBall(new() { StepSize = 1e-4 }).Minimize(objective, problem.StartingPoint, options),
            _ => MinimizerTests.Run(method, objective, problem.StartingPoint, options),
        };
        Convergence.Log(result, problem, output);
        Assert.True(result.Converged, result.FullReport());
        if (method != "nelder-mead") Assert.True(result.GradientNorm <= tolerance);
        Convergence.AssertNearMinimum(result, problem, 1e-6);
    }

    [Theory]
    [InlineData("newton")]
    [InlineData("newton-cg")]
    [InlineData("steihaug")]
    [InlineData("trust-region")]
    public void ReachesTightToleranceWithHessiansFromGradientDifferences(string method)
    {
        // Exact gradients, second derivatives by differences of gradients: the gradient test stays exact.
        var problem = ProblemLibrary.Wood();
        var objective = FiniteDifferenceObjective.FromGradient(new GradientOnly(problem));
        var result = MinimizerTests.Run(method, objective, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Fact]
    public void TreatsAFiniteDifferenceStepIntoANaNRegionAsANonFiniteValue()
    {
        // f = √x₀ + (x₁ − 1)² is NaN for x₀ < 0; differences at x₀ ≈ 0 step outside: the provider returns a NaN
        // gradient with the finite f(x₀) and reports why, and the run ends on a non-finite value keeping the report.
        var objective = FiniteDifferenceObjective.Create(2, x => Math.Sqrt(x[0]) + (x[1] - 1) * (x[1] - 1),
            new FiniteDifferenceOptions { Method = FiniteDifferenceMethod.Central });
        var result = new Optimize.Solvers.QuasiNewton.Lbfgs().Minimize(objective, [1e-9, 0]);
        output.WriteLine(result.BriefReport());
        output.WriteLine(result.Message);
        Assert.Equal(TerminationReason.NonFiniteValue, result.Reason);
        Assert.Equal(Math.Sqrt(1e-9) + 1, result.InitialValue, 1e-15);
        Assert.Contains("perturbed point", result.Message);
    }

    [Fact]
    public void KeepsTheProvidersFailureMessageWhenAStepLandsWhereDifferencesFail()
    {
        // From (4, 0) the first steps stay where x₀ > 0; a solver that reaches x₀ ≈ 0 meets the failure inside the loop.
        var objective = FiniteDifferenceObjective.Create(2, x => Math.Sqrt(x[0]) + (x[1] - 1) * (x[1] - 1),
            new FiniteDifferenceOptions { Method = FiniteDifferenceMethod.Central });
        var result = new Optimize.Solvers.FirstOrder.GradientDescent().Minimize(objective, [4, 0]);
        output.WriteLine(result.BriefReport());
        output.WriteLine(result.Message);
        Assert.False(result.Converged);
        Assert.True(double.IsFinite(result.Minimum) && result.Minimum < Math.Sqrt(4) + 1, result.BriefReport());
        if (result.Reason == TerminationReason.NonFiniteValue) Assert.Contains("perturbed point", result.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StopsInsideAFiniteDifferenceHessianOnTimeLimitOrCancellation(bool cancel)
    {
        // One Hessian of differences of values at n = 1000 takes 2n² + 1 evaluations of f (seconds): the run must
        // stop inside it, not after it.
        var problem = ProblemLibrary.ExtendedRosenbrock(1000);
        var objective = FiniteDifferenceObjective.Create((Optimize.Oracles.IObjective)problem);
        using var source = new CancellationTokenSource();
        var options = cancel ? DriverOptions.Default : new DriverOptions { TimeLimit = TimeSpan.FromMilliseconds(100) };
        // Ctrl-C arrives on a thread of its own (Console.CancelKeyPress), not from a thread-pool timer, which the
        // parallel difference columns may keep waiting.
        var ctrlC = new Thread(() => { Thread.Sleep(100); source.Cancel(); }) { IsBackground = true };
        if (cancel) ctrlC.Start();
        var result = new Newton().Minimize(objective, problem.StartingPoint, options, source.Token);
        output.WriteLine(result.BriefReport());
        output.WriteLine(result.Message);
        Assert.Equal(cancel ? TerminationReason.Cancelled : TerminationReason.TimeLimit, result.Reason);
        Assert.Equal(problem.StartingPoint, result.Minimizer);
    }

    [Theory]
    [InlineData("forward")]
    [InlineData("reverse")]
    public void AHessianFromHessianVectorProductsStopsWhenCancelled(string mode)
    {
        // n products at n = 200: a cancelled caller gets NaN and a reported failure, not the finished matrix.
        var problem = ProblemLibrary.ExtendedRosenbrock(200);
        Optimize.Oracles.IHessianObjective objective = mode == "forward"
            ? new Optimize.AutoDiff.ForwardModeObjective(problem)
            : new Optimize.AutoDiff.ReverseModeObjective(problem);
        var hessian = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(200, 200);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Optimize.Oracles.EvaluationFailure.Clear();
        using (Optimize.Oracles.EvaluationCancellation.Enter(source.Token)) objective.Hessian(problem.StartingPoint, hessian);
        Assert.All(hessian.Enumerate(), entry => Assert.True(double.IsNaN(entry)));
        Assert.Contains("cancelled", Optimize.Oracles.EvaluationFailure.Take());
        objective.Hessian(problem.StartingPoint, hessian);
        Assert.All(hessian.Enumerate(), entry => Assert.True(double.IsFinite(entry)));
    }

    [Fact]
    public void APassedDeadlineStopsADifferenceHessianWithoutATimer()
    {
        // The deadline is read from the clock inside the difference loop: no timer has to cancel a token.
        var problem = ProblemLibrary.ExtendedRosenbrock(300);
        var objective = FiniteDifferenceObjective.Create((Optimize.Oracles.IObjective)problem);
        var hessian = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(300, 300);
        Optimize.Oracles.EvaluationFailure.Clear();
        using (Optimize.Oracles.EvaluationCancellation.Enter(CancellationToken.None, TimeSpan.Zero))
        {
            Assert.True(Optimize.Oracles.EvaluationCancellation.IsRequested);
            objective.Hessian(problem.StartingPoint, hessian);
        }
        Assert.True(double.IsNaN(hessian[0, 0]) && double.IsNaN(hessian[299, 299]));
        Assert.NotNull(Optimize.Oracles.EvaluationFailure.Take());
        Assert.False(Optimize.Oracles.EvaluationCancellation.IsRequested);
    }

    [Fact]
    public void TheTimeLimitStopsAnAutomaticHessianAtLargeN()
    {
        // One reverse-mode Hessian at n = 4000 is 4000 Hessian-vector products: the run stops inside the first one.
        var problem = ProblemLibrary.ExtendedRosenbrock(4000);
        var objective = new Optimize.AutoDiff.ReverseModeObjective(problem);
        var result = new Newton().Minimize(objective, problem.StartingPoint, new DriverOptions { TimeLimit = TimeSpan.FromMilliseconds(20) });
        output.WriteLine(result.BriefReport());
        output.WriteLine(result.Message);
        Assert.Equal(TerminationReason.TimeLimit, result.Reason);
        Assert.Equal(problem.StartingPoint, result.Minimizer);
    }
}
