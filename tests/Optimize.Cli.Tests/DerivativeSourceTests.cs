using Optimize.Cli.Measurement;
using Optimize.AutoDiff;
using Optimize.FSharp.Symbolic;
using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Cli.Tests;

public class DerivativeSourceTests
{
    public static TheoryData<string> SourceNames() => new(SymbolicSource.All.Names);

    [Theory]
    [MemberData(nameof(SourceNames))]
    public void EverySourceGivesTheCapabilityItDeclares(string name)
    {
        var source = SymbolicSource.All.Find(name)!;
        var problem = source.Supports(ProblemLibrary.Wood()) ? ProblemLibrary.Wood() : ProblemLibrary.Rosenbrock();
        var oracle = source.Create(new CountedFunction(problem));
        Assert.Equal(source.Provides, OracleCapabilities.Of(oracle));
    }

    [Theory]
    [MemberData(nameof(SourceNames))]
    public void EverySourceAgreesWithTheHandCodedGradient(string name)
    {
        var source = SymbolicSource.All.Find(name)!;
        var problems = new[] { ProblemLibrary.Rosenbrock(), ProblemLibrary.Beale(), ProblemLibrary.HelicalValley(), ProblemLibrary.ExtendedRosenbrock(6), ProblemLibrary.LeastSquares(20, 5) };
        foreach (var problem in problems.Where(source.Supports))
        {
            var row = DerivativeSourceComparison.Measure(problem, source, new TimingPlan(TimeSpan.FromMicroseconds(50), 1, TimeSpan.Zero));
            Assert.InRange(row.GradientError, 0, name.Contains("forward-diff") ? 1e-5 : 1e-7);
        }
    }

    [Fact]
    public void SymbolicSourceAppliesOnlyToProblemsWithAClosedForm()
    {
        var symbolic = SymbolicSource.All.Find("symbolic")!;
        Assert.True(symbolic.Supports(ProblemLibrary.Wood()));
        Assert.False(symbolic.Supports(ProblemLibrary.ConvexQuadratic()));
        Assert.All(SymbolicSource.All.Where(s => s.Name is not ("symbolic" or "generated-ad")), s => Assert.True(s.Supports(ProblemLibrary.ConvexQuadratic())));
        var outcome = CliRunner.Run("check", "quadratic", "--derivatives", "symbolic");
        Assert.Equal(Commands.ExitCodes.UsageError, outcome.ExitCode);
        Assert.Contains("does not apply to problem 'quadratic'", outcome.Error);
        Assert.Contains("reverse-ad", outcome.Error);
    }

    [Fact]
    public void GeneratedSourceAppliesToTheProblemsWithGeneratedDerivativeCode()
    {
        var generated = SymbolicSource.All.Find("generated-ad")!;
        Assert.True(generated.Supports(ProblemLibrary.ExtendedRosenbrock(4)));
        Assert.True(generated.Supports(ProblemLibrary.LeastSquares()));
        // Every problem of the library has generated code now, the sums of squares residual by residual.
        Assert.True(generated.Supports(ProblemLibrary.Wood()));
        var outcome = CliRunner.Run("check", "extended-rosenbrock", "--derivatives", "generated-ad", "--hessian");
        Assert.Equal(Commands.ExitCodes.Success, outcome.ExitCode);
        Assert.Contains("generated-ad", outcome.Output);
        var wood = CliRunner.Run("check", "wood", "--derivatives", "generated-ad", "--hessian");
        Assert.Equal(Commands.ExitCodes.Success, wood.ExitCode);
        Assert.Contains("generated-ad", wood.Output);
    }

    [Fact]
    public void ComparisonListsTheProblemsASourceDoesNotApplyTo()
    {
        var outcome = CliRunner.Run("compare", "--problems", "beale,quadratic", "--sources", "analytic,symbolic", "--methods", "lbfgs");
        Assert.Equal(Commands.ExitCodes.Success, outcome.ExitCode);
        Assert.Contains("not run: Derivative source 'symbolic' does not apply to quadratic.", outcome.Output);
        Assert.DoesNotContain(outcome.Output.Split('\n'), line => line.Contains(" quadratic ") && line.Contains(" symbolic "));
    }

    [Fact]
    public void SourcesHaveDistinctNamesAndTheReferenceComesFirst()
    {
        Assert.Equal(SymbolicSource.All.Names.Count, SymbolicSource.All.Names.Distinct().Count());
        Assert.True(SymbolicSource.All[0].IsReference);
        Assert.Equal("analytic", DerivativeSources.ReferenceName);
    }

    [Fact]
    public void CentralDifferencesCostTwoEvaluationsPerCoordinatePlusOne()
    {
        var row = DerivativeSourceComparison.Measure(ProblemLibrary.ExtendedRosenbrock(8), SymbolicSource.All.Find("central-diff")!,
            new TimingPlan(TimeSpan.FromMicroseconds(50), 1, TimeSpan.Zero));
        Assert.Equal(17, row.CallsPerGradient);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0 }, new[] { 1.0, 2.0 }, 0.0)]
    [InlineData(new[] { 1.5, 2.0 }, new[] { 1.0, 2.0 }, 0.25)]
    [InlineData(new[] { 1e-3, 0.0 }, new[] { 0.0, 0.0 }, 1e-3)]
    [InlineData(new[] { double.NaN, 0.0 }, new[] { 0.0, 0.0 }, double.PositiveInfinity)]
    public void RelativeErrorScalesByTheLargerOfOneAndTheReferenceNorm(double[] gradient, double[] reference, double expected) =>
        Assert.Equal(expected, DerivativeSourceComparison.RelativeError(gradient, reference), 12);

    [Fact]
    public void MedianOfOddAndEvenCounts()
    {
        Assert.Equal(2, CostTiming.Median([3.0, 1.0, 2.0]));
        Assert.Equal(2.5, CostTiming.Median([4.0, 1.0, 2.0, 3.0]));
        Assert.Throws<ArgumentException>(() => CostTiming.Median([]));
    }
}
