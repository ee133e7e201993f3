using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Cli.Sources;

/// <summary>
/// An oracle whose derivatives come from compiled code (hand-coded or symbolic) and whose value-only calls go
/// through the counted function, so that every source reports evaluations of f the same way; the compiled
/// derivative calls are not evaluations of f and are not counted there.
/// </summary>
internal sealed class CountedValueObjective(CountedFunction function, IHessianObjective derivatives) : IHessianObjective
{
    public int Dimension => function.Dimension;

    public double Value(ReadOnlySpan<double> x) => function.Value(x);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => derivatives.ValueAndGradient(x, gradient);

    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) =>
        derivatives.HessianVector(x, v, result);

    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian) => derivatives.Hessian(x, hessian);
}
