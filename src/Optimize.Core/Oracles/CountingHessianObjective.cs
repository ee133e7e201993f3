using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Oracles;

/// <summary>A <see cref="CountingHessianVectorObjective"/> that also counts Hessians.</summary>
public sealed class CountingHessianObjective : CountingHessianVectorObjective, IHessianObjective
{
    private readonly IHessianObjective inner;

    /// <summary>Wraps <paramref name="objective"/>.</summary>
    /// <param name="objective">The objective to count.</param>
    public CountingHessianObjective(IHessianObjective objective) : base(objective) => inner = objective;

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(hessian, Dimension, Dimension, nameof(hessian));
        hessians++;
        inner.Hessian(x, hessian);
    }
}
