using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Problems;
using Optimize.AutoDiff.Separable;
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

/// <summary>
/// Terms of at most two variables that overlap (a chain (xᵢ, xᵢ₊₁)), read one variable twice, or read one variable:
/// the pair path that accumulates into shared entries.
/// </summary>
internal readonly struct OverlappingPairTerms(int dimension) : IPartiallySeparableFunction
{
    private readonly int[][] variables = Enumerable.Range(0, dimension - 1).Select(i => new[] { i, i + 1 })
        .Append([0]).Append([dimension - 1, dimension - 1]).ToArray();

    public int Dimension => dimension;
    public int TermCount => variables.Length;
    public ReadOnlySpan<int> TermVariables(int term) => variables[term];

    public T EvaluateTerm<T>(int term, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        if (x.Length == 1) return T.Exp(x[0] / T.CreateChecked(2)) - x[0];
        T t = x[1] - x[0] * x[0];
        return T.CreateChecked(term + 1) * t * t + T.Sin(x[0] * x[1]) / (T.One + x[1] * x[1]) + T.Atan2(-x[0], T.CreateChecked(2) + x[1]);
    }
}

/// <summary>
/// Disjoint blocks of consecutive variables, read in order (each term's locals are a slice of x) or in reverse
/// (they are gathered): every chunk width with a partition, plus a constant term that reads no variable.
/// </summary>
internal readonly struct BlockTerms(int arity, int blocks, bool reversed) : IPartiallySeparableFunction
{
    public int Dimension => arity * blocks;
    public int TermCount => blocks + 1;
    public ReadOnlySpan<int> TermVariables(int term)
    {
        if (term == blocks) return [];
        var variables = Enumerable.Range(term * arity, arity);
        return (reversed ? variables.Reverse() : variables).ToArray();
    }

    public T EvaluateTerm<T>(int term, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        if (x.IsEmpty) return T.CreateChecked(0.5);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += T.CreateChecked(i + 1) * x[i] * x[(i + 1) % x.Length] + T.Cos(x[i]);
        return sum * sum / T.CreateChecked(10);
    }
}

public class PartiallySeparableTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void OverlappingTermsOfAtMostTwoVariablesMatchReverseModeOnTheWholeSum(int n)
    {
        var objective = PartiallySeparable.Objective(new OverlappingPairTerms(n));
        Assert.False(objective.TermsPartitionVariables);
        Assert.Equal(2, objective.MaxTermArity);
        AgreesWithReverseMode(objective, n);
    }

    [Theory]
    [InlineData(1, 5, false)]
    [InlineData(2, 4, false)]
    [InlineData(2, 4, true)]
    [InlineData(3, 3, true)]
    [InlineData(4, 3, false)]
    [InlineData(4, 3, true)]
    [InlineData(8, 2, true)]
    [InlineData(13, 2, false)]
    [InlineData(13, 2, true)]
    public void DisjointBlocksOfEveryWidthMatchReverseModeOnTheWholeSum(int arity, int blocks, bool reversed)
    {
        var objective = PartiallySeparable.Objective(new BlockTerms(arity, blocks, reversed));
        Assert.True(objective.TermsPartitionVariables);
        AgreesWithReverseMode(objective, arity * blocks);
    }

    [Fact]
    public void ExtendedRosenbrockTermsPartitionTheVariables() =>
        Assert.True(PartiallySeparable.Objective(new ExtendedRosenbrockTerms(10)).TermsPartitionVariables);

    [Fact]
    public void EntriesLeftOverFromAnEarlierCallDoNotLeakIntoTheNextOne()
    {
        var objective = PartiallySeparable.Objective(new OverlappingPairTerms(5));
        var x = Perturbed(new double[5], 3, 1);
        var expected = new double[5];
        var actual = Enumerable.Repeat(double.NaN, 5).ToArray();
        new ReverseModeObjective(objective).ValueAndGradient(x, expected);
        objective.ValueAndGradient(x, actual);
        Close(expected, actual, 1e-13, "gradient over a dirty array");
    }

    private static void AgreesWithReverseMode<TFunction>(PartiallySeparableObjective<TFunction> objective, int n)
        where TFunction : IPartiallySeparableFunction =>
        Agrees(new ReverseModeObjective(objective), objective, Perturbed(new double[n], 17, 1), 1e-14, 1e-12);

    /// <summary>Value, gradient, Hv and Hessian of <paramref name="objective"/> against <paramref name="reference"/>,
    /// the destinations filled with NaN first so that an entry left unwritten fails.</summary>
    private static void Agrees(IHessianObjective reference, IHessianObjective objective, double[] x, double valueTolerance, double tolerance)
    {
        int n = x.Length;
        var expected = new double[n];
        var actual = Enumerable.Repeat(double.NaN, n).ToArray();
        Close(reference.ValueAndGradient(x, expected), objective.ValueAndGradient(x, actual), valueTolerance, "value");
        Close(expected, actual, tolerance, "gradient");
        Close(reference.Value(x), objective.Value(x), valueTolerance, "value alone");
        var v = Perturbed(new double[n], 6, 1);
        reference.HessianVector(x, v, expected);
        Array.Fill(actual, double.NaN);
        objective.HessianVector(x, v, actual);
        Close(expected, actual, tolerance, "Hv");
        var hessian = Matrix<double>.Build.Dense(n, n);
        var referenceHessian = Matrix<double>.Build.Dense(n, n);
        reference.Hessian(x, referenceHessian);
        objective.Hessian(x, hessian);
        Close(referenceHessian, hessian, tolerance, "Hessian");
    }

    [Fact]
    public void RosenbrockAsASumOfTermsMatchesTheHandCodedDerivatives()
    {
        const int n = 20;
        TestProblem problem = ProblemLibrary.ExtendedRosenbrock(n);
        var objective = PartiallySeparable.Objective(new ExtendedRosenbrockTerms(n));
        Agrees(problem, objective, Perturbed(problem.StartingPoint, 21), 1e-15, 1e-12);
        Assert.Equal(2, objective.MaxTermArity);
    }

    [Fact]
    public void TermsOfEveryArityMatchReverseModeOnTheWholeSum()
    {
        var objective = PartiallySeparable.Objective(new MixedArityTerms());
        Agrees(new ReverseModeObjective(objective), objective, Perturbed(new double[12], 8, 1), 1e-14, 1e-13);
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
