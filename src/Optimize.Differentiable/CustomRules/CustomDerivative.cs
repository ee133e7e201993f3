using System.Buffers;
using System.Numerics;
using Optimize.AutoDiff;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Differentiable.CustomRules;

/// <summary>
/// A function F: ℝⁿ → ℝᵐ given as plain double code together with its own derivative rule (a JVP, a VJP or
/// both), usable inside any program written over the generic scalar: the counterpart of JAX's
/// <c>custom_jvp</c>/<c>custom_vjp</c> and PyTorch's <c>autograd.Function</c>. It serves external code that AD
/// cannot see through, and derivatives that are numerically better than differentiating the evaluation.
/// </summary>
/// <remarks>
/// <para>On <see cref="double"/> it just evaluates. On <c>Dual&lt;double&gt;</c> it propagates the tangent with one
/// JVP. On the other first-order AD types (any <see cref="IDifferentiableScalar{TSelf, TPrimal}"/> whose primal is
/// <see cref="double"/>: <see cref="Variable"/>, <see cref="DualVector{TChunk}"/>, …) it forms the Jacobian —
/// by m VJPs (one for a scalar output) or n JVPs, whichever is fewer — and applies the chain rule
/// yⱼ = Σᵢ ∂Fⱼ/∂xᵢ · xᵢ through the type's <c>Unary</c>/<c>Binary</c> rules, so on a tape each output becomes
/// a short chain of nodes whose partials are the user's derivatives (Griewank &amp; Walther,
/// <i>Evaluating Derivatives</i>, §3.2: any elemental with known partials may enter the tape).</para>
/// <para>On <see cref="Variable"/> the rule runs while the thread's tape is recording, and recording cannot be
/// nested: a rule may use forward mode internally but not <see cref="ReverseMode"/> on the same thread.</para>
/// <para>Second-order types (<c>Dual&lt;Variable&gt;</c>, <c>Dual&lt;Dual&lt;double&gt;&gt;</c>) would need derivatives
/// of the user's rule itself and are refused with <see cref="NotSupportedException"/>.</para>
/// </remarks>
public sealed class CustomDerivative : IVectorScalarFunction
{
    private readonly VectorValueFunction value;
    private readonly JacobianVectorProduct? jvp;
    private readonly VectorJacobianProduct? vjp;

    private CustomDerivative(int inputs, int outputs, VectorValueFunction value, JacobianVectorProduct? jvp, VectorJacobianProduct? vjp)
    {
        Guard.Positive(inputs, nameof(inputs));
        Guard.Positive(outputs, nameof(outputs));
        ArgumentNullException.ThrowIfNull(value);
        Dimension = inputs;
        OutputDimension = outputs;
        this.value = value;
        this.jvp = jvp;
        this.vjp = vjp;
    }

    /// <summary>A function with a user VJP (reverse rule); forward mode uses it too, through m VJPs.</summary>
    /// <param name="inputs">n.</param>
    /// <param name="outputs">m.</param>
    /// <param name="value">F in double code.</param>
    /// <param name="vjp">x̄ = ȳᵀJ(x).</param>
    public static CustomDerivative WithVjp(int inputs, int outputs, VectorValueFunction value, VectorJacobianProduct vjp)
    {
        ArgumentNullException.ThrowIfNull(vjp);
        return new(inputs, outputs, value, null, vjp);
    }

    /// <summary>A function with a user JVP (forward rule); reverse mode uses it too, through n JVPs.</summary>
    /// <param name="inputs">n.</param>
    /// <param name="outputs">m.</param>
    /// <param name="value">F in double code.</param>
    /// <param name="jvp">ẏ = J(x)·ẋ.</param>
    public static CustomDerivative WithJvp(int inputs, int outputs, VectorValueFunction value, JacobianVectorProduct jvp)
    {
        ArgumentNullException.ThrowIfNull(jvp);
        return new(inputs, outputs, value, jvp, null);
    }

    /// <summary>A function with both rules: forward mode uses the JVP, reverse mode the VJP.</summary>
    /// <param name="inputs">n.</param>
    /// <param name="outputs">m.</param>
    /// <param name="value">F in double code.</param>
    /// <param name="jvp">ẏ = J(x)·ẋ.</param>
    /// <param name="vjp">x̄ = ȳᵀJ(x).</param>
    public static CustomDerivative WithRules(int inputs, int outputs, VectorValueFunction value, JacobianVectorProduct jvp, VectorJacobianProduct vjp)
    {
        ArgumentNullException.ThrowIfNull(jvp);
        ArgumentNullException.ThrowIfNull(vjp);
        return new(inputs, outputs, value, jvp, vjp);
    }

    /// <summary>n.</summary>
    public int Dimension { get; }

    /// <summary>m.</summary>
    public int OutputDimension { get; }

    /// <summary>Writes F(x) over <typeparamref name="T"/>, attaching the user's derivative rule.</summary>
    /// <typeparam name="T"><see cref="double"/> or a first-order AD type whose primal is <see cref="double"/>.</typeparam>
    /// <param name="x">The input, of length n.</param>
    /// <param name="y">Destination of length m.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is a nested (second-order) AD type.</exception>
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>
    {
        Guard.Length(x.Length, Dimension, nameof(x));
        Guard.Length(y.Length, OutputDimension, nameof(y));
        var applier = RuleDispatch<T>.Applier
            ?? throw new NotSupportedException(
                $"A custom derivative rule in double code applies to double and first-order AD types whose primal is double; {typeof(T).Name} is not one.");
        applier.Apply(this, x, y);
    }

    /// <summary>F(x) for a scalar-valued function (m = 1).</summary>
    /// <typeparam name="T">See <see cref="Evaluate{T}(ReadOnlySpan{T}, Span{T})"/>.</typeparam>
    /// <param name="x">The input, of length n.</param>
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        if (OutputDimension != 1)
            throw new InvalidOperationException($"This function has {OutputDimension} outputs; call Evaluate(x, y) with a destination.");
        T[] y = OneElement<T>.Array ??= new T[1];
        Evaluate(x, y.AsSpan());
        return y[0];
    }

    /// <summary>F(x) in double code.</summary>
    /// <param name="x">The input, of length n.</param>
    /// <param name="y">Destination of length m.</param>
    internal void Value(ReadOnlySpan<double> x, Span<double> y) => value(x, y);

    /// <summary>ẏ = J·ẋ: the user's JVP, or ẏⱼ = eⱼᵀJ·ẋ by m VJPs.</summary>
    internal void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> tangent, Span<double> result)
    {
        if (jvp is not null)
        {
            jvp(x, tangent, result);
            return;
        }
        double[] rows = ArrayPool<double>.Shared.Rent(OutputDimension * Dimension);
        try
        {
            Span<double> jacobian = rows.AsSpan(0, OutputDimension * Dimension);
            Jacobian(x, jacobian);
            for (int j = 0; j < OutputDimension; j++)
            {
                double sum = 0;
                for (int i = 0; i < Dimension; i++) sum += jacobian[j * Dimension + i] * tangent[i];
                result[j] = sum;
            }
        }
        finally { ArrayPool<double>.Shared.Return(rows); }
    }

    /// <summary>The m×n Jacobian, row-major: by m VJPs or n JVPs, whichever is fewer (VJPs on a tie).</summary>
    internal void Jacobian(ReadOnlySpan<double> x, Span<double> jacobian)
    {
        int n = Dimension, m = OutputDimension;
        double[] buffer = ArrayPool<double>.Shared.Rent(n + m);
        try
        {
            if (vjp is not null && (jvp is null || m <= n))
            {
                Span<double> seed = buffer.AsSpan(0, m), row = buffer.AsSpan(m, n);
                seed.Clear();
                for (int j = 0; j < m; j++)
                {
                    seed[j] = 1;
                    vjp(x, seed, row);
                    seed[j] = 0;
                    row.CopyTo(jacobian.Slice(j * n, n));
                }
            }
            else
            {
                Span<double> seed = buffer.AsSpan(0, n), column = buffer.AsSpan(n, m);
                seed.Clear();
                for (int i = 0; i < n; i++)
                {
                    seed[i] = 1;
                    jvp!(x, seed, column);
                    seed[i] = 0;
                    for (int j = 0; j < m; j++) jacobian[j * n + i] = column[j];
                }
            }
        }
        finally { ArrayPool<double>.Shared.Return(buffer); }
    }
}

/// <summary>Recognizes the first-order AD types: value types implementing IDifferentiableScalar&lt;T, double&gt;.</summary>
internal static class FirstOrder
{
    internal static bool IsFirstOrder(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDifferentiableScalar<,>)
            && i.GetGenericArguments()[0] == type && i.GetGenericArguments()[1] == typeof(double));
}

/// <summary>A reusable one-element destination per thread and scalar type.</summary>
internal static class OneElement<T>
{
    [ThreadStatic] internal static T[]? Array;
}

/// <summary>How a custom rule is applied on one scalar type.</summary>
internal interface IRuleApplier<T>
{
    void Apply(CustomDerivative rule, ReadOnlySpan<T> x, Span<T> y);
}

/// <summary>The applier for each scalar type, chosen once per type.</summary>
internal static class RuleDispatch<T> where T : IFloatingPointIeee754<T>
{
    internal static readonly IRuleApplier<T>? Applier = Create();

    private static IRuleApplier<T>? Create()
    {
        if (typeof(T) == typeof(double)) return (IRuleApplier<T>)(object)new DoubleApplier();
        if (typeof(T) == typeof(Dual<double>)) return (IRuleApplier<T>)(object)new TangentApplier();
        if (FirstOrder.IsFirstOrder(typeof(T)))
            return (IRuleApplier<T>)Activator.CreateInstance(typeof(ChainRuleApplier<>).MakeGenericType(typeof(T)))!;
        return null;
    }
}

internal sealed class DoubleApplier : IRuleApplier<double>
{
    public void Apply(CustomDerivative rule, ReadOnlySpan<double> x, Span<double> y) => rule.Value(x, y);
}

/// <summary>Forward mode along one direction: one JVP.</summary>
internal sealed class TangentApplier : IRuleApplier<Dual<double>>
{
    public void Apply(CustomDerivative rule, ReadOnlySpan<Dual<double>> x, Span<Dual<double>> y)
    {
        int n = x.Length, m = y.Length;
        double[] buffer = ArrayPool<double>.Shared.Rent(2 * (n + m));
        try
        {
            Span<double> primal = buffer.AsSpan(0, n), tangent = buffer.AsSpan(n, n);
            Span<double> value = buffer.AsSpan(2 * n, m), outputTangent = buffer.AsSpan(2 * n + m, m);
            for (int i = 0; i < n; i++)
            {
                primal[i] = x[i].Value;
                tangent[i] = x[i].Tangent;
            }
            rule.Value(primal, value);
            rule.Jvp(primal, tangent, outputTangent);
            for (int j = 0; j < m; j++) y[j] = new Dual<double>(value[j], outputTangent[j]);
        }
        finally { ArrayPool<double>.Shared.Return(buffer); }
    }
}

/// <summary>Any first-order type: the Jacobian entries become the partials of a chain of elementary nodes.</summary>
internal sealed class ChainRuleApplier<TScalar> : IRuleApplier<TScalar> where TScalar : struct, IDifferentiableScalar<TScalar, double>
{
    public void Apply(CustomDerivative rule, ReadOnlySpan<TScalar> x, Span<TScalar> y)
    {
        int n = x.Length, m = y.Length;
        double[] buffer = ArrayPool<double>.Shared.Rent(n + m + n * m);
        try
        {
            Span<double> primal = buffer.AsSpan(0, n), value = buffer.AsSpan(n, m), jacobian = buffer.AsSpan(n + m, n * m);
            for (int i = 0; i < n; i++) primal[i] = x[i].Value;
            rule.Value(primal, value);
            rule.Jacobian(primal, jacobian);
            for (int j = 0; j < m; j++)
            {
                // yⱼ = Σᵢ Jⱼᵢ xᵢ as far as derivatives go; each partial sum carries the final value yⱼ.
                TScalar sum = TScalar.Constant(value[j]);
                bool started = false;
                for (int i = 0; i < n; i++)
                {
                    double partial = jacobian[j * n + i];
                    if (partial == 0) continue;
                    sum = started ? TScalar.Binary(sum, x[i], value[j], 1.0, partial, "custom")
                                  : TScalar.Unary(x[i], value[j], partial, "custom");
                    started = true;
                }
                y[j] = sum;
            }
        }
        finally { ArrayPool<double>.Shared.Return(buffer); }
    }
}
