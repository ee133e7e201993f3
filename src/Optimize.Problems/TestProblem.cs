using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Problems;

/// <summary>
/// A standard test problem: the objective written once over the generic scalar type
/// (<see cref="IScalarFunction"/>), and its value, gradient, Hessian-vector product and Hessian
/// written by hand (<see cref="IHessianObjective"/>), with a standard start and, where one is known,
/// the minimum, and where it has one, its closed form as text (<see cref="ClosedForm"/>).
/// </summary>
public abstract class TestProblem : IHessianObjective, IClosedFormFunction
{
    /// <summary>The problem's name, as the command line and the tables print it.</summary>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract int Dimension { get; }

    /// <summary>The standard starting point (a fresh copy on each call).</summary>
    public abstract double[] StartingPoint { get; }

    /// <summary>The minimum value f*, where known; null where the problem has none or it is not known.</summary>
    public virtual double? KnownMinimum => null;

    /// <summary>A minimizer x*, where known (a fresh copy on each call).</summary>
    public virtual double[]? KnownMinimizer => null;

    /// <summary>Where the problem comes from.</summary>
    public abstract string Source { get; }

    /// <summary>
    /// The objective as text over x1 … xn (see <see cref="IClosedFormFunction"/>), term for term the sum
    /// <see cref="Evaluate{T}"/> computes; null for problems defined by data (quadratics, least squares,
    /// networks) or by branches (the helical valley). The symbolic derivative source reads it.
    /// </summary>
    public virtual string? ClosedForm => null;

    /// <inheritdoc/>
    public abstract T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        return Evaluate(x);
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(gradient.Length, Dimension, nameof(gradient));
        return ComputeValueAndGradient(x, gradient);
    }

    /// <inheritdoc/>
    public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(v.Length, Dimension, nameof(v));
        Guard.Length(result.Length, Dimension, nameof(result));
        ComputeHessianVector(x, v, result);
    }

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> x, Matrix<double> hessian)
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Shape(hessian, Dimension, Dimension, nameof(hessian));
        ComputeHessian(x, hessian);
    }

    /// <summary>The hand-coded value and gradient; arguments are already checked.</summary>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Destination for ∇f(x).</param>
    protected abstract double ComputeValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>The hand-coded Hessian; arguments are already checked.</summary>
    /// <param name="x">The point.</param>
    /// <param name="hessian">Destination n×n matrix.</param>
    protected abstract void ComputeHessian(ReadOnlySpan<double> x, Matrix<double> hessian);

    /// <summary>
    /// The hand-coded Hessian-vector product; arguments are already checked. The default multiplies
    /// the hand-coded Hessian, which suits small problems; large ones override it with a direct formula.
    /// </summary>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction.</param>
    /// <param name="result">Destination for ∇²f(x)·v.</param>
    protected virtual void ComputeHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        var hessian = Matrix<double>.Build.Dense(Dimension, Dimension);
        ComputeHessian(x, hessian);
        MatrixProducts.Multiply(hessian, v, result);
    }

    /// <summary>A constant of the generic scalar type.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="value">The constant.</param>
    protected static T C<T>(double value) where T : IFloatingPointIeee754<T> => T.CreateChecked(value);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (n = {Dimension})";
}
