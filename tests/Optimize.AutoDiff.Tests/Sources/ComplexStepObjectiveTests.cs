using Optimize.Oracles;
using Optimize.Problems;
using Optimize.AutoDiff.Forward;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests.Sources;

public class ComplexStepObjectiveTests
{
    [Fact]
    public void GradientIsExactToRoundOffOnTheProblemLibrary()
    {
        foreach (var problem in new[] { ProblemLibrary.ExtendedRosenbrock(10), ProblemLibrary.Wood(), ProblemLibrary.Beale(), ProblemLibrary.GriewankWaltherExample() })
        {
            var objective = new ComplexStepObjective(problem);
            var x = Perturbed(problem.StartingPoint, 3, 0.1);
            double[] expected = new double[x.Length], actual = new double[x.Length];
            double value = problem.ValueAndGradient(x, expected);
            Close(value, objective.ValueAndGradient(x, actual), 1e-15, problem.Name);
            Close(expected, actual, 1e-14, problem.Name);
            Assert.Equal(problem.Value(x), objective.Value(x));
        }
    }

    [Fact]
    public void GivesGradientsOnlyAndKeepsItsStep()
    {
        var objective = new ComplexStepObjective(ProblemLibrary.Rosenbrock(), 1e-30);
        Assert.Equal(OracleCapability.Gradient, OracleCapabilities.Of(objective));
        Assert.Equal(1e-30, objective.Step);
        Assert.Equal(ComplexStep.DefaultStep, new ComplexStepObjective(ProblemLibrary.Rosenbrock()).Step);
        Assert.Equal(2, objective.Dimension);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-20)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RejectsAStepThatIsNotPositiveAndFinite(double step)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ComplexStepObjective(ProblemLibrary.Rosenbrock(), step));
        Assert.Equal("step", e.ParamName);
    }

    [Fact]
    public void RejectsAWrongLengthAndANullFunction()
    {
        var objective = new ComplexStepObjective(ProblemLibrary.Rosenbrock());
        Assert.Throws<ArgumentException>(() => objective.ValueAndGradient([1.0, 2.0, 3.0], new double[3]));
        Assert.Throws<ArgumentNullException>(() => new ComplexStepObjective(null!));
    }
}
