using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The trigonometric function (MGH problem 26), m = n: rᵢ = n − Σⱼ cos xⱼ + i(1 − cos xᵢ) − sin xᵢ; start 1/n;
/// minimum 0 (Spedicato 1975; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class Trigonometric : StructuredSumOfSquaresProblem
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
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        // n − Σⱼ cos xⱼ summed as Σⱼ (1 − cos xⱼ): no cancellation against n, which near x₀ = 1/n costs 7 digits at n = 1000.
        T sum = T.Zero;
        foreach (T xj in x) sum += T.One - T.Cos(xj);
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

    /// <summary>f with the sum Σⱼ cos xⱼ formed once, so an evaluation costs O(n) rather than O(n²).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The point.</param>
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T common = T.Zero, value = T.Zero;
        foreach (T xj in x) common += T.One - T.Cos(xj);
        for (int i = 0; i < x.Length; i++)
        {
            T r = common + C<T>(i + 1) * (T.One - T.Cos(x[i])) - T.Sin(x[i]);
            value += r * r;
        }
        return value;
    }

    /// <inheritdoc/>
    protected override void Residuals(ReadOnlySpan<double> x, Span<double> residuals)
    {
        double common = 0;
        foreach (double xj in x) common += 1 - Math.Cos(xj);
        for (int i = 0; i < Dimension; i++) residuals[i] = common + (i + 1) * (1 - Math.Cos(x[i])) - Math.Sin(x[i]);
    }

    /// <inheritdoc/>
    protected override void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        double common = 0;
        for (int j = 0; j < Dimension; j++) common += Math.Sin(x[j]) * v[j];
        for (int i = 0; i < Dimension; i++) result[i] = common + ((i + 1) * Math.Sin(x[i]) - Math.Cos(x[i])) * v[i];
    }

    /// <inheritdoc/>
    protected override void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        double total = 0;
        foreach (double wi in w) total += wi;
        for (int j = 0; j < Dimension; j++) result[j] = Math.Sin(x[j]) * total + w[j] * ((j + 1) * Math.Sin(x[j]) - Math.Cos(x[j]));
    }

    /// <inheritdoc/>
    protected override void AddCurvatureVector(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, ReadOnlySpan<double> v, Span<double> result)
    {
        double total = 0;
        foreach (double r in residuals) total += r;
        for (int j = 0; j < Dimension; j++)
            result[j] += (total * Math.Cos(x[j]) + residuals[j] * ((j + 1) * Math.Cos(x[j]) + Math.Sin(x[j]))) * v[j];
    }
}
