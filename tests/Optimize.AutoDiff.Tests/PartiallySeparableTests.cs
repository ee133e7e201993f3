using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff;
using Optimize.Problems;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests;

/// <summary>Overlapping terms of several arities (1, 3, 5, 11) to exercise every chunk size and multi-pass chunks.</summary>
internal sealed class MixedArityTerms : IPartiallySeparableFunction
{
    private readonly int[][] variables = [[0], [1, 4, 2], [3, 0, 5, 6, 1], [7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5], [11, 6]];

    public int Dimension => 12;
    public int TermCount => variables.Length;
    public ReadOnlySpan<int> TermVariables(int term) => variables[term];

    public T EvaluateTerm<T>(int term, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero, product = T.One;
        for (int i = 0; i < x.Length; i++)
        {
            sum += T.Sin(x[i] * T.CreateChecked(i + 1 + term));
            product *= T.One + x[i] * x[i] / T.CreateChecked(4);
        }
        return sum * T.Log(product) + T.Exp(x[0] / T.CreateChecked(3));
    }
}

/// <summary>Residual blocks: blocks of one to three residuals over two to nine variables.</summary>
internal readonly struct SampleResidualBlocks : IResidualBlocks
{
    private static readonly int[][] Variables = [[0, 1], [1, 2, 3], [4, 0, 2, 5, 6, 7, 8, 3, 1]];

    public int Dimension => 9;
    public int BlockCount => Variables.Length;
    public ReadOnlySpan<int> BlockVariables(int block) => Variables[block];
    public int ResidualCount(int block) => block + 1;

    public void EvaluateBlock<T>(int block, ReadOnlySpan<T> x, Span<T> residuals) where T : IFloatingPointIeee754<T>
    {
        for (int r = 0; r < residuals.Length; r++)
        {
            T sum = T.CreateChecked(r - 1.5);
            for (int i = 0; i < x.Length; i++) sum += T.CreateChecked(i + r + 1) * x[i] * (x[i] - T.CreateChecked(0.5 * r));
            residuals[r] = T.Sin(sum) + x[0] * x[x.Length - 1];
        }
    }
}

public class PartiallySeparableTests
{
    [Fact]
    public void RosenbrockAsASumOfTermsMatchesTheHandCodedDerivatives()
    {
        const int n = 20;
        TestProblem problem = ProblemLibrary.ExtendedRosenbrock(n);
        var objective = PartiallySeparable.Objective(new ExtendedRosenbrockTerms(n));
        var x = Perturbed(problem.StartingPoint, 21);
        var expected = new double[n];
        var actual = new double[n];
        Close(problem.ValueAndGradient(x, expected), objective.ValueAndGradient(x, actual), 1e-15, "value");
        Close(expected, actual, 1e-12, "gradient");
        Close(problem.Value(x), objective.Value(x), 1e-15, "value alone");
        var v = Perturbed(new double[n], 4, 1);
        problem.HessianVector(x, v, expected);
        objective.HessianVector(x, v, actual);
        Close(expected, actual, 1e-12, "Hv");
        var hessian = Matrix<double>.Build.Dense(n, n);
        var reference = Matrix<double>.Build.Dense(n, n);
        problem.Hessian(x, reference);
        objective.Hessian(x, hessian);
        Close(reference, hessian, 1e-12, "Hessian");
        Assert.Equal(2, objective.MaxTermArity);
    }

    [Fact]
    public void TermsOfEveryArityMatchReverseModeOnTheWholeSum()
    {
        var objective = PartiallySeparable.Objective(new MixedArityTerms());
        var reverse = new ReverseModeObjective(objective);
        var x = Perturbed(new double[12], 8, 1);
        var expected = new double[12];
        var actual = new double[12];
        Close(reverse.ValueAndGradient(x, expected), objective.ValueAndGradient(x, actual), 1e-14, "value");
        Close(expected, actual, 1e-13, "gradient");
        var v = Perturbed(new double[12], 2, 1);
        reverse.HessianVector(x, v, expected);
        objective.HessianVector(x, v, actual);
        Close(expected, actual, 1e-13, "Hv");
        var hessian = Matrix<double>.Build.Dense(12, 12);
        var reference = Matrix<double>.Build.Dense(12, 12);
        reverse.Hessian(x, reference);
        objective.Hessian(x, hessian);
        Close(reference, hessian, 1e-13, "Hessian");
        Assert.Equal(11, objective.MaxTermArity);
    }

    [Fact]
    public void ResidualBlocksGiveTheJacobianJvpAndVjpOfReverseModeOnTheWholeVector()
    {
        var residuals = PartiallySeparable.Residuals(new SampleResidualBlocks());
        var reverse = new ReverseModeVectorFunction(residuals);
        Assert.Equal(6, residuals.OutputDimension);
        var x = Perturbed(new double[9], 12, 1);
        var expected = Matrix<double>.Build.Dense(6, 9);
        var actual = Matrix<double>.Build.Dense(6, 9);
        reverse.Jacobian(x, expected);
        residuals.Jacobian(x, actual);
        Close(expected, actual, 1e-13, "Jacobian");
        var p = Perturbed(new double[9], 3, 1);
        var w = Perturbed(new double[6], 4, 1);
        Close((expected * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(p)).ToArray(), Apply(r => residuals.JacobianVector(x, p, r), 6), 1e-13, "JVP");
        Close((expected.TransposeThisAndMultiply(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(w))).ToArray(), Apply(r => residuals.VectorJacobian(x, w, r), 9), 1e-13, "VJP");
    }

    [Fact]
    public void LeastSquaresObjectiveOfResidualBlocksIsHalfTheSquaredNormWithExactDerivatives()
    {
        var blocks = new SampleResidualBlocks();
        var objective = PartiallySeparable.LeastSquares(blocks);
        var residuals = PartiallySeparable.Residuals(blocks);
        var x = Perturbed(new double[9], 5, 1);
        var r = new double[6];
        residuals.Evaluate(x, r);
        Close(0.5 * r.Sum(v => v * v), objective.Value(x), 1e-15, "value");
        var reverse = new ReverseModeObjective(objective);
        var expected = new double[9];
        var actual = new double[9];
        reverse.ValueAndGradient(x, expected);
        objective.ValueAndGradient(x, actual);
        Close(expected, actual, 1e-13, "gradient");
        var hessian = Matrix<double>.Build.Dense(9, 9);
        var reference = Matrix<double>.Build.Dense(9, 9);
        reverse.Hessian(x, reference);
        objective.Hessian(x, hessian);
        Close(reference, hessian, 1e-12, "Hessian");
    }

    [Fact]
    public void TermReadingAVariableOutsideTheDimensionIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => PartiallySeparable.Objective(new BadTerms()));
        Assert.Equal("function", error.ParamName);
        Assert.Contains("variable 5", error.Message);
    }

    private static double[] Apply(Action<double[]> fill, int length)
    {
        var result = new double[length];
        fill(result);
        return result;
    }

    private readonly struct BadTerms : IPartiallySeparableFunction
    {
        public int Dimension => 3;
        public int TermCount => 1;
        public ReadOnlySpan<int> TermVariables(int term) => new[] { 0, 5 };
        public T EvaluateTerm<T>(int term, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0];
    }
}
