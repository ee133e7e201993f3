using Optimize.Oracles;

namespace Optimize.Solvers.Tests.Support;

/// <summary>Forwards gradients and Hessian-vector products but deliberately does not implement <see cref="IHessianObjective"/>.</summary>
internal sealed class HessianVectorOnly(IHessianVectorObjective inner) : IHessianVectorObjective
{
    public int Dimension => inner.Dimension;
    public double Value(ReadOnlySpan<double> x) => inner.Value(x);
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => inner.ValueAndGradient(x, gradient);
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) => inner.HessianVector(x, v, result);
}

/// <summary>Forwards values and gradients only.</summary>
internal sealed class GradientOnly(IGradientObjective inner) : IGradientObjective
{
    public int Dimension => inner.Dimension;
    public double Value(ReadOnlySpan<double> x) => inner.Value(x);
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => inner.ValueAndGradient(x, gradient);
}

/// <summary>Forwards values only.</summary>
internal sealed class ValueOnly(IObjective inner) : IObjective
{
    public int Dimension => inner.Dimension;
    public double Value(ReadOnlySpan<double> x) => inner.Value(x);
}
