using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Cli.Sources;

/// <summary>
/// The hand-coded oracle of a test problem, with its value-only calls routed through the counted function
/// so that every source reports evaluations of f the same way; the hand-coded derivative calls are not
/// evaluations of f and are not counted there.
/// </summary>
internal sealed class HandCodedObjective(CountedFunction function) : IHessianObjective
{
    public int Dimension => function.Dimension;

    public double Value(ReadOnlySpan<double> x) => function.Value(x);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => function.Problem.ValueAndGradient(x, gradient);

    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) =>
        function.Problem.HessianVector(x, v, result);

    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian) => function.Problem.Hessian(x, hessian);
}
