using MathNet.Numerics.LinearAlgebra;
using Optimize.FiniteDifferences;
using Optimize.Oracles;

namespace Optimize.Solvers;

/// <summary>
/// Turns a <see cref="NonFiniteValueException"/> of a derivative provider (f finite at x but not at a perturbed
/// point) into NaN results, so that solvers treat it like any other non-finite value: a smaller step, or
/// <see cref="TerminationReason.NonFiniteValue"/>. Layered over the counting wrapper with the same capabilities.
/// </summary>
internal class NonFiniteGuard(IObjective inner) : IObjective
{
    public int Dimension => inner.Dimension;

    public static IObjective Wrap(IObjective objective) => objective switch
    {
        IHessianObjective hessian => new GuardedHessian(hessian),
        IHessianVectorObjective hessianVector => new GuardedHessianVector(hessianVector),
        IGradientObjective gradient => new GuardedGradient(gradient),
        _ => new NonFiniteGuard(objective),
    };

    public double Value(ReadOnlySpan<double> x)
    {
        try
        {
            return inner.Value(x);
        }
        catch (NonFiniteValueException)
        {
            return double.NaN;
        }
    }

    private class GuardedGradient(IGradientObjective inner) : NonFiniteGuard(inner), IGradientObjective
    {
        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            try
            {
                return inner.ValueAndGradient(x, gradient);
            }
            catch (NonFiniteValueException)
            {
                gradient.Fill(double.NaN);
                return double.NaN;
            }
        }
    }

    private class GuardedHessianVector(IHessianVectorObjective inner) : GuardedGradient(inner), IHessianVectorObjective
    {
        public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
        {
            try
            {
                inner.HessianVector(x, v, result);
            }
            catch (NonFiniteValueException)
            {
                result.Fill(double.NaN);
            }
        }
    }

    private sealed class GuardedHessian(IHessianObjective inner) : GuardedHessianVector(inner), IHessianObjective
    {
        public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian)
        {
            try
            {
                inner.Hessian(x, hessian);
            }
            catch (NonFiniteValueException)
            {
                hessian.Clear();
                hessian.Add(double.NaN, hessian);
            }
        }
    }
}
