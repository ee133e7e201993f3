using System.Numerics;
using Optimize.AutoDiff;

namespace Optimize.Differentiable.CustomRules;

/// <summary>
/// A scalar function φ: ℝ → ℝ with a user-supplied derivative φ′, applied over any first-order scalar type: the
/// value and the derivative come from the user's double code and enter AD through the type's chain rule
/// (a tangent times φ′ in forward mode, one tape node with partial φ′ in reverse mode). Use it where the
/// derivative of the evaluation is numerically poor — log(1 + eˣ) overflows at large x, its rule σ(x) does not —
/// or where φ is external code (JAX's <c>custom_jvp</c> for a unary function).
/// </summary>
public sealed class CustomScalarRule
{
    private readonly Func<double, double> value;
    private readonly Func<double, double> derivative;

    /// <summary>Creates the rule.</summary>
    /// <param name="name">A name, kept by tracing scalar types.</param>
    /// <param name="value">φ(x).</param>
    /// <param name="derivative">φ′(x).</param>
    public CustomScalarRule(string name, Func<double, double> value, Func<double, double> derivative)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(derivative);
        Name = name;
        this.value = value;
        this.derivative = derivative;
    }

    /// <summary>The rule's name.</summary>
    public string Name { get; }

    /// <summary>φ(x) over <typeparamref name="T"/>, carrying φ′ as the derivative.</summary>
    /// <typeparam name="T"><see cref="double"/> or a first-order AD type whose primal is <see cref="double"/>.</typeparam>
    /// <param name="x">The argument.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is a nested (second-order) AD type.</exception>
    public T Apply<T>(T x) where T : IFloatingPointIeee754<T>
    {
        var apply = UnaryDispatch<T>.Apply
            ?? throw new NotSupportedException(
                $"A custom derivative rule in double code applies to double and first-order AD types whose primal is double; {typeof(T).Name} is not one.");
        return apply(this, x);
    }

    internal double Value(double x) => value(x);

    internal double Derivative(double x) => derivative(x);
}

/// <summary>The application of a unary rule for each scalar type, chosen once per type.</summary>
internal static class UnaryDispatch<T> where T : IFloatingPointIeee754<T>
{
    internal static readonly Func<CustomScalarRule, T, T>? Apply = Create();

    private static Func<CustomScalarRule, T, T>? Create()
    {
        if (typeof(T) == typeof(double)) return (Func<CustomScalarRule, T, T>)(object)new Func<CustomScalarRule, double, double>((rule, x) => rule.Value(x));
        if (!FirstOrder.IsFirstOrder(typeof(T))) return null;
        var method = typeof(UnaryChainRule).GetMethod(nameof(UnaryChainRule.Apply))!.MakeGenericMethod(typeof(T));
        return method.CreateDelegate<Func<CustomScalarRule, T, T>>();
    }
}

internal static class UnaryChainRule
{
    public static TScalar Apply<TScalar>(CustomScalarRule rule, TScalar x) where TScalar : struct, IDifferentiableScalar<TScalar, double>
    {
        double primal = x.Value;
        return TScalar.Unary(x, rule.Value(primal), rule.Derivative(primal), rule.Name);
    }
}
