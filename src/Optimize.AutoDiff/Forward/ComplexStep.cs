using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.AutoDiff.Forward;

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

    /// <summary>
    /// Writes a sparse Jacobian of F: ℝⁿ → ℝᵐ by one complex evaluation per colour of
    /// <paramref name="coloring"/>: every column of a colour is perturbed by ih at once, and because the
    /// columns of a colour are structurally orthogonal (Curtis, Powell &amp; Reid 1974) each row of
    /// Im F(x + ih·Σⱼ eⱼ) / h holds exactly one of their entries. Accurate to round-off for analytic F,
    /// in as many evaluations as there are colours, not n.
    /// </summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="coloring">A structurally orthogonal column colouring of J's m×n sparsity pattern.</param>
    /// <param name="jacobian">Destination m×n matrix; entries outside the pattern are set to zero.</param>
    /// <param name="h">The imaginary step; positive.</param>
    public static void SparseJacobian(IVectorScalarFunction f, ReadOnlySpan<double> x, ColumnColoring coloring, Matrix<double> jacobian, double h = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(coloring);
        int n = f.Dimension, m = f.OutputDimension;
        Guard.Length(x.Length, n, nameof(x));
        Guard.Shape(jacobian, m, n, nameof(jacobian));
        if (coloring.Pattern.Rows != m || coloring.Pattern.Columns != n)
            throw new ArgumentException(
                $"coloring is for a {coloring.Pattern.Rows}×{coloring.Pattern.Columns} pattern; expected {m}×{n}.", nameof(coloring));
        CheckStep(h);
        ComplexScalar[] input = Scratch<ComplexScalar>.Rent(n), output = Scratch<ComplexScalar>.Rent(m);
        try
        {
            Span<ComplexScalar> z = input.AsSpan(0, n), y = output.AsSpan(0, m);
            for (int i = 0; i < n; i++) z[i] = ComplexScalar.Constant(x[i]);
            jacobian.Clear();
            for (int color = 0; color < coloring.ColorCount; color++)
            {
                var columns = coloring.ColumnsOf(color);
                foreach (int j in columns) z[j] = new ComplexScalar(x[j], h);
                f.Evaluate<ComplexScalar>(z, y);
                foreach (int j in columns)
                {
                    z[j] = ComplexScalar.Constant(x[j]);
                    foreach (int i in coloring.Pattern.RowsOf(j)) jacobian[i, j] = y[i].Imaginary / h;
                }
            }
        }
        finally
        {
            Scratch<ComplexScalar>.Return(input);
            Scratch<ComplexScalar>.Return(output);
        }
    }

    private static void CheckStep(double h)
    {
        if (!(h > 0) || !double.IsFinite(h))
            throw new ArgumentOutOfRangeException(nameof(h), h, "h must be a positive finite step.");
    }
}
