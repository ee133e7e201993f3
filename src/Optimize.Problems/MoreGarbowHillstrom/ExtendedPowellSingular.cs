using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// The extended Powell singular function (MGH problem 22): n/4 independent copies of Powell's singular function
/// (<see cref="PowellSingular"/>, MGH problem 13) on blocks of four variables, m = n; start (3, −1, 0, 1, …);
/// minimum 0 at the origin, where the Hessian is singular (Spedicato 1975; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class ExtendedPowellSingular : StructuredSumOfSquaresProblem
{
    private static readonly double Sqrt5 = Math.Sqrt(5), Sqrt10 = Math.Sqrt(10);

    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n, a positive multiple of 4.</param>
    public ExtendedPowellSingular(int dimension)
    {
        if (dimension < 4 || dimension % 4 != 0)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be a positive multiple of 4.");
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => "extended-powell-singular";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount => Dimension;
    /// <inheritdoc/>
    public override double[] StartingPoint
    {
        get
        {
            var x = new double[Dimension];
            for (int i = 0; i < Dimension; i += 4) { x[i] = 3; x[i + 1] = -1; x[i + 2] = 0; x[i + 3] = 1; }
            return x;
        }
    }
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => new double[Dimension];
    /// <inheritdoc/>
    public override string Source => "Spedicato (1975); Moré, Garbow & Hillstrom (1981), problem 22";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        int b = index - index % 4;
        switch (index % 4)
        {
            case 0: return x[b] + C<T>(10) * x[b + 1];
            case 1: return C<T>(Sqrt5) * (x[b + 2] - x[b + 3]);
            case 2: { T d = x[b + 1] - C<T>(2) * x[b + 2]; return d * d; }
            default: { T e = x[b] - x[b + 3]; return C<T>(Sqrt10) * e * e; }
        }
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        jacobian.Clear();
        for (int b = 0; b < Dimension; b += 4)
        {
            double d = x[b + 1] - 2 * x[b + 2], e = x[b] - x[b + 3];
            jacobian[b, b] = 1;
            jacobian[b, b + 1] = 10;
            jacobian[b + 1, b + 2] = Sqrt5;
            jacobian[b + 1, b + 3] = -Sqrt5;
            jacobian[b + 2, b + 1] = 2 * d;
            jacobian[b + 2, b + 2] = -4 * d;
            jacobian[b + 3, b] = 2 * Sqrt10 * e;
            jacobian[b + 3, b + 3] = -2 * Sqrt10 * e;
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int b = 0; b < Dimension; b += 4)
        {
            // (x₂ − 2x₃)² has second derivatives 2·(1, −2)(1, −2)ᵀ; √10(x₁ − x₄)² has 2√10·(1, −1)(1, −1)ᵀ.
            double square = 2 * residuals[b + 2], quartic = 2 * Sqrt10 * residuals[b + 3];
            Curvature.AddSymmetric(hessian, b + 1, b + 1, square);
            Curvature.AddSymmetric(hessian, b + 1, b + 2, -2 * square);
            Curvature.AddSymmetric(hessian, b + 2, b + 2, 4 * square);
            Curvature.AddSymmetric(hessian, b, b, quartic);
            Curvature.AddSymmetric(hessian, b, b + 3, -quartic);
            Curvature.AddSymmetric(hessian, b + 3, b + 3, quartic);
        }
    }

    /// <inheritdoc/>
    protected override void JacobianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int b = 0; b < Dimension; b += 4)
        {
            double d = x[b + 1] - 2 * x[b + 2], e = x[b] - x[b + 3];
            result[b] = v[b] + 10 * v[b + 1];
            result[b + 1] = Sqrt5 * (v[b + 2] - v[b + 3]);
            result[b + 2] = 2 * d * (v[b + 1] - 2 * v[b + 2]);
            result[b + 3] = 2 * Sqrt10 * e * (v[b] - v[b + 3]);
        }
    }

    /// <inheritdoc/>
    protected override void VectorJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> result)
    {
        for (int b = 0; b < Dimension; b += 4)
        {
            double d = x[b + 1] - 2 * x[b + 2], e = x[b] - x[b + 3];
            double square = 2 * d * w[b + 2], quartic = 2 * Sqrt10 * e * w[b + 3];
            result[b] = w[b] + quartic;
            result[b + 1] = 10 * w[b] + square;
            result[b + 2] = Sqrt5 * w[b + 1] - 2 * square;
            result[b + 3] = -Sqrt5 * w[b + 1] - quartic;
        }
    }

    /// <inheritdoc/>
    protected override void AddCurvatureVector(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int b = 0; b < Dimension; b += 4)
        {
            double square = 2 * residuals[b + 2] * (v[b + 1] - 2 * v[b + 2]);
            double quartic = 2 * Sqrt10 * residuals[b + 3] * (v[b] - v[b + 3]);
            result[b] += quartic;
            result[b + 1] += square;
            result[b + 2] -= 2 * square;
            result[b + 3] -= quartic;
        }
    }
}
