using Optimize.Oracles;

namespace Optimize.AutoDiff;

/// <summary>
/// Complex-step differentiation of functions written once over the generic scalar (Squire &amp; Trapp 1998;
/// Martins, Sturdza &amp; Alonso 2003): ∂f/∂xᵢ = Im f(x + ih·eᵢ) / h, one complex evaluation per input,
/// accurate to round-off for analytic f because no difference of nearby values is formed.
/// </summary>
public static class ComplexStep
{
    /// <summary>The default step h = 1e-20: the O(h²) truncation error is far below double round-off.</summary>
    public const double DefaultStep = 1e-20;

    /// <summary>f′(x) = Im f(x + ih) / h of a one-dimensional function.</summary>
    /// <param name="f">The function, written over <see cref="ComplexScalar"/>.</param>
    /// <param name="x">The point.</param>
    /// <param name="h">The imaginary step; positive.</param>
    public static double Derivative(Func<ComplexScalar, ComplexScalar> f, double x, double h = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckStep(h);
        return f(new ComplexScalar(x, h)).Imaginary / h;
    }

    /// <summary>Writes ∇f(x) by n complex evaluations and returns f(x).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n.</param>
    /// <param name="h">The imaginary step; positive.</param>
    public static double Gradient(IScalarFunction f, ReadOnlySpan<double> x, Span<double> gradient, double h = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
        Guard.Length(gradient.Length, x.Length, nameof(gradient));
        CheckStep(h);
        int n = x.Length;
        ComplexScalar[] buffer = Scratch<ComplexScalar>.Rent(n);
        try
        {
            Span<ComplexScalar> z = buffer.AsSpan(0, n);
            for (int i = 0; i < n; i++) z[i] = ComplexScalar.Constant(x[i]);
            double value = n == 0 ? f.Evaluate(x) : 0;
            for (int i = 0; i < n; i++)
            {
                z[i] = new ComplexScalar(x[i], h);
                ComplexScalar y = f.Evaluate<ComplexScalar>(z);
                gradient[i] = y.Imaginary / h;
                value = y.Value;
                z[i] = ComplexScalar.Constant(x[i]);
            }
            return value;
        }
        finally { Scratch<ComplexScalar>.Return(buffer); }
    }

    private static void CheckStep(double h)
    {
        if (!(h > 0) || !double.IsFinite(h))
            throw new ArgumentOutOfRangeException(nameof(h), h, "h must be a positive finite step.");
    }
}
