using System.Runtime.CompilerServices;

namespace Optimize.AutoDiff;

/// <summary>
/// A second-order adjoint variable for Hessian-vector products by forward over reverse, fused into one type:
/// its primal is a dual number x + ẋε carrying the direction v, and its derivative is a multiple
/// p = d + ḋε of one tape node, so every recorded partial is itself a dual number. One backward sweep over
/// dual adjoints (ȳ = 1) then yields ∇f in the real parts and ∇²f·v in the tangent parts (Griewank &amp;
/// Walther, <i>Evaluating Derivatives</i>, §5.2, second-order adjoints; Pearlmutter 1994).
/// </summary>
/// <remarks>
/// The same preaccumulation as <see cref="Variable"/> applies: unary functions, constant scaling and
/// products of a node with itself are free; a binary operation on two different nodes records one node of
/// five words. Compared with <c>Dual&lt;Variable&gt;</c>, which records the primal and the tangent computations
/// separately, this records a third of the nodes.
/// </remarks>
public readonly struct HessianVectorVariable : IDifferentiableScalar<HessianVectorVariable, Dual<double>>
{
    private readonly Dual<double> partial;
    private readonly int node, tapeId;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal HessianVectorVariable(Dual<double> value, Dual<double> partial, int node, int tapeId)
    {
        Value = value;
        this.partial = partial;
        this.node = node;
        this.tapeId = tapeId;
    }

    /// <summary>The primal value and its derivative along the direction v.</summary>
    public Dual<double> Value { get; }

    /// <summary>Whether this is a constant (depends on no tape node).</summary>
    public bool IsConstant => node == 0;

    /// <inheritdoc/>
    public static HessianVectorVariable Constant(Dual<double> value) => new(value, default, 0, 0);

    /// <summary>An input: the tape's node <paramref name="node"/> itself, with primal x + vε.</summary>
    internal static HessianVectorVariable Input(double value, double direction, int node, int tapeId) =>
        new(new Dual<double>(value, direction), new Dual<double>(1, 0), node, tapeId);

    /// <summary>Adds the dual adjoint w·p to the node this variable depends on.</summary>
    internal void AddAdjoint(Span<double> adjoints, Span<double> tangentAdjoints, double w)
    {
        if (node == 0) return;
        adjoints[node] += w * partial.Value;
        tangentAdjoints[node] += w * partial.Tangent;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable Unary(HessianVectorVariable x, Dual<double> value, Dual<double> derivative, string operation) =>
        new(value, Multiply(derivative, x.partial), x.node, x.tapeId);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable Binary(HessianVectorVariable x, HessianVectorVariable y, Dual<double> value,
        Dual<double> dx, Dual<double> dy, string operation) => Combine(value, x, dx, y, dy);

    /// <summary>Sum rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable operator +(HessianVectorVariable x, HessianVectorVariable y) =>
        Combine(x.Value + y.Value, x, new Dual<double>(1, 0), y, new Dual<double>(1, 0));

    /// <summary>Difference rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable operator -(HessianVectorVariable x, HessianVectorVariable y) =>
        Combine(x.Value - y.Value, x, new Dual<double>(1, 0), y, new Dual<double>(-1, 0));

    /// <summary>Product rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable operator *(HessianVectorVariable x, HessianVectorVariable y) =>
        Combine(x.Value * y.Value, x, y.Value, y, x.Value);

    /// <summary>Quotient rule.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable operator /(HessianVectorVariable x, HessianVectorVariable y)
    {
        Dual<double> q = x.Value / y.Value, r = new Dual<double>(1, 0) / y.Value;
        return Combine(q, x, r, y, -(q * r));
    }

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable operator -(HessianVectorVariable x) => new(-x.Value, -x.partial, x.node, x.tapeId);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<double> Multiply(Dual<double> a, Dual<double> b) =>
        new(a.Value * b.Value, a.Tangent * b.Value + a.Value * b.Tangent);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HessianVectorVariable Combine(Dual<double> value, HessianVectorVariable x, Dual<double> dx, HessianVectorVariable y, Dual<double> dy)
    {
        if (y.node == 0) return new(value, Multiply(dx, x.partial), x.node, x.tapeId);
        if (x.node == 0 || x.node == y.node)
            return new(value, Multiply(dx, x.partial) + Multiply(dy, y.partial), y.node, y.tapeId);
        return new(value, new Dual<double>(1, 0),
            Tape.RecordSecondOrder(x.tapeId, x.node, Multiply(dx, x.partial), y.node, Multiply(dy, y.partial)), x.tapeId);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HessianVectorVariable other && Value.Equals(other.Value);

    /// <summary>The hash of the primal value (equality compares primal values).</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Shows the value, its tangent and the node it depends on.</summary>
    public override string ToString() => node == 0 ? $"{Value} (constant)" : $"{Value} (({partial})·n{node})";
}
