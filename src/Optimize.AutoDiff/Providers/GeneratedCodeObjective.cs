using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.AutoDiff;

/// <summary>
/// The whole objective contract from a function whose derivative code was written at compile time by the
/// derivative generator (<see cref="GenerateDerivativesAttribute"/>): the gradient by the generated adjoint
/// code (reverse mode by source transformation, as in Tapenade; Hascoët &amp; Pascual 2013), which stores no
/// tape; Hv by running that adjoint code over dual numbers (forward over reverse), and the Hessian by n
/// Hessian-vector products.
/// </summary>
public sealed class GeneratedCodeObjective : ScalarFunctionObjective, IHessianObjective
{
    private readonly IGeneratedDerivatives generated;

    /// <summary>Uses the generated derivatives of <paramref name="function"/>.</summary>
    /// <param name="function">A function whose <c>Evaluate&lt;T&gt;</c> is marked <see cref="GenerateDerivativesAttribute"/>.</param>
    public GeneratedCodeObjective(IGeneratedDerivatives function) : base(function) => generated = function;

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        return generated.EvaluateGradient(x, gradient);
    }

    /// <summary>f(x) and the directional derivative ∇f(x)·p by the generated tangent code (forward mode).</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="direction">The direction p, of length n.</param>
    /// <param name="derivative">∇f(x)·p.</param>
    /// <returns>f(x).</returns>
    public double ValueAndDirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(direction.Length, Dimension, nameof(direction));
        return generated.EvaluateDirectionalDerivative(x, direction, out derivative);
    }

    /// <summary>
    /// ∇²f(x)·v by forward mode over the generated reverse mode: the generated adjoint code runs once over dual
    /// numbers x + εv, and the tangents of its gradient are ∇²f(x)·v (Pearlmutter 1994; Griewank &amp; Walther
    /// 2008, §5.2). No tape is recorded.
    /// </summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length n for ∇²f(x)·v.</param>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(v.Length, Dimension, nameof(v));
        Guard.Length(result.Length, Dimension, nameof(result));
        int n = x.Length;
        Dual<double>[] inputs = Scratch<Dual<double>>.Rent(n), gradient = Scratch<Dual<double>>.Rent(n);
        try
        {
            ForwardMode.Seed(x, v, inputs.AsSpan(0, n));
            generated.EvaluateGradient<Dual<double>>(inputs.AsSpan(0, n), gradient.AsSpan(0, n));
            for (int i = 0; i < n; i++) result[i] = gradient[i].Tangent;
        }
        finally
        {
            Scratch<Dual<double>>.Return(gradient);
            Scratch<Dual<double>>.Return(inputs);
        }
    }

    /// <summary>The Hessian column by column, ∇²f(x)·eⱼ, each by <see cref="HessianVector"/>; then symmetrized as ½(H + Hᵀ).</summary>
    /// <param name="x">The point, of length n.</param>
    /// <param name="hessian">Destination n×n matrix; every entry is overwritten.</param>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(hessian, Dimension, Dimension, nameof(hessian));
        int n = x.Length;
        var unit = new double[n];
        var column = new double[n];
        for (int j = 0; j < n; j++)
        {
            unit[j] = 1;
            HessianVector(x, unit, column);
            unit[j] = 0;
            for (int i = 0; i < n; i++) hessian[i, j] = column[i];
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                hessian[i, j] = hessian[j, i] = 0.5 * (hessian[i, j] + hessian[j, i]);
    }
}
