using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>
/// Wood's function, f = 100(x₂−x₁²)² + (1−x₁)² + 90(x₄−x₃²)² + (1−x₃)² + 10.1((x₂−1)² + (x₄−1)²)
/// + 19.8(x₂−1)(x₄−1); minimum 0 at (1, 1, 1, 1). MGH problem 14.
/// </summary>
public sealed partial class Wood : SumOfSquaresProblem
{
    private static readonly double Sqrt90 = Math.Sqrt(90), Sqrt10 = Math.Sqrt(10);

    /// <inheritdoc/>
    public override string Name => "wood";
    /// <inheritdoc/>
    public override int Dimension => 4;
    /// <inheritdoc/>
    public override int ResidualCount => 6;
    /// <inheritdoc/>
    public override double[] StartingPoint => [-3, -1, -3, -1];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [1, 1, 1, 1];
    /// <inheritdoc/>
    public override string Source => "Moré, Garbow & Hillstrom (1981), problem 14";
    /// <inheritdoc/>
    public override string ClosedForm => "100*(x2 - x1^2)^2 + (1 - x1)^2 + 90*(x4 - x3^2)^2 + (1 - x3)^2 + 10*(x2 + x4 - 2)^2 + (x2 - x4)^2/10";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x) => index switch
    {
        0 => C<T>(10) * (x[1] - x[0] * x[0]),
        1 => T.One - x[0],
        2 => C<T>(Sqrt90) * (x[3] - x[2] * x[2]),
        3 => T.One - x[2],
        4 => C<T>(Sqrt10) * (x[1] + x[3] - C<T>(2)),
        5 => (x[1] - x[3]) / C<T>(Sqrt10),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Wood has residuals 0 to 5."),
    };

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> j)
    {
        j.Clear();
        j[0, 0] = -20 * x[0]; j[0, 1] = 10;
        j[1, 0] = -1;
        j[2, 2] = -2 * Sqrt90 * x[2]; j[2, 3] = Sqrt90;
        j[3, 2] = -1;
        j[4, 1] = Sqrt10; j[4, 3] = Sqrt10;
        j[5, 1] = 1 / Sqrt10; j[5, 3] = -1 / Sqrt10;
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> r, Matrix<double> h)
    {
        h[0, 0] += -20 * r[0];
        h[2, 2] += -2 * Sqrt90 * r[2];
    }
}
