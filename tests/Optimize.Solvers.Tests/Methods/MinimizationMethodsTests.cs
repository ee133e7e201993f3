using Optimize.Oracles;
using Optimize.Solvers.Bounded;
using Optimize.Problems;
using Optimize.Solvers.DerivativeFree;
using Optimize.Solvers.FirstOrder;
using Optimize.Solvers.Methods;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.Tests.Support;
using Optimize.Solvers.TrustRegions;
using Xunit.Abstractions;
using Optimize.Solvers.SecondOrder;

namespace Optimize.Solvers.Tests.Methods;

public class MinimizationMethodsTests(ITestOutputHelper output)
{
    /// <summary>Every registry name, for theories.</summary>
    public static TheoryData<string> Names => new(MinimizationMethods.Names);

    /// <summary>
    /// The constructions the command line used before the registry existed, written out by hand: a registry entry
    /// with its default options must behave exactly as these.
    /// </summary>
    private static MinimizationResult RunDirectly(string name, TestProblem problem, DriverOptions options) => name switch
    {
        "nelder-mead" => new NelderMead().Minimize(problem, problem.StartingPoint, options),
        "gradient-descent" => new GradientDescent().Minimize(problem, problem.StartingPoint, options),
        "heavy-ball" => new HeavyBall().Minimize(problem, problem.StartingPoint, options),
        "nesterov" => new NesterovAcceleratedGradient().Minimize(problem, problem.StartingPoint, options),
        "adam" => new Adam().Minimize(problem, problem.StartingPoint, options),
        "coordinate-descent" => new CoordinateDescent().Minimize(problem, problem.StartingPoint, options),
        "cg" => new ConjugateGradient().Minimize(problem, problem.StartingPoint, options),
        "bfgs" => new Bfgs().Minimize(problem, problem.StartingPoint, options),
        "lbfgs" => new Lbfgs().Minimize(problem, problem.StartingPoint, options),
        "lbfgsb" => new Lbfgsb().Minimize(problem, problem.StartingPoint, options),
        "tron" => new Tron().Minimize(problem, problem.StartingPoint, options),
        "sr1" => new Sr1TrustRegion().Minimize(problem, problem.StartingPoint, options),
        "newton-cg" => new NewtonConjugateGradient().Minimize(problem, problem.StartingPoint, options),
        "trust-region-cg" => new SteihaugTrustRegion().Minimize(problem, problem.StartingPoint, options),
        "newton" => new Newton().Minimize(problem, problem.StartingPoint, options),
        "trust-region-dogleg" => new TrustRegion(new TrustRegionNewtonOptions { Subproblem = TrustRegionSubproblem.Dogleg })
            .Minimize(problem, problem.StartingPoint, options),
        "sparse-newton" => new SparseNewton().Minimize(problem, problem.StartingPoint, options),
        "trust-region-exact" => new TrustRegion(new TrustRegionNewtonOptions { Subproblem = TrustRegionSubproblem.Exact })
            .Minimize(problem, problem.StartingPoint, options),
        _ => throw new ArgumentException($"No direct construction for '{name}'.", nameof(name)),
    };

    [Fact]
    public void ListsEighteenMethodsWithUniqueNamesTheDefaultAndTheQuickSet()
    {
        Assert.Equal(18, MinimizationMethods.All.Count);
        Assert.Equal(MinimizationMethods.Names.Count, MinimizationMethods.Names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(MinimizationMethods.All.Select(m => m.Name), MinimizationMethods.Names);
        Assert.Equal("lbfgs", MinimizationMethods.Default.Name);
        Assert.All(MinimizationMethods.QuickNames, name => Assert.NotNull(MinimizationMethods.Find(name)));
        Assert.All(MinimizationMethods.All, method =>
        {
            Assert.False(string.IsNullOrWhiteSpace(method.Description), method.Name);
            Assert.IsType(method.OptionsType, method.DefaultOptions);
            Assert.Same(method.DefaultOptions, method.Options);
        });
        foreach (var capability in Enum.GetValues<OracleCapability>())
            Assert.Contains(MinimizationMethods.All, method => method.Needs == capability);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryMethodSolvesRosenbrockFromAnObjectiveThatGivesWhatItNeeds(string name)
    {
        var method = MinimizationMethods.Get(name);
        var problem = ProblemLibrary.Rosenbrock();
        IObjective objective = method.Needs switch
        {
            OracleCapability.Value => new ValueOnly(problem),
            OracleCapability.Gradient => new GradientOnly(problem),
            OracleCapability.HessianVector => new HessianVectorOnly(problem),
            _ => problem,
        };
        Assert.True(method.Accepts(objective));
        var result = method.Minimize(objective, problem.StartingPoint, new DriverOptions { MaximumIterations = 100_000 });
        output.WriteLine($"{name}: {result.BriefReport()}");
        Convergence.AssertNearMinimum(result, problem, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DefaultEntriesGiveBitIdenticalResultsToTheDirectConstruction(string name)
    {
        var problem = ProblemLibrary.Rosenbrock();
        var options = new DriverOptions { MaximumIterations = 200 };
        var expected = RunDirectly(name, problem, options);
        var actual = MinimizationMethods.Get(name).Minimize(problem, problem.StartingPoint, options);
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.Iterations, actual.Iterations);
        Assert.Equal(expected.Evaluations, actual.Evaluations);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Minimum), BitConverter.DoubleToInt64Bits(actual.Minimum));
        Assert.Equal(expected.Minimizer.Select(BitConverter.DoubleToInt64Bits), actual.Minimizer.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void AnObjectiveWithoutWhatTheMethodNeedsIsRejectedByName()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var error = Assert.Throws<ArgumentException>(() =>
            MinimizationMethods.Get("newton").Minimize(new GradientOnly(problem), problem.StartingPoint));
        Assert.Equal("objective", error.ParamName);
        Assert.Contains("gives gradients", error.Message);
        Assert.Contains("'newton' needs Hessians", error.Message);
        Assert.Contains(nameof(IHessianObjective), error.Message);

        var valuesOnly = Assert.Throws<ArgumentException>(() =>
            MinimizationMethods.Get("newton-cg").Minimize(new ValueOnly(problem), problem.StartingPoint));
        Assert.Contains("gives values; method 'newton-cg' needs Hessian-vector products", valuesOnly.Message);
        Assert.False(MinimizationMethods.Get("bfgs").Accepts(new ValueOnly(problem)));
        Assert.True(MinimizationMethods.Get("nelder-mead").Accepts(OracleCapability.Value));
    }

    [Fact]
    public void UnknownNamesAreRejectedWithTheValidOnes()
    {
        Assert.Null(MinimizationMethods.Find("simulated-annealing"));
        var error = Assert.Throws<ArgumentException>(() => MinimizationMethods.Get("simulated-annealing"));
        Assert.Equal("name", error.ParamName);
        foreach (var name in MinimizationMethods.Names) Assert.Contains(name, error.Message);
        Assert.Same(MinimizationMethods.Get("bfgs"), MinimizationMethods.Get("BFGS"));
    }

    [Fact]
    public void OptionsChangeTheRunAndKeepTheName()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var entry = MinimizationMethods.Get("lbfgs");
        var configured = entry.WithOptions(new LbfgsOptions { Memory = 3 });
        Assert.Equal("lbfgs", configured.Name);
        Assert.Equal(3, ((LbfgsOptions)configured.Options).Memory);
        Assert.Equal(10, ((LbfgsOptions)configured.DefaultOptions).Memory);
        Assert.Equal(10, ((LbfgsOptions)entry.Options).Memory);

        var direct = new Lbfgs(new LbfgsOptions { Memory = 3 }).Minimize(problem, problem.StartingPoint);
        var viaRegistry = configured.Minimize(problem, problem.StartingPoint);
        Assert.Equal(direct.Iterations, viaRegistry.Iterations);
        Assert.Equal(direct.Minimizer, viaRegistry.Minimizer);

        var wrongType = Assert.Throws<ArgumentException>(() => entry.WithOptions(new BfgsOptions()));
        Assert.Equal("options", wrongType.ParamName);
        Assert.Contains(nameof(LbfgsOptions), wrongType.Message);
        Assert.ThrowsAny<ArgumentException>(() => entry.WithOptions(new LbfgsOptions { Memory = 0 }));
        Assert.Throws<ArgumentNullException>(() => entry.WithOptions(null!));
    }

    [Fact]
    public void TypedEntriesCreateTheMinimizer()
    {
        var entry = Assert.IsType<MinimizerFactory<IGradientObjective, Lbfgs.State, LbfgsOptions>>(MinimizationMethods.Get("lbfgs"));
        var lbfgs = Assert.IsType<Lbfgs>(entry.Create());
        Assert.Equal(10, lbfgs.Options.Memory);
        Assert.Equal(5, Assert.IsType<Lbfgs>(entry.Create(new LbfgsOptions { Memory = 5 })).Options.Memory);
        Assert.Equal(7, Assert.IsType<Lbfgs>(entry.WithOptions(new LbfgsOptions { Memory = 7 }).Create()).Options.Memory);
        var dogleg = Assert.IsType<TrustRegion>(
            ((MinimizerFactory<IHessianObjective, TrustRegion.State, TrustRegionNewtonOptions>)MinimizationMethods.Get("trust-region-dogleg")).Create());
        Assert.Equal(TrustRegionSubproblem.Dogleg, dogleg.Options.Subproblem);
    }
}
