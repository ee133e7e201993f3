using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The trigonometric function (MGH problem 26), m = n: rᵢ = n − Σⱼ cos xⱼ + i(1 − cos xᵢ) − sin xᵢ; start 1/n;
/// minimum 0 (Spedicato 1975; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed class Trigonometric : SumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public Trigonometric(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => "trigonometric";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => Dimension;
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Repeat(1.0 / Dimension, Dimension).ToArray();
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override string Source => "Spedicato (1975); Moré, Garbow & Hillstrom (1981), problem 26";

    /// <inheritdoc/>
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T sum = C<T>(Dimension);
        foreach (T xj in x) sum -= T.Cos(xj);
        return sum + C<T>(index + 1) * (T.One - T.Cos(x[index])) - T.Sin(x[index]);
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < Dimension; i++)
        {
            for (int j = 0; j < Dimension; j++) jacobian[i, j] = Math.Sin(x[j]);
            jacobian[i, i] += (i + 1) * Math.Sin(x[i]) - Math.Cos(x[i]);
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        double total = 0;
        foreach (double r in residuals) total += r;
        for (int j = 0; j < Dimension; j++)
            hessian[j, j] += total * Math.Cos(x[j]) + residuals[j] * ((j + 1) * Math.Cos(x[j]) + Math.Sin(x[j]));
    }
}
