using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.FiniteDifferences;

/// <summary>
/// One-call finite-difference derivatives of plain functions: gradients, derivatives of functions of one
/// variable, Jacobians, JVPs, Hessians and Hessian-vector products (Nocedal &amp; Wright, <i>Numerical
/// Optimization</i>, 2nd ed., §8.1). Each call allocates its buffers; for repeated use in a solver wrap the
/// function once with <see cref="FiniteDifferenceObjective"/> or <see cref="FiniteDifferenceVectorFunction"/>.
/// </summary>
public static class FiniteDifference
{
    /// <summary>
    /// Writes the gradient of <paramref name="f"/> at <paramref name="x"/>, one coordinate at a time:
    /// n + 1 evaluations (forward, backward), 2n (central). NaN when f(x) is evaluated and not finite.
    /// </summary>
    /// <param name="f">f(x).</param>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Destination, same length as <paramref name="x"/>.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    /// <exception cref="NonFiniteValueException">f is not finite at a perturbed point.</exception>
    public static void Gradient(ValueFunction f, ReadOnlySpan<double> x, Span<double> gradient, FiniteDifferenceOptions? options = null)
        => GradientCore(f, x, ReadOnlySpan<double>.Empty, gradient, Span<double>.Empty, options);

    /// <summary>
    /// Writes the gradient with f(x) already known: n evaluations for forward and backward differences
    /// (2n central, which does not use f(x)). NaN when <paramref name="valueAtX"/> is not finite.
    /// </summary>
    /// <param name="f">f(x).</param>
    /// <param name="x">The point.</param>
    /// <param name="valueAtX">f(x).</param>
    /// <param name="gradient">Destination, same length as <paramref name="x"/>.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static void Gradient(ValueFunction f, ReadOnlySpan<double> x, double valueAtX, Span<double> gradient,
        FiniteDifferenceOptions? options = null)
        => GradientCore(f, x, [valueAtX], gradient, Span<double>.Empty, options);

    /// <summary>Writes the gradient of an objective's values (see <see cref="Gradient(ValueFunction, ReadOnlySpan{double}, Span{double}, FiniteDifferenceOptions?)"/>).</summary>
    /// <param name="objective">The objective; only values are used.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="gradient">Destination of length n.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static void Gradient(IObjective objective, ReadOnlySpan<double> x, Span<double> gradient, FiniteDifferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Guard.Length(x.Length, objective.Dimension, nameof(x));
        GradientCore(objective.Value, x, ReadOnlySpan<double>.Empty, gradient, Span<double>.Empty, options);
    }

    /// <summary>Writes the gradient of an objective's values with f(x) already known (n evaluations for one-sided differences).</summary>
    /// <param name="objective">The objective; only values are used.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="valueAtX">f(x).</param>
    /// <param name="gradient">Destination of length n.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static void Gradient(IObjective objective, ReadOnlySpan<double> x, double valueAtX, Span<double> gradient,
        FiniteDifferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Guard.Length(x.Length, objective.Dimension, nameof(x));
        GradientCore(objective.Value, x, [valueAtX], gradient, Span<double>.Empty, options);
    }

    /// <summary>
    /// Writes the gradient and a per-component error estimate: Ridders' tableau estimate, or for forward,
    /// backward and central differences the change when the step is doubled (scaled by the formula's order)
    /// plus the round-off bound ε(|f₊| + |f₋|)/h — about twice the evaluations of the plain gradient.
    /// </summary>
    /// <param name="f">f(x).</param>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Destination, same length as <paramref name="x"/>.</param>
    /// <param name="errorEstimates">Destination, same length as <paramref name="x"/>.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static void GradientWithErrors(ValueFunction f, ReadOnlySpan<double> x, Span<double> gradient, Span<double> errorEstimates,
        FiniteDifferenceOptions? options = null)
    {
        Guard.Length(errorEstimates.Length, x.Length, nameof(errorEstimates));
        GradientCore(f, x, ReadOnlySpan<double>.Empty, gradient, errorEstimates, options);
    }

    /// <summary>The derivative of a function of one variable at <paramref name="x"/>, with its error estimate.</summary>
    /// <param name="f">f(x).</param>
    /// <param name="x">The point.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static DerivativeEstimate Derivative(Func<double, double> f, double x, FiniteDifferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Span<double> derivative = stackalloc double[1];
        Span<double> error = stackalloc double[1];
        GradientCore(y => f(y[0]), [x], ReadOnlySpan<double>.Empty, derivative, error, options);
        return new DerivativeEstimate(derivative[0], error[0]);
    }

    /// <summary>Writes the m×n Jacobian of <paramref name="function"/> (sparse recovery when the options carry a pattern).</summary>
    /// <param name="function">F, values only.</param>
    /// <param name="outputDimension">The number of outputs m.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="jacobian">Destination, an m×n matrix.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static void Jacobian(VectorValueFunction function, int outputDimension, ReadOnlySpan<double> x, Matrix<double> jacobian,
        FiniteDifferenceOptions? options = null)
        => new FiniteDifferenceVectorFunction(x.Length, outputDimension, function, options).Jacobian(x, jacobian);

    /// <summary>Writes the JVP J(x)·p of <paramref name="function"/>: one extra evaluation (forward) with F(x), two central.</summary>
    /// <param name="function">F, values only.</param>
    /// <param name="outputDimension">The number of outputs m.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="p">The direction, of length n.</param>
    /// <param name="result">Destination of length m.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static void JacobianVector(VectorValueFunction function, int outputDimension, ReadOnlySpan<double> x,
        ReadOnlySpan<double> p, Span<double> result, FiniteDifferenceOptions? options = null)
        => new FiniteDifferenceVectorFunction(x.Length, outputDimension, function, options).JacobianVector(x, p, result);

    /// <summary>Writes the Hessian from differences of the objective's gradients, symmetrized as ½(Ĥ + Ĥᵀ).</summary>
    /// <param name="objective">The objective with gradients.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="hessian">Destination, an n×n matrix.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static void Hessian(IGradientObjective objective, ReadOnlySpan<double> x, Matrix<double> hessian,
        FiniteDifferenceOptions? options = null)
        => FiniteDifferenceObjective.FromGradient(objective, options).Hessian(x, hessian);

    /// <summary>Writes the Hessian of <paramref name="f"/> from values only, by central second differences (2n² + 1 evaluations).</summary>
    /// <param name="f">f(x).</param>
    /// <param name="x">The point.</param>
    /// <param name="hessian">Destination, an n×n matrix.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static void HessianFromValues(ValueFunction f, ReadOnlySpan<double> x, Matrix<double> hessian,
        FiniteDifferenceOptions? options = null)
        => FiniteDifferenceObjective.Create(x.Length, f, options).Hessian(x, hessian);

    /// <summary>Writes ∇²f(x)·v from a difference of the objective's gradients along v (forward or central per the options).</summary>
    /// <param name="objective">The objective with gradients.</param>
    /// <param name="x">The point, of length n.</param>
    /// <param name="v">The direction, of length n.</param>
    /// <param name="result">Destination of length n.</param>
    /// <param name="options">Finite-difference options; <see cref="FiniteDifferenceOptions.Default"/> when null.</param>
    public static void HessianVector(IGradientObjective objective, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result,
        FiniteDifferenceOptions? options = null)
        => FiniteDifferenceObjective.FromGradient(objective, options).HessianVector(x, v, result);

    private static void GradientCore(ValueFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> valueAtX, Span<double> gradient,
        Span<double> errorEstimates, FiniteDifferenceOptions? options)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Positive(x.Length, nameof(x));
        Guard.Length(gradient.Length, x.Length, nameof(gradient));
        options ??= FiniteDifferenceOptions.Default;
        var engine = new DifferenceEngine(x.Length, 1, (y, value) => value[0] = f(y), options);
        engine.Columns(x, valueAtX, gradient, errorEstimates, StepSize.DefaultRelativeStep(options.Method));
    }
}
