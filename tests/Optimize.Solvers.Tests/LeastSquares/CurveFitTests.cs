using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Constraints;
using Optimize.Oracles;
using Optimize.Solvers.LeastSquares;

namespace Optimize.Solvers.Tests.LeastSquares;

public class CurveFitTests
{
    // Puromycin, treated cells (Treloar 1974; Bates & Watts 1988, Appendix A1.3): substrate concentration (ppm) and
    // initial velocity (counts/min²).
    private static readonly double[] Concentration = [0.02, 0.02, 0.06, 0.06, 0.11, 0.11, 0.22, 0.22, 0.56, 0.56, 1.10, 1.10];
    private static readonly double[] Rate = [76, 47, 97, 107, 123, 139, 159, 152, 191, 201, 207, 200];

    private static double MichaelisMenten(double s, double[] p) => p[0] * s / (p[1] + s);

    [Fact]
    public void FitsMichaelisMentenToPuromycinWithScipysCovariance()
    {
        // scipy 1.10.1: curve_fit(lambda s, Vm, K: Vm*s/(K+s), conc, rate, p0=[200, 0.1]) gives
        // popt = [212.68363008888363, 0.064121105461411393],
        // pcov = [[48.26207075381048, 0.04401296593738898], [0.04401296593738898, 6.857087860253445e-05]]
        // (Bates & Watts print Vm = 212.7 ± 6.947, K = 0.06412 ± 0.008281). scipy's 'lm' path inverts RᵀR from the last
        // QR factorization of MINPACK, i.e. J at the iterate before the last step, so it agrees with the covariance at p̂
        // to about 5e-5; at p̂ itself, numpy gives s²·inv(JᵀJ)[0, 0] = 48.26287864918919 with the analytic J.
        var fit = CurveFit.Fit(MichaelisMenten, Concentration, Rate, [200, 0.1]);
        Assert.True(fit.Result.Converged, fit.Result.Message);
        Assert.Equal(212.68363008888363, fit.Parameters[0], 1e-5);
        Assert.Equal(0.064121105461411393, fit.Parameters[1], 1e-8);
        Assert.Equal(48.26287864918919, fit.Covariance[0, 0], 1e-6);
        Relative(48.26207075381048, fit.Covariance[0, 0], 2e-5);
        Relative(0.04401296593738898, fit.Covariance[0, 1], 5e-5);
        Relative(0.04401296593738898, fit.Covariance[1, 0], 5e-5);
        Relative(6.857087860253445e-05, fit.Covariance[1, 1], 5e-5);
        Relative(6.947090812261668, fit.StandardErrors[0], 5e-5);
        Relative(0.00828075350451482, fit.StandardErrors[1], 5e-5);
    }

    [Fact]
    public void HandCodedGradientGivesTheSameFit()
    {
        var fit = CurveFit.FitWithGradient(MichaelisMenten, (s, p, g) => { g[0] = s / (p[1] + s); g[1] = -p[0] * s / ((p[1] + s) * (p[1] + s)); },
            Concentration, Rate, [200, 0.1]);
        Assert.Equal(212.68363008888363, fit.Parameters[0], 1e-6);
        Assert.Equal(Math.Sqrt(48.26287864918919), fit.StandardErrors[0], 1e-7);
    }

    private static void Relative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected}, got {actual}");

    private static readonly double[] Times = Enumerable.Range(0, 25).Select(i => 4.0 * i / 24).ToArray();
    private static readonly double[] Decay = Times.Select(t => 2.5 * Math.Exp(-1.3 * t) + 0.5 + 0.02 * Math.Sin(7 * t)).ToArray();
    private static readonly double[] Sigma = Times.Select(t => 0.01 + 0.01 * t).ToArray();

    /// <summary>a·exp(−bt) + c at every t, written once over the scalar type, differentiated by forward mode.</summary>
    private sealed class ExponentialDecay(double[] t) : IVectorScalarFunction
    {
        public int Dimension => 3;
        public int OutputDimension => t.Length;
        public void Evaluate<T>(ReadOnlySpan<T> p, Span<T> value) where T : IFloatingPointIeee754<T>
        {
            for (int i = 0; i < t.Length; i++) value[i] = p[0] * T.Exp(-p[1] * T.CreateChecked(t[i])) + p[2];
        }
    }

    [Fact]
    public void AbsoluteSigmaWithAutomaticDerivativesMatchesScipy()
    {
        // scipy 1.10.1: curve_fit(lambda t, a, b, c: a*np.exp(-b*t) + c, t, y, p0=[1, 1, 0], sigma=0.01 + 0.01*t,
        // absolute_sigma=True) with t = np.linspace(0, 4, 25), y = 2.5*exp(-1.3t) + 0.5 + 0.02*sin(7t). The covariance of
        // scipy's 'lm' path is at the last Jacobian before the final step (see above): agreement to 1e-5, relative.
        double[] expected = [2.506950229839142, 1.3022111209950782, 0.5000710559436196];
        double[,] covariance =
        {
            { 0.00018847501651315, -0.00010716993850996, -0.0001361862716115 },
            { -0.00010716993850996, 0.00034881288209082, 0.00019082551305097 },
            { -0.0001361862716115, 0.00019082551305097, 0.00016176582053765 },
        };
        var fit = CurveFit.FitPredictions(new ForwardModeVectorFunction(new ExponentialDecay(Times)), Decay, [1, 1, 0],
            new CurveFitOptions { Sigma = Sigma, AbsoluteSigma = true });
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], fit.Parameters[i], 1e-7);
            for (int j = 0; j < 3; j++) Relative(covariance[i, j], fit.Covariance[i, j], 1e-5);
        }
    }

    [Fact]
    public void BoundsSwitchToTrustRegionReflectiveAsScipy()
    {
        // scipy 1.10.1: the same with p0=[1, 1, 0.6], absolute_sigma=False, bounds=([0, 0, 0.55], [10, 10, 10]) (method 'trf').
        double[] expected = [2.4646256813962566, 1.3624021976362868, 0.55];
        double[,] covariance =
        {
            { 0.00020374181196425, -0.00011508913868475, -0.00014195884195051 },
            { -0.00011508913868475, 0.00042791286774425, 0.00021340863510285 },
            { -0.00014195884195051, 0.00021340863510285, 0.00016887981972248 },
        };
        var fit = CurveFit.Fit((t, p) => p[0] * Math.Exp(-p[1] * t) + p[2], Times, Decay, [1, 1, 0.6],
            new CurveFitOptions { Sigma = Sigma, Bounds = Bounds.Create([0, 0, 0.55], [10, 10, 10]) });
        Assert.Equal(TrustRegionReflective.MethodName, fit.Result.Method);
        Assert.Equal([2], fit.Result.ActiveBounds);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], fit.Parameters[i], 1e-6);
            for (int j = 0; j < 3; j++) Assert.Equal(covariance[i, j], fit.Covariance[i, j], 2e-8);
        }
    }

    [Fact]
    public void TooFewObservationsGiveAnInfiniteCovariance()
    {
        var fit = CurveFit.Fit(MichaelisMenten, [0.1, 1], [50, 150], [100, 0.1]);
        Assert.True(double.IsPositiveInfinity(fit.Covariance[0, 0]));
        Assert.True(double.IsPositiveInfinity(fit.ResidualVariance));
    }

    [Fact]
    public void BadDataThrowNamingTheArgument()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => CurveFit.Fit(MichaelisMenten, Concentration, Rate[..5], [200, 0.1])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            CurveFit.Fit(MichaelisMenten, Concentration, Rate, [200, 0.1], new CurveFitOptions { Sigma = Enumerable.Repeat(0.0, 12).ToArray() })).ParamName);
        Assert.Equal("t", Assert.Throws<ArgumentException>(() => CurveFit.Fit(MichaelisMenten, [double.NaN, 1], [1, 2], [1, 1])).ParamName);
    }
}
