using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.Analytic;

/// <summary>
/// The analytic provider: oracles built from hand-coded delegates. Each factory returns the
/// oracle type whose capabilities the given delegates support, and every call checks dimensions.
/// </summary>
/// <remarks>
/// An objective is safe to share between threads when its delegates are: the work buffers it adds (the gradient
/// buffer of a value computed through the fused delegate, the Hessian matrix of products computed through the
/// Hessian) are taken per call from a lock-free one-slot pool, never shared by two calls at once.
/// </remarks>
public static class AnalyticObjective
{
    /// <summary>An objective that gives values only.</summary>
    /// <param name="dimension">The number of variables n.</param>
    /// <param name="value">f(x).</param>
    public static IObjective Create(int dimension, ValueFunction value) => new ValueOnly(dimension, value);

    /// <summary>An objective from a plain array delegate, for convenience where only values are needed.</summary>
    /// <param name="dimension">The number of variables n.</param>
    /// <param name="value">f(x), given a fresh copy of x.</param>
    public static IObjective FromArrayFunction(int dimension, Func<double[], double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ValueOnly(dimension, x => value(x.ToArray()));
    }

    /// <summary>An objective with separate value and gradient delegates.</summary>
    /// <param name="dimension">The number of variables n.</param>
    /// <param name="value">f(x).</param>
    /// <param name="gradient">∇f(x).</param>
    public static IGradientObjective Create(int dimension, ValueFunction value, GradientFunction gradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        return new WithGradient(dimension, value, (x, g) => { gradient(x, g); return value(x); });
    }

    /// <summary>An objective with a fused value-and-gradient delegate (and optionally a cheaper value-only one).</summary>
    /// <param name="dimension">The number of variables n.</param>
    /// <param name="valueAndGradient">f(x) and ∇f(x) in one call.</param>
    /// <param name="value">f(x) alone; when null, computed through <paramref name="valueAndGradient"/>.</param>
    public static IGradientObjective Create(int dimension, ValueAndGradientFunction valueAndGradient, ValueFunction? value = null)
        => new WithGradient(dimension, value ?? ValueThrough(dimension, valueAndGradient), valueAndGradient);

    /// <summary>An objective with gradients and Hessian-vector products.</summary>
    /// <param name="dimension">The number of variables n.</param>
    /// <param name="value">f(x).</param>
    /// <param name="valueAndGradient">f(x) and ∇f(x) in one call.</param>
    /// <param name="hessianVector">∇²f(x)·v.</param>
    public static IHessianVectorObjective Create(
        int dimension, ValueFunction value, ValueAndGradientFunction valueAndGradient, HessianVectorFunction hessianVector)
        => new WithHessianVector(dimension, value, valueAndGradient, hessianVector);

    /// <summary>
    /// An objective with gradients and full Hessians; Hessian-vector products come from the Hessian
    /// (one n×n evaluation and a matrix-vector product each) unless <paramref name="hessianVector"/> is given.
    /// </summary>
    /// <param name="dimension">The number of variables n.</param>
    /// <param name="value">f(x).</param>
    /// <param name="valueAndGradient">f(x) and ∇f(x) in one call.</param>
    /// <param name="hessian">∇²f(x).</param>
    /// <param name="hessianVector">∇²f(x)·v; optional.</param>
    public static IHessianObjective Create(
        int dimension, ValueFunction value, ValueAndGradientFunction valueAndGradient,
        HessianFunction hessian, HessianVectorFunction? hessianVector = null)
        => new WithHessian(dimension, value, valueAndGradient, hessian, hessianVector);

    private static ValueFunction ValueThrough(int dimension, ValueAndGradientFunction valueAndGradient)
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        Guard.Positive(dimension, nameof(dimension));
        var scratch = new OneSlotPool<double[]>(() => new double[dimension]);
        return x =>
        {
            var gradient = scratch.Take();
            double value = valueAndGradient(x, gradient);
            scratch.Return(gradient);
            return value;
        };
    }

    /// <summary>
    /// Keeps one buffer for reuse: <see cref="Take"/> returns it (or a new one when another call holds it) and
    /// <see cref="Return"/> puts it back, so concurrent calls never share a buffer and a single thread allocates once.
    /// </summary>
    private sealed class OneSlotPool<T>(Func<T> create) where T : class
    {
        private T? kept;

        public T Take() => Interlocked.Exchange(ref kept, null) ?? create();

        public void Return(T item) => Volatile.Write(ref kept, item);
    }

    private class ValueOnly : IObjective
    {
        private readonly ValueFunction value;

        public ValueOnly(int dimension, ValueFunction value)
        {
            Guard.Positive(dimension, nameof(dimension));
            ArgumentNullException.ThrowIfNull(value);
            Dimension = dimension;
            this.value = value;
        }

        public int Dimension { get; }

        public double Value(ReadOnlySpan<double> x)
        {
            Guard.Length(x.Length, Dimension, nameof(x));
            return value(x);
        }
    }

    private class WithGradient(int dimension, ValueFunction value, ValueAndGradientFunction valueAndGradient)
        : ValueOnly(dimension, value), IGradientObjective
    {
        private readonly ValueAndGradientFunction valueAndGradient =
            valueAndGradient ?? throw new ArgumentNullException(nameof(valueAndGradient));

        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            Guard.Length(x.Length, Dimension, nameof(x));
            Guard.Length(gradient.Length, Dimension, nameof(gradient));
            return valueAndGradient(x, gradient);
        }
    }

    private class WithHessianVector(
        int dimension, ValueFunction value, ValueAndGradientFunction valueAndGradient, HessianVectorFunction hessianVector)
        : WithGradient(dimension, value, valueAndGradient), IHessianVectorObjective
    {
        private readonly HessianVectorFunction hessianVector =
            hessianVector ?? throw new ArgumentNullException(nameof(hessianVector));

        public void HessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
        {
            Guard.Length(x.Length, Dimension, nameof(x));
            Guard.Length(v.Length, Dimension, nameof(v));
            Guard.Length(result.Length, Dimension, nameof(result));
            hessianVector(x, v, result);
        }
    }

    private sealed class WithHessian : WithHessianVector, IHessianObjective
    {
        private readonly HessianFunction hessian;

        public WithHessian(int dimension, ValueFunction value, ValueAndGradientFunction valueAndGradient,
            HessianFunction hessian, HessianVectorFunction? hessianVector)
            : base(dimension, value, valueAndGradient, hessianVector ?? ProductThroughHessian(dimension, hessian))
            => this.hessian = hessian;

        public void Hessian(ReadOnlySpan<double> x, Matrix<double> result)
        {
            Guard.Length(x.Length, Dimension, nameof(x));
            Guard.Shape(result, Dimension, Dimension, nameof(result));
            hessian(x, result);
        }

        private static HessianVectorFunction ProductThroughHessian(int dimension, HessianFunction hessian)
        {
            ArgumentNullException.ThrowIfNull(hessian);
            Guard.Positive(dimension, nameof(dimension));
            var matrices = new OneSlotPool<Matrix<double>>(() => Matrix<double>.Build.Dense(dimension, dimension));
            return (x, v, result) =>
            {
                var h = matrices.Take();
                hessian(x, h);
                MatrixProducts.Multiply(h, v, result);
                matrices.Return(h);
            };
        }
    }
}
