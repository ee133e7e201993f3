using Optimize.Analytic;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.Solvers.DerivativeFree;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.Tests.Driver;

/// <summary>
/// "Converged" is a claim about the returned point: these runs used to make it at points that are not
/// minimizers (an underflow plateau, a point rounding would not let the method leave, the best vertex of a
/// simplex that had not shrunk), or to miss it at the solution of a badly scaled problem.
/// </summary>
public class VerdictTests(ITestOutputHelper output)
{
    /// <summary>Every method, the four conjugate-gradient formulas separately.</summary>
    private static readonly string[] MethodNames =
    [
        "gradient-descent", "heavy-ball", "nesterov", "adam", "cg-fr", "cg-prp", "cg-hs", "cg-hz", "coordinate-descent",
        "bfgs", "l-bfgs", "sr1", "newton", "newton-eigen", "newton-cg", "steihaug", "trust-region", "dogleg", "nelder-mead",
    ];

    internal static MinimizationResult Run(string method, IHessianObjective objective, double[] start, DriverOptions? options = null) => method switch
    {
        "cg-fr" => Cg(ConjugateGradientUpdate.FletcherReeves).Minimize(objective, start, options),
        "cg-prp" => Cg(ConjugateGradientUpdate.PolakRibierePlus).Minimize(objective, start, options),
        "cg-hs" => Cg(ConjugateGradientUpdate.HestenesStiefel).Minimize(objective, start, options),
        "cg-hz" => Cg(ConjugateGradientUpdate.HagerZhang).Minimize(objective, start, options),
        "newton-eigen" => new Newton(new NewtonOptions { Modification = HessianModification.EigenvalueCorrection }).Minimize(objective, start, options),
        "dogleg" => new TrustRegion(new TrustRegionNewtonOptions { Subproblem = Optimize.Solvers.TrustRegions.TrustRegionSubproblem.Dogleg })
            .Minimize(objective, start, options),
        _ => MinimizerTests.Run(method, objective, start, options),
    };

    private static ConjugateGradient Cg(ConjugateGradientUpdate update) => new(new ConjugateGradientOptions { Update = update });

    public static TheoryData<string, string> MethodsOnBadlyScaledProblems()
    {
        var data = new TheoryData<string, string>();
        foreach (var problem in BadlyScaledProblems.All)
            foreach (string method in MethodNames)
                data.Add(method, problem.Name);
        return data;
    }

    private static BadlyScaledProblems.Problem Problem(string name) => BadlyScaledProblems.All.Single(p => p.Name == name);

    [Theory]
    [MemberData(nameof(MethodsOnBadlyScaledProblems))]
    public void ClaimsConvergenceOnlyAtTheMinimum(string method, string problemName)
    {
        var problem = Problem(problemName);
        var result = Run(method, problem.Objective, problem.Start, new DriverOptions { MaximumIterations = 10_000 });
        output.WriteLine($"{problem}: {result.BriefReport()}");
        output.WriteLine(result.Message);
        if (result.Converged) Assert.True(problem.Solved(result.Minimum), $"false convergence: {result.BriefReport()}");
    }

    [Theory]
    [InlineData("gradient-descent")]
    [InlineData("cg-fr")]
    [InlineData("cg-prp")]
    [InlineData("cg-hs")]
    [InlineData("cg-hz")]
    [InlineData("bfgs")]
    [InlineData("l-bfgs")]
    public void DoesNotJumpOntoTheUnderflowPlateauOfJennrichSampson(string method)
    {
        // From (0.3, 0.4), ‖∇f‖ = 9.4e4: an unscaled first step lands where every exponential is huge or
        // underflows, f = 2020 and ∇f rounds to 0.
        var problem = BadlyScaledProblems.JennrichSampson();
        var result = Run(method, problem.Objective, problem.Start);
        output.WriteLine(result.BriefReport());
        Assert.True(result.Minimum < 2000, result.BriefReport());
        if (result.Converged) Assert.True(problem.Solved(result.Minimum), result.BriefReport());
    }

    [Theory]
    [InlineData("bfgs")]
    [InlineData("l-bfgs")]
    [InlineData("newton-cg")]
    [InlineData("trust-region")]
    public void ReportsConvergenceAtTheSolutionOfBadlyScaledProblems(string method)
    {
        foreach (var problem in new[] { BadlyScaledProblems.BrownDennis(), BadlyScaledProblems.JennrichSampson() })
        {
            var result = Run(method, problem.Objective, problem.Start, new DriverOptions { MaximumIterations = 10_000 });
            output.WriteLine($"{problem}: {result.BriefReport()}");
            Assert.True(problem.Solved(result.Minimum), result.BriefReport());
            Assert.True(result.Converged, result.BriefReport());
            Assert.True(result.Evaluations.Values < 1000, result.BriefReport());
        }
    }

    /// <summary>Rosenbrock's value and Hessian, but the gradient with its sign flipped: no step along −g decreases f.</summary>
    private static IHessianObjective FlippedGradientRosenbrock()
    {
        var rosenbrock = ProblemLibrary.Rosenbrock();
        return AnalyticObjective.Create(2, x => rosenbrock.Value(x),
            (x, g) =>
            {
                double value = rosenbrock.ValueAndGradient(x, g);
                g[0] = -g[0];
                g[1] = -g[1];
                return value;
            },
            (x, h) => rosenbrock.Hessian(x, h));
    }

    [Fact]
    public void NoDecreaseAtAPointRoundingCannotImproveIsConvergence()
    {
        // f = 1 + (x − 3)² + 10(y + 1)²: within ~1e-8 of (3, −1) f = 1 to rounding, while ‖∇f‖₂ can stay above 1e-8.
        // A method that finds no decrease there has solved the problem (Gill, Murray & Wright's tests U2 and U3).
        var objective = AnalyticObjective.Create(2, x => 1 + (x[0] - 3) * (x[0] - 3) + 10 * (x[1] + 1) * (x[1] + 1),
            (x, g) =>
            {
                g[0] = 2 * (x[0] - 3);
                g[1] = 20 * (x[1] + 1);
                return 1 + (x[0] - 3) * (x[0] - 3) + 10 * (x[1] + 1) * (x[1] + 1);
            },
            (x, h) =>
            {
                h.Clear();
                h[0, 0] = 2;
                h[1, 1] = 20;
            });
        var options = new DriverOptions { GradientTolerance = 1e-12, ScaledGradientTolerance = 1e-14 };
        var result = new NesterovAcceleratedGradient().Minimize(objective, [0, 0], options);
        output.WriteLine(result.BriefReport());
        output.WriteLine(result.Message);
        Assert.True(result.Converged, result.Message);
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.StartsWith("converged: f no longer decreases beyond rounding", result.Message, StringComparison.Ordinal);
        Assert.True(result.GradientNorm > options.GradientTolerance, result.BriefReport());
        Assert.Equal(3, result.Minimizer[0], 1e-6);
        Assert.Equal(-1, result.Minimizer[1], 1e-6);
    }

    /// <summary>f = ‖x‖², to be started at (1e150, −1e150), where no representable step changes f by its predicted amount.</summary>
    private static IHessianObjective Sphere() => AnalyticObjective.Create(2, x => x[0] * x[0] + x[1] * x[1],
        (x, g) =>
        {
            g[0] = 2 * x[0];
            g[1] = 2 * x[1];
            return x[0] * x[0] + x[1] * x[1];
        },
        (x, h) =>
        {
            h.Clear();
            h[0, 0] = 2;
            h[1, 1] = 2;
        });

    public static TheoryData<string, string> NullStepCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string method in new[] { "gradient-descent", "nesterov", "coordinate-descent", "newton", "newton-cg" })
        {
            data.Add(method, "flipped-gradient");
            data.Add(method, "huge-start");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NullStepCases))]
    public void ANullStepIsNoProgressNotConvergence(string method, string problem)
    {
        var (objective, start) = problem == "flipped-gradient"
            ? (FlippedGradientRosenbrock(), new[] { -1.2, 1 })
            : (Sphere(), new[] { 1e150, -1e150 });
        var byChange = Run(method, objective, start, new DriverOptions { FunctionChangeTolerance = 1e-12, StepTolerance = 1e-12 });
        output.WriteLine(byChange.BriefReport());
        output.WriteLine(byChange.Message);
        // From (1e150, −1e150) a Newton step may reach the minimizer 0; anywhere else "converged" is false.
        if (byChange.Converged) AssertConvergedToZero(byChange, problem);

        var byDefault = Run(method, objective, start);
        output.WriteLine(byDefault.BriefReport());
        Assert.True(byDefault.Iterations < 100, byDefault.BriefReport());
        if (byDefault.Converged) AssertConvergedToZero(byDefault, problem);
        else Assert.Contains(byDefault.Reason, new[] { TerminationReason.NoProgress, TerminationReason.LineSearchFailed });
    }

    private static void AssertConvergedToZero(MinimizationResult result, string problem)
    {
        Assert.True(problem == "huge-start", result.BriefReport());
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        Assert.True(result.GradientNorm <= 1e-8 && result.Minimum <= 1e-16, result.BriefReport());
    }

    [Theory]
    [InlineData(1e-8, 0)]
    [InlineData(0, 1e-8)]
    [InlineData(1e-4, 1e-4)]
    public void NelderMeadStopsOnTheWholeSimplex(double stepTolerance, double changeTolerance)
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = new NelderMead().Minimize(problem, problem.StartingPoint,
            new DriverOptions { StepTolerance = stepTolerance, FunctionChangeTolerance = changeTolerance, MaximumIterations = 100_000 });
        output.WriteLine(result.BriefReport());
        output.WriteLine(result.Message);
        Assert.True(result.Converged, result.BriefReport());
        Assert.True(result.Iterations > 20, result.BriefReport());
        Assert.True(result.Minimum < 1e-3, result.BriefReport());
    }

    [Fact]
    public void HeavyBallDoesNotConvergeFarFromMeyersMinimum()
    {
        var problem = BadlyScaledProblems.Meyer();
        var result = Run("heavy-ball", problem.Objective, problem.Start, new DriverOptions { MaximumIterations = 10_000 });
        output.WriteLine(result.BriefReport());
        if (result.Converged) Assert.True(problem.Solved(result.Minimum), result.BriefReport());
    }

    [Theory]
    [InlineData("coordinate-descent", "mgh08-bard")]
    [InlineData("coordinate-descent", "mgh19-osborne-2")]
    [InlineData("newton-cg", "mgh16-brown-dennis")]
    public void ANullStepOrFailedSearchAtTheSolutionConverges(string method, string instance)
    {
        // These runs end at the minimizer where f resolves no further decrease (scaled gradient below ε^{1/3}); they
        // used to report no progress because the last accepted step was not also below √ε.
        var problem = Optimize.Problems.MoreGarbowHillstrom.MoreGarbowHillstromSet.Find(instance)!;
        var result = Run(method, problem.Problem, problem.Start(1), new DriverOptions { MaximumIterations = 10_000 });
        output.WriteLine(result.BriefReport());
        output.WriteLine(result.Message);
        Assert.Equal(TerminationReason.GradientTolerance, result.Reason);
        double fStar = problem.Problem.KnownMinimum!.Value;
        Assert.True(result.Minimum - fStar <= 1e-6 * Math.Max(1, Math.Abs(fStar)), result.BriefReport());
    }
}
