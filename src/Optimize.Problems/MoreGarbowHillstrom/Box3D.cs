using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Box's three-dimensional function (MGH problem 12) with m = 10: rᵢ = e^{−tᵢx₁} − e^{−tᵢx₂} − x₃(e^{−tᵢ} − e^{−10tᵢ}),
/// tᵢ = i/10; minimum 0 at (1, 10, 1), (10, 1, −1) and wherever x₁ = x₂, x₃ = 0 (Box 1966; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class Box3D : SumOfSquaresProblem
{
    /// <inheritdoc/>
    public override string Name => "box-3d";
    /// <inheritdoc/>
    public override int Dimension => 3;
    /// <inheritdoc/>
    public override int ResidualCount => 10;
    /// <inheritdoc/>
    public override double[] StartingPoint => [0, 10, 20];
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => [1, 10, 1];
    /// <inheritdoc/>
    public override string Source => "Box (1966); Moré, Garbow & Hillstrom (1981), problem 12";

    private static double Time(int index) => (index + 1) / 10.0;
    private static double Coefficient(int index) => Math.Exp(-Time(index)) - Math.Exp(-10 * Time(index));

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T t = C<T>(Time(index));
        return T.Exp(-t * x[0]) - T.Exp(-t * x[1]) - x[2] * C<T>(Coefficient(index));
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double t = Time(i);
            jacobian[i, 0] = -t * Math.Exp(-t * x[0]);
            jacobian[i, 1] = t * Math.Exp(-t * x[1]);
            jacobian[i, 2] = -Coefficient(i);
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double t = Time(i);
            hessian[0, 0] += residuals[i] * t * t * Math.Exp(-t * x[0]);
            hessian[1, 1] -= residuals[i] * t * t * Math.Exp(-t * x[1]);
        }
    }
}
