using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;
using Optimize.Problems;

namespace Optimize.Core.Tests.Oracles;

public class CountedFunctionTests
{
    [Fact]
    public void CountedFunctionCountsEveryEvaluation()
    {
        var counted = new CountedFunction(ProblemLibrary.Rosenbrock());
        counted.Value([1.0, 1.0]);
        counted.Evaluate<float>([1f, 2f]);
        Assert.Equal(2, counted.Calls);
    }

    [Fact]
    public void ValuesComeFromTheWrappedObjectiveAndAreNotCountedWhenCountingIsOff()
    {
        var problem = ProblemLibrary.Wood();
        var quiet = new CountedFunction(problem, counting: false);
        double[] x = [0.3, -0.2, 1.1, 0.7];
        Assert.Equal(problem.Value(x), quiet.Value(x));
        Assert.Equal(problem.Evaluate<double>(x), quiet.Evaluate<double>(x));
        Assert.Equal(0, quiet.Calls);
        Assert.Same(problem, quiet.Function);
        Assert.Same(problem, CountedFunction.Unwrap(quiet));
        Assert.Same(problem, CountedFunction.Unwrap(problem));
        Assert.Equal(4, quiet.Dimension);
    }

    [Fact]
    public void AFunctionWithoutAnObjectiveIsEvaluatedOverDoubleAndItsLengthChecked()
    {
        var counted = new CountedFunction(new SumOfSquares());
        Assert.Equal(5, counted.Value([1.0, 2.0]));
        Assert.Equal(1, counted.Calls);
        var e = Assert.Throws<ArgumentException>(() => counted.Value([1.0]));
        Assert.Equal("x", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => new CountedFunction(null!));
    }

    [Fact]
    public void CompiledDerivativesObjectiveTakesValuesFromOnePartAndDerivativesFromTheOther()
    {
        var problem = ProblemLibrary.Rosenbrock();
        var counted = new CountedFunction(problem);
        var objective = new CompiledDerivativesObjective(counted, problem);
        double[] x = [0.5, -0.3], gradient = new double[2], expected = new double[2], hv = new double[2], expectedHv = new double[2];
        Assert.Equal(problem.ValueAndGradient(x, expected), objective.ValueAndGradient(x, gradient));
        Assert.Equal(expected, gradient);
        problem.HessianVector(x, [1.0, 2.0], expectedHv);
        objective.HessianVector(x, [1.0, 2.0], hv);
        Assert.Equal(expectedHv, hv);
        Matrix<double> h = Matrix<double>.Build.Dense(2, 2), expectedH = Matrix<double>.Build.Dense(2, 2);
        problem.Hessian(x, expectedH);
        objective.Hessian(x, h);
        Assert.Equal(expectedH, h);
        Assert.Equal(0, counted.Calls);
        Assert.Equal(problem.Value(x), objective.Value(x));
        Assert.Equal(1, counted.Calls);
        var e = Assert.Throws<ArgumentException>(() => new CompiledDerivativesObjective(counted, ProblemLibrary.Wood()));
        Assert.Equal("derivatives", e.ParamName);
    }

    private sealed class SumOfSquares : IScalarFunction
    {
        public int Dimension => 2;
        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0] + x[1] * x[1];
    }
}
