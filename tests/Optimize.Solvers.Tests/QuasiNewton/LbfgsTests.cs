using Optimize.Problems;
using Optimize.Solvers.LineSearches;
using Optimize.Solvers.QuasiNewton;
using Optimize.Solvers.Tests.Support;
using Xunit.Abstractions;

namespace Optimize.Solvers.Tests.QuasiNewton;

public class LbfgsTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Convergence.StandardProblems), MemberType = typeof(Convergence))]
    public void ConvergesToGradientTolerance(string name, int dimension)
    {
        var problem = Convergence.Problem(name, dimension);
        var result = new Lbfgs().Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(30)]
    public void ConvergesOnRosenbrockWithAnyMemory(int memory)
    {
        var problem = ProblemLibrary.Rosenbrock();
        var result = new Lbfgs(new LbfgsOptions { Memory = memory }).Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    public static TheoryData<string> LineSearches => new() { "backtracking", "hager-zhang", "more-thuente" };

    [Theory]
    [MemberData(nameof(LineSearches))]
    public void ConvergesOnWoodWithEveryLineSearch(string search)
    {
        LineSearch lineSearch = search switch
        {
            "backtracking" => new BacktrackingLineSearch(),
            "hager-zhang" => new HagerZhangLineSearch(),
            _ => new MoreThuenteLineSearch(),
        };
        var problem = ProblemLibrary.Wood();
        var result = new Lbfgs(new LbfgsOptions { LineSearch = lineSearch }).Minimize(problem, problem.StartingPoint);
        Convergence.AssertConverged(result, problem, 1e-8, output);
    }

    /// <summary>
    /// In steady state a run allocates nothing per iteration: iterations 10 to 30 of extended Rosenbrock (n = 1000),
    /// read by the callback so that the result built at the end (whose message has numbers of varying length) is not
    /// counted. Iteration 30 is past the point where the ring of m = 10 pairs wraps.
    /// </summary>
    [Fact]
    public void AllocatesNothingPerIteration()
    {
        var problem = ProblemLibrary.ExtendedRosenbrock(1000);
        var start = problem.StartingPoint;
        var method = new Lbfgs();
        long allocated = SteadyStateAllocation.Between(10, 30, options => method.Minimize(problem, start, options));
        output.WriteLine($"allocated between iterations 10 and 30: {allocated} B");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void RejectsNonPositiveMemory()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(new LbfgsOptions { Memory = 0 }));
        Assert.Equal("Memory", error.ParamName);
    }

    /// <summary>
    /// Before the first update scales H₀ = I, the first trial step is min(1, 1/‖d‖∞): no coordinate moves by more than
    /// 1, also when the largest entry of d is negative (‖d‖∞ is the magnitude of the signed entry
    /// TensorPrimitives.MaxMagnitude returns; without the absolute value the first trial moved x by 211.6).
    /// </summary>
    [Fact]
    public void FirstTrialMovesNoCoordinateByMoreThanOne() =>
        Assert.Equal(1, RecordingObjective.FirstTrialLargestMove((f, x, options) => new Lbfgs().Minimize(f, x, options)), 12);

    /// <summary>
    /// f evaluations on Moré–Garbow–Hillstrom instances from x₀ with the default options (the standard-set benchmark's
    /// limits), at most what the defaults take today.
    /// </summary>
    [Theory]
    [InlineData("mgh08-bard", 22)]
    [InlineData("mgh16-brown-dennis", 25)]
    [InlineData("mgh35-chebyquad-8", 36)]
    public void SolvesStandardSetInstancesWithinEvaluations(string instance, long values)
    {
        var result = StandardSetRuns.Run(instance, (f, x, options) => new Lbfgs().Minimize(f, x, options));
        StandardSetRuns.AssertSolvedWithin(instance, result, values, output);
    }

    /// <summary>
    /// Variably dimensioned at n = 10⁴ starts at f = 1.2e30 with ‖∇f‖∞ near 10²⁸, so the first trial step, 1/‖d‖∞, is
    /// about 10⁻²⁹. The Moré–Thuente search now tries that step (its smallest step is 0, as in L-BFGS-B), and it lands
    /// at f below 10⁻¹⁸; an absolute smallest step of 10⁻²⁰ replaced it by a step 10⁹ times longer and the run stopped
    /// at x₀ with a failed line search.
    /// </summary>
    [Fact]
    public void TakesATinyFirstStepOnAProblemWithAHugeGradient()
    {
        var instance = Optimize.Problems.LargeScale.LargeScaleSet.Find("mgh25-variably-dimensioned-10000")!;
        var result = new Lbfgs().Minimize(instance.Problem, instance.Start(1), new DriverOptions { MaximumIterations = 10_000 });
        output.WriteLine(result.BriefReport());
        Assert.True(result.Minimum - instance.KnownMinimum <= 1e-6, result.FullReport());
        Assert.Equal(instance.Problem.Value(result.Minimizer), result.Minimum);
    }
}
