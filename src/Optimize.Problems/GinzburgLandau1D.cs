using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>
/// The one-dimensional Ginzburg–Landau (Allen–Cahn) energy E(u) = ∫ ½u′² + ¼(u² − 1)² dx on an interval of length
/// L with u = −1 at the left end and u = +1 at the right, discretized by finite differences on n interior nodes,
/// h = L/(n + 1): f(u) = Σᵢ₌₀ⁿ (uᵢ₊₁ − uᵢ)²/(2h) + h Σᵢ₌₁ⁿ (uᵢ² − 1)²/4 with u₀ = −1, uₙ₊₁ = 1. Its Hessian is
/// tridiagonal (1/h)·tridiag(−1, 2, −1) + h·diag(3uᵢ² − 1), stiff (condition number of order (L/h)²) and indefinite
/// where |uᵢ| &lt; 1/√3; the minimizer is the discrete domain wall close to tanh(x/√2).
/// </summary>
/// <remarks>
/// A banded problem for sparse Hessians: a star colouring of the tridiagonal pattern needs three colours whatever n,
/// so the Hessian costs three Hessian-vector products. Start: uᵢ = tanh(xᵢ), a wall √2 times narrower than the
/// minimizer's, where the Hessian is positive definite (from the straight line between the end values it is
/// indefinite over the middle of the interval).
/// </remarks>
public sealed partial class GinzburgLandau1D : TestProblem
{
    private readonly double h;

    /// <summary>Creates the problem on <paramref name="dimension"/> interior nodes of an interval of length <paramref name="length"/>.</summary>
    /// <param name="dimension">The number of unknowns n ≥ 1.</param>
    /// <param name="length">The interval's length L &gt; 0 (default 20, ten units of the wall's width either side).</param>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, or L is not positive and finite.</exception>
    public GinzburgLandau1D(int dimension, double length = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!(length > 0) || !double.IsFinite(length))
            throw new ArgumentOutOfRangeException(nameof(length), length, "length must be positive and finite.");
        Dimension = dimension;
        Length = length;
        h = length / (dimension + 1);
    }

    /// <summary>The interval's length L.</summary>
    public double Length { get; }

    /// <inheritdoc/>
    public override string Name => "ginzburg-landau-1d";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override double[] StartingPoint
    {
        get
        {
            var u = new double[Dimension];
            for (int i = 0; i < Dimension; i++) u[i] = Math.Tanh((i + 1) * h - Length / 2);
            return u;
        }
    }
    /// <inheritdoc/>
    public override string Source => "Ginzburg–Landau (Allen–Cahn) free energy in one dimension, central differences";

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T gradientWeight = C<T>(0.5 / h), potentialWeight = C<T>(0.25 * h), one = T.One, previous = -one, sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            T u = x[i], d = u - previous, w = u * u - one;
            sum += gradientWeight * d * d + potentialWeight * w * w;
            previous = u;
        }
        T last = one - previous;
        return sum + gradientWeight * last * last;
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int n = x.Length;
        double sum = 0, previous = -1;
        for (int i = 0; i < n; i++)
        {
            double u = x[i], d = u - previous, w = u * u - 1, next = i + 1 < n ? x[i + 1] : 1;
            sum += 0.5 / h * d * d + 0.25 * h * w * w;
            gradient[i] = (2 * u - previous - next) / h + h * u * w;
            previous = u;
        }
        double last = 1 - previous;
        return sum + 0.5 / h * last * last;
    }

    /// <inheritdoc/>
    protected override void ComputeHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            double u = x[i], left = i > 0 ? v[i - 1] : 0, right = i + 1 < n ? v[i + 1] : 0;
            result[i] = (2 * v[i] - left - right) / h + h * (3 * u * u - 1) * v[i];
        }
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        hessian.Clear();
        for (int i = 0; i < x.Length; i++)
        {
            hessian[i, i] = 2 / h + h * (3 * x[i] * x[i] - 1);
            if (i + 1 < x.Length) hessian[i, i + 1] = hessian[i + 1, i] = -1 / h;
        }
    }
}
