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

    [Fact]
    public void AllocatesNothingPerIteration()
    {
        var problem = ProblemLibrary.ExtendedRosenbrock(1000);
        var start = problem.StartingPoint;
        var method = new Lbfgs();
        DriverOptions Limit(int iterations) => new() { MaximumIterations = iterations, GradientTolerance = 0 };
        method.Minimize(problem, start, Limit(30));
        method.Minimize(problem, start, Limit(10));

        long Allocated(int iterations)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var result = method.Minimize(problem, start, Limit(iterations));
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(TerminationReason.IterationLimit, result.Reason);
            return after - before;
        }

        long ten = Allocated(10), thirty = Allocated(30);
        output.WriteLine($"allocated: 10 iterations {ten} B, 30 iterations {thirty} B");
        Assert.Equal(ten, thirty);
    }

    [Fact]
    public void RejectsNonPositiveMemory()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(new LbfgsOptions { Memory = 0 }));
        Assert.Equal("Memory", error.ParamName);
    }
}
