using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.AutoDiff;

/// <summary>
/// Derivatives by the code the derivative generator wrote at compile time (<see cref="GenerateDerivativesAttribute"/>):
/// the gradient by the generated adjoint code (reverse mode by source transformation, as in Tapenade; Hascoët &amp;
/// Pascual 2013), which stores no tape; the directional derivative by the generated tangent code; Hessian-vector
/// products by the generated second-order adjoint code, the tangent of the adjoint code written in doubles.
/// <see cref="Differentiate"/> uses these for every function that carries generated code.
/// </summary>
public static class GeneratedCode
{
    /// <summary>f(x) and ∇f(x) by the generated adjoint code.</summary>
    /// <param name="f">The function, with generated derivative code.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n for ∇f(x).</param>
    /// <returns>f(x).</returns>
    public static double ValueAndGradient(IGeneratedDerivatives f, ReadOnlySpan<double> x, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
        Guard.Length(gradient.Length, f.Dimension, nameof(gradient));
        return f.EvaluateGradient(x, gradient);
    }

    /// <summary>f(x) and the directional derivative ∇f(x)·p by the generated tangent code (forward mode).</summary>
    /// <param name="f">The function, with generated derivative code.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="direction">The direction p, of length n.</param>
    /// <param name="derivative">∇f(x)·p.</param>
    /// <returns>f(x).</returns>
    public static double ValueAndDirectionalDerivative(IGeneratedDerivatives f, ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
        Guard.Length(direction.Length, f.Dimension, nameof(direction));
        return f.EvaluateDirectionalDerivative(x, direction, out derivative);
    }

    /// <summary>
    /// ∇²f(x)·v by the generated second-order adjoint code (<see cref="IGeneratedDerivatives.EvaluateHessianVector"/>):
    /// the tangent of the adjoint code, written in doubles, runs one forward sweep carrying the values and their
    /// tangents along v and one backward sweep carrying the adjoints and their tangents (Griewank &amp; Walther 2008,
    /// §5.4; Naumann 2012, ch. 3). No tape is recorded and no dual numbers are used.
    /// </summary>
    /// <param name="f">The function, with generated derivative code.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length n for ∇²f(x)·v.</param>
    /// <returns>f(x).</returns>
    public static double HessianVector(IGeneratedDerivatives f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
        Guard.Length(v.Length, f.Dimension, nameof(v));
        Guard.Length(result.Length, f.Dimension, nameof(result));
        return f.EvaluateHessianVector(x, v, [], result);
    }

    /// <summary>The Hessian column by column, ∇²f(x)·eⱼ, each by <see cref="HessianVector"/>; then symmetrized as ½(H + Hᵀ).</summary>
    /// <param name="f">The function, with generated derivative code.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="hessian">Destination n×n matrix; every entry is overwritten.</param>
    public static void Hessian(IGeneratedDerivatives f, ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(x.Length, f.Dimension, nameof(x));
        Guard.Shape(hessian, f.Dimension, f.Dimension, nameof(hessian));
        int n = x.Length;
        var unit = new double[n];
        var column = new double[n];
        for (int j = 0; j < n; j++)
        {
            // n products take long at large n: stop, with NaN and a reported failure, when the caller cancels.
            if (EvaluationCancellation.AbandonIfRequested(hessian)) return;
            unit[j] = 1;
            HessianVector(f, x, unit, column);
            unit[j] = 0;
            for (int i = 0; i < n; i++) hessian[i, j] = column[i];
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                hessian[i, j] = hessian[j, i] = 0.5 * (hessian[i, j] + hessian[j, i]);
    }
}
