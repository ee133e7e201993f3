using Optimize.Solvers.LeastSquares;

namespace Optimize.Solvers.Tests.LeastSquares;

public class RobustLossTests
{
    // scipy.optimize._lsq.least_squares: huber, soft_l1, cauchy, arctan (rho[0], rho[1], rho[2] as functions of z = f²).
    private static (double, double, double) Scipy(LossKind kind, double z) => kind switch
    {
        LossKind.Huber => z <= 1 ? (z, 1, 0) : (2 * Math.Pow(z, 0.5) - 1, Math.Pow(z, -0.5), -0.5 * Math.Pow(z, -1.5)),
        LossKind.SoftL1 => (2 * (Math.Pow(1 + z, 0.5) - 1), Math.Pow(1 + z, -0.5), -0.5 * Math.Pow(1 + z, -1.5)),
        LossKind.Cauchy => (Math.Log(1 + z), 1 / (1 + z), -1 / Math.Pow(1 + z, 2)),
        LossKind.Arctan => (Math.Atan(z), 1 / (1 + z * z), -2 * z / Math.Pow(1 + z * z, 2)),
        _ => (z, 1, 0),
    };

    public static TheoryData<LossKind> Kinds => new() { LossKind.Linear, LossKind.Huber, LossKind.SoftL1, LossKind.Cauchy, LossKind.Arctan };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ShapeMatchesScipysDefinitionsAndItsOwnDerivatives(LossKind kind)
    {
        var loss = new RobustLoss(kind);
        foreach (double z in new[] { 0.0, 0.25, 0.9, 1.0, 1.5, 4, 30 })
        {
            var (value, first, second) = loss.Shape(z);
            var (v, d1, d2) = Scipy(kind, z);
            Assert.Equal(v, value, 1e-14);
            Assert.Equal(d1, first, 1e-14);
            Assert.Equal(d2, second, 1e-14);
            if (z > 0.1 && Math.Abs(z - 1) > 0.1)
            {
                const double h = 1e-5;
                Assert.Equal((loss.Shape(z + h).Value - loss.Shape(z - h).Value) / (2 * h), first, 1e-7);
                Assert.Equal((loss.Shape(z + h).First - loss.Shape(z - h).First) / (2 * h), second, 1e-7);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ScaleEntersAsScipysFScale(LossKind kind)
    {
        // construct_loss_function: z = (f/C)², rho[0] *= C², rho[2] /= C²; cost = ½Σ rho[0].
        const double c = 2.5;
        var loss = new RobustLoss(kind, c);
        double[] r = [0.3, -4, 7.5];
        double cost = 0;
        foreach (double ri in r)
        {
            var (v, d1, d2) = Scipy(kind, ri / c * (ri / c));
            var (value, first, second) = loss.Evaluate(ri);
            Assert.Equal(v * c * c, value, 1e-12);
            Assert.Equal(d1, first, 1e-14);
            Assert.Equal(d2 / (c * c), second, 1e-14);
            cost += 0.5 * v * c * c;
        }
        Assert.Equal(cost, loss.Cost(r), 1e-12);
    }

    [Fact]
    public void TriggsCorrectionScalesResidualsAndRowsAsScipy()
    {
        // scale_for_robust_loss_function: J_scale = √max(ρ′ + 2ρ″f², ε); f ← ρ′f/J_scale.
        var loss = new RobustLoss(LossKind.Cauchy, 1.5);
        double[] r = [0.5, -3, 10];
        var scaled = (double[])r.Clone();
        var rows = new double[3];
        loss.ScaleResiduals(scaled, rows);
        for (int i = 0; i < 3; i++)
        {
            var (_, d1, d2) = loss.Evaluate(r[i]);
            double s = Math.Sqrt(Math.Max(d1 + 2 * d2 * r[i] * r[i], 2.220446049250313e-16));
            Assert.Equal(s, rows[i], 1e-14);
            Assert.Equal(d1 * r[i] / s, scaled[i], 1e-14);
        }
        // The scaled problem's gradient Jᵀf equals the robust cost's gradient Σρ′rᵢ∇rᵢ (rows scaled by s cancel).
        Assert.Equal(loss.Evaluate(r[2]).First * r[2], rows[2] * scaled[2], 1e-12);
    }
}
