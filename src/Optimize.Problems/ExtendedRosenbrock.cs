using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>
/// The extended Rosenbrock function, f(x) = Σₖ 100(x₂ₖ − x₂ₖ₋₁²)² + (1 − x₂ₖ₋₁)² over n/2 independent
/// pairs (MGH problem 21); with n = 2 it is Rosenbrock's banana valley (Rosenbrock 1960).
/// Minimum 0 at (1, …, 1); the standard start repeats (−1.2, 1).
/// </summary>
public sealed partial class ExtendedRosenbrock : TestProblem
{
    /// <summary>Creates the problem in <paramref name="dimension"/> variables.</summary>
    /// <param name="dimension">An even n ≥ 2.</param>
    public ExtendedRosenbrock(int dimension)
    {
        if (dimension < 2 || dimension % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be even and at least 2.");
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Name => Dimension == 2 ? "rosenbrock" : "extended-rosenbrock";
    /// <inheritdoc/>
    public override int Dimension { get; }
    /// <inheritdoc/>
    public override double[] StartingPoint
    {
        get
        {
            var x = new double[Dimension];
            for (int i = 0; i < Dimension; i += 2) { x[i] = -1.2; x[i + 1] = 1; }
            return x;
        }
    }
    /// <inheritdoc/>
    public override double? KnownMinimum => 0;
    /// <inheritdoc/>
    public override double[]? KnownMinimizer => Enumerable.Repeat(1.0, Dimension).ToArray();
    /// <inheritdoc/>
    public override string Source => "Rosenbrock (1960); Moré, Garbow & Hillstrom (1981), problem 21";

    /// <summary>The same function declared as a sum of n/2 two-variable terms, for term-by-term differentiation.</summary>
    public ExtendedRosenbrockTerms Terms => new(Dimension);

    /// <summary>Σᵢ 100(x₂ᵢ − x₂ᵢ₋₁²)² + (1 − x₂ᵢ₋₁)², i = 1 … n/2, term for term the sum <see cref="Evaluate{T}"/> computes.</summary>
    public override string ClosedForm
    {
        get
        {
            var text = new StringBuilder();
            for (int i = 1; i < Dimension; i += 2)
            {
                if (text.Length > 0) text.Append(" + ");
                text.Append(CultureInfo.InvariantCulture, $"100*(x{i + 1} - x{i}^2)^2 + (1 - x{i})^2");
            }
            return text.ToString();
        }
    }

    /// <inheritdoc/>
    [GenerateDerivatives]
    public override T Evaluate<T>(ReadOnlySpan<T> x)
    {
        T hundred = C<T>(100), sum = T.Zero;
        for (int i = 0; i < x.Length; i += 2)
        {
            T a = x[i], t = x[i + 1] - a * a, s = T.One - a;
            sum += hundred * t * t + s * s;
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i += 2)
        {
            double a = x[i], t = x[i + 1] - a * a, s = 1 - a;
            sum += 100 * t * t + s * s;
            gradient[i] = -400 * a * t - 2 * s;
            gradient[i + 1] = 200 * t;
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override void ComputeHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i < x.Length; i += 2)
        {
            double a = x[i], b = x[i + 1];
            double haa = 1200 * a * a - 400 * b + 2, hab = -400 * a;
            result[i] = haa * v[i] + hab * v[i + 1];
            result[i + 1] = hab * v[i] + 200 * v[i + 1];
        }
    }

    /// <inheritdoc/>
    protected override void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        hessian.Clear();
        for (int i = 0; i < x.Length; i += 2)
        {
            double a = x[i], b = x[i + 1];
            hessian[i, i] = 1200 * a * a - 400 * b + 2;
            hessian[i, i + 1] = hessian[i + 1, i] = -400 * a;
            hessian[i + 1, i + 1] = 200;
        }
    }
}
