using Optimize.Benchmarks.Solvers;
using Optimize.Problems;
using Xunit.Abstractions;

namespace Optimize.Benchmarks.Tests.Solvers;

public class SolverComparisonTests(ITestOutputHelper output)
{
    /// <summary>
    /// Ours and MathNet's minimizers on the standard problems, printed as a table. The dense methods (BFGS,
    /// Newton) are compared up to n = 100 here: MathNet's BFGS took 267 s on extended Rosenbrock n = 1000 in one
    /// run, and its Newton needs ~0.5 s per factorization there. Nelder–Mead is not run on n = 1000.
    /// </summary>
    [Fact]
    public void OursSolvesEveryStandardProblemAndTheTableIsComplete()
    {
        TestProblem[] problems =
        [
            ProblemLibrary.ConvexQuadratic(), ProblemLibrary.Rosenbrock(), ProblemLibrary.Beale(),
            ProblemLibrary.PowellSingular(), ProblemLibrary.Wood(), ProblemLibrary.ExtendedRosenbrock(1000),
        ];
        var comparison = new SolverComparison { DenseMaximumDimension = 100 };
        var rows = comparison.Run(problems);
        output.WriteLine(SolverComparison.FormatTable(rows));

        int expectedPairs = problems.Length * SolverComparison.Methods.Count - 3;
        Assert.Equal(2 * expectedPairs, rows.Count);
        foreach (var row in rows.Where(r => r.Library == "Optimize"))
            Assert.True(row.Solved, $"{row.Problem} {row.Method}: {row.Outcome}, ‖∇f‖ = {row.FinalGradientNorm}");
    }
}
