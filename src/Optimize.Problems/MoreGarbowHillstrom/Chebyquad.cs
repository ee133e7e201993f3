using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems.MoreGarbowHillstrom;

/// <summary>
/// Fletcher's Chebyquad function (MGH problem 35), with m = n unless given (MINPACK's lmder test driver also runs
/// n = 1, m = 8): rᵢ = (1/n)Σⱼ Tᵢ(xⱼ) − ∫₀¹Tᵢ, where Tᵢ is the
/// Chebyshev polynomial shifted to [0, 1] and ∫₀¹Tᵢ = 0 for odd i, −1/(i² − 1) for even i; start xⱼ = j/(n + 1);
/// minimum 3.51687…·10⁻³ (n = 8), 0 (n = 9), 6.50395…·10⁻³ (n = 10) (Fletcher 1965; Moré, Garbow &amp; Hillstrom 1981).
/// </summary>
public sealed partial class Chebyquad : SumOfSquaresProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public Chebyquad(int dimension) : this(dimension, dimension)
    {
    }

    /// <summary>Creates the problem in <paramref name="dimension"/> variables with <paramref name="residuals"/> residuals.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    /// <param name="residuals">m ≥ n.</param>
    public Chebyquad(int dimension, int residuals)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(residuals, dimension);
        Dimension = dimension;
        ResidualCount = residuals;
    }

    /// <inheritdoc/>
    public override string Name => "chebyquad";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override int ResidualCount { get; }
    /// <inheritdoc/>
    public override double[] StartingPoint => Enumerable.Range(1, Dimension).Select(j => j / (Dimension + 1.0)).ToArray();
    /// <summary>
    /// f* for m = n = 8, 9, 10: MINPACK's lmder test output, final residual norms squared for n = 8 and 10
    /// (0.059303236, 0.080647100; MGH print 3.51687·10⁻³ and 6.50395·10⁻³) and 0 for n = 9; null otherwise.
    /// </summary>
    public override double? KnownMinimum => ResidualCount != Dimension ? null : Dimension switch
    {
        8 => 0.059303236 * 0.059303236,
        9 => 0,
        10 => 0.080647100 * 0.080647100,
        _ => null,
    };
    /// <inheritdoc/>
    public override string Source => "Fletcher (1965); Moré, Garbow & Hillstrom (1981), problem 35";

    private static double Integral(int index)
    {
        int i = index + 1;
        return i % 2 == 1 ? 0 : -1.0 / (i * i - 1.0);
    }

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Residual<T>(int index, ReadOnlySpan<T> x)
    {
        ResidualIndex.Check(index, ResidualCount);
        T sum = T.Zero;
        foreach (T xj in x)
        {
            T y = C<T>(2) * xj - T.One, previous = T.One, current = y;
            for (int k = 0; k < index; k++)
            {
                T next = C<T>(2) * y * current - previous;
                previous = current;
                current = next;
            }
            sum += current;
        }
        return sum / C<T>(Dimension) - C<T>(Integral(index));
    }

    /// <summary>
    /// Tᵢ(x), Tᵢ′(x) and Tᵢ″(x) for i = 1…m, by the recurrence Tₖ₊₁ = 2yTₖ − Tₖ₋₁ with y = 2x − 1 (so dy/dx = 2).
    /// </summary>
    private void Polynomials(double x, Span<double> first, Span<double> second)
    {
        double y = 2 * x - 1;
        double t0 = 1, d0 = 0, s0 = 0, t1 = y, d1 = 2, s1 = 0;
        for (int i = 0; i < ResidualCount; i++)
        {
            first[i] = d1;
            second[i] = s1;
            double t2 = 2 * y * t1 - t0, d2 = 4 * t1 + 2 * y * d1 - d0, s2 = 8 * d1 + 2 * y * s1 - s0;
            (t0, d0, s0, t1, d1, s1) = (t1, d1, s1, t2, d2, s2);
        }
    }

    /// <inheritdoc/>
    public override void ResidualJacobian(ReadOnlySpan<double> x, Matrix<double> jacobian)
    {
        Span<double> first = stackalloc double[ResidualCount], second = stackalloc double[ResidualCount];
        for (int j = 0; j < Dimension; j++)
        {
            Polynomials(x[j], first, second);
            for (int i = 0; i < ResidualCount; i++) jacobian[i, j] = first[i] / Dimension;
        }
    }

    /// <inheritdoc/>
    protected override void AddResidualCurvature(ReadOnlySpan<double> x, ReadOnlySpan<double> residuals, Matrix<double> hessian)
    {
        Span<double> first = stackalloc double[ResidualCount], second = stackalloc double[ResidualCount];
        for (int j = 0; j < Dimension; j++)
        {
            Polynomials(x[j], first, second);
            double sum = 0;
            for (int i = 0; i < ResidualCount; i++) sum += residuals[i] * second[i];
            hessian[j, j] += sum / Dimension;
        }
    }
}
