using System.Runtime.CompilerServices;

namespace Optimize.AutoDiff;

/// <summary>
/// A reverse-mode variable: a value and its derivative as a multiple of one tape node, v̇ = d·ṅ. Unary
/// elementary functions, scaling by constants, adding constants and products of a node with itself only
/// update d in registers; a binary operation on two different nodes writes one node with both local partials
/// to the <see cref="Tape"/> (local preaccumulation along chains, Griewank &amp; Walther, <i>Evaluating
/// Derivatives</i>, §10.2). Inputs are their own nodes; constants (including <c>default</c>) depend on none.
/// </summary>
/// <remarks>
/// Extended Rosenbrock records three nodes per pair of variables instead of the eight elementary operations,
/// which matters because a tape larger than the cache is bound by memory traffic. The tape id travels with
/// the variable, so recording needs no thread-static lookup.
/// </remarks>
public readonly struct Variable : IDifferentiableScalar<Variable, double>
{
    private readonly double partial;
    private readonly int node, tapeId;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Variable(double value, double partial, int node, int tapeId)
    {
        Value = value;
        this.partial = partial;
        this.node = node;
        this.tapeId = tapeId;
    }

    /// <inheritdoc/>
    public double Value { get; }

    /// <summary>Whether this is a constant (depends on no tape node).</summary>
    public bool IsConstant => node == 0;

    /// <summary>Embeds a double constant.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Variable(double value) => new(value, 0, 0, 0);

    /// <inheritdoc/>
    public static Variable Constant(double value) => new(value, 0, 0, 0);

    /// <summary>An input: the tape's node <paramref name="node"/> itself.</summary>
    internal static Variable Input(double value, int node, int tapeId) => new(value, 1, node, tapeId);

    /// <summary>Adds w·∂v to the adjoint of the node v depends on (the seed of a backward sweep).</summary>
    internal void AddAdjoint(Span<double> adjoints, double w)
    {
        if (node != 0) adjoints[node] += w * partial;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable Unary(Variable x, double value, double derivative, string operation) =>
        new(value, derivative * x.partial, x.node, x.tapeId);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable Binary(Variable x, Variable y, double value, double dx, double dy, string operation) =>
        Combine(value, x, dx, y, dy);

    /// <summary>Sum rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator +(Variable x, Variable y) => Combine(x.Value + y.Value, x, 1, y, 1);

    /// <summary>Difference rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator -(Variable x, Variable y) => Combine(x.Value - y.Value, x, 1, y, -1);

    /// <summary>Product rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator *(Variable x, Variable y) => Combine(x.Value * y.Value, x, y.Value, y, x.Value);

    /// <summary>Quotient rule.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator /(Variable x, Variable y)
    {
        double q = x.Value / y.Value;
        return Combine(q, x, 1 / y.Value, y, -q / y.Value);
    }

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator -(Variable x) => new(-x.Value, -x.partial, x.node, x.tapeId);

    /// <summary>The chain rule for φ(x, y) with local partials dx, dy: records a node only for two different nodes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Variable Combine(double value, Variable x, double dx, Variable y, double dy)
    {
        if (y.node == 0) return new(value, dx * x.partial, x.node, x.tapeId);
        if (x.node == 0 || x.node == y.node) return new(value, dx * x.partial + dy * y.partial, y.node, y.tapeId);
        return new(value, 1, Tape.Record(x.tapeId, x.node, dx * x.partial, y.node, dy * y.partial), x.tapeId);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Variable other && Value.Equals(other.Value);

    /// <summary>The hash of the value (equality compares values).</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Shows the value and the node it depends on.</summary>
    public override string ToString() => node == 0 ? $"{Value} (constant)" : $"{Value} ({partial}·n{node})";
}
