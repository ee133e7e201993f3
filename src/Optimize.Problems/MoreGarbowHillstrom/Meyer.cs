using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Meyer's function (MGH problem 10), m = 16: rᵢ = x₁·exp(x₂/(tᵢ + x₃)) − yᵢ with tᵢ = 45 + 5i;
/// minimum 87.9458… (Meyer 1970; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class Meyer : SumOfSquaresProblem
{
    private static readonly double[] Observations =
        [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872];

    /// <inheritdoc/>
    public override string Name => "meyer";
    /// <inheritdoc/>
    public override int Dimension => 3;
    /// <inheritdoc/>
    public override int ResidualCount => 16;
    /// <inheritdoc/>
    public override double[] StartingPoint => [0.02, 4000, 250];
    /// <summary>f* = 9.3779451², the final residual norm of MINPACK's lmder test output, squared (MGH print 87.9458).</summary>
    public override double? KnownMinimum => 9.3779451 * 9.3779451;
    /// <inheritdoc/>
    public override string Source => "Meyer (1970); Moré, Garbow & Hillstrom (1981), problem 10";

    private static double Time(int index) => 50 + 5 * index;

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        return x[0] * T.Exp(x[1] / (C<T>(Time(index)) + x[2])) - C<T>(Observations[index]);
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double q = Time(i) + x[2], e = Math.Exp(x[1] / q);
            jacobian[i, 0] = e;
            jacobian[i, 1] = x[0] * e / q;
            jacobian[i, 2] = -x[0] * e * x[1] / (q * q);
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        for (int i = 0; i < ResidualCount; i++)
        {
            double q = Time(i) + x[2], q2 = q * q, e = Math.Exp(x[1] / q), r = residuals[i];
            double h01 = e / q, h02 = -e * x[1] / q2, h11 = x[0] * e / q2;
            double h12 = -x[0] * e * (x[1] / (q2 * q) + 1 / q2), h22 = x[0] * x[1] * e * (x[1] / (q2 * q2) + 2 / (q2 * q));
            hessian[0, 1] += r * h01; hessian[1, 0] += r * h01;
            hessian[0, 2] += r * h02; hessian[2, 0] += r * h02;
            hessian[1, 1] += r * h11;
            hessian[1, 2] += r * h12; hessian[2, 1] += r * h12;
            hessian[2, 2] += r * h22;
        }
    }
}
