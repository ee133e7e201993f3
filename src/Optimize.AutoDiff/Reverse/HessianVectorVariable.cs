using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Optimize.AutoDiff.Forward;

namespace Optimize.AutoDiff.Reverse;

/// <summary>
/// A second-order adjoint variable for Hessian-vector products by forward over reverse, fused into one type:
/// its primal is a dual number x + ẋε carrying the direction v, and its derivative is a combination
/// p₁·ṅ₁ + p₂·ṅ₂ of at most two tape nodes whose coefficients pᵢ = dᵢ + ḋᵢε are themselves dual numbers. One
/// backward sweep over dual adjoints (ȳ = 1) then yields ∇f in the real parts and ∇²f·v in the tangent parts
/// (Griewank &amp; Walther, <i>Evaluating Derivatives</i>, §5.2, second-order adjoints; Pearlmutter 1994).
/// </summary>
/// <remarks>
/// The same preaccumulation as <see cref="Variable"/> applies: everything that depends on at most two nodes
/// stays in registers, and an operation meeting three or four nodes records one node of ten words. Compared
/// with <c>Dual&lt;Variable&gt;</c>, which records the primal and the tangent computations separately, this
/// records a fraction of the nodes. The dual numbers are stored as plain doubles, seven fields in all, so the
/// JIT keeps them in registers.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct HessianVectorVariable : IDifferentiableScalar<HessianVectorVariable, Dual<double>>
{
    // The layout (value, its tangent, both dual partials, both nodes) is relied on by Tape.Inputs and by the lower
    // bound of ReverseCostBenchmarks.
    private readonly double value, valueTangent;          // x + ẋε
    private readonly double first, firstTangent;          // p₁ = d₁ + ḋ₁ε
    private readonly double second, secondTangent;        // p₂ = d₂ + ḋ₂ε
    private readonly ulong nodes; // n₁ in the low half, n₂ in the high half; 0 = none

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private HessianVectorVariable(double value, double valueTangent, double first, double firstTangent,
        double second, double secondTangent, ulong nodes)
    {
        this.value = value;
        this.valueTangent = valueTangent;
        this.first = first;
        this.firstTangent = firstTangent;
        this.second = second;
        this.secondTangent = secondTangent;
        this.nodes = nodes;
    }

    /// <summary>The primal value and its derivative along the direction v.</summary>
    public Dual<double> Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(value, valueTangent);
    }

    /// <summary>Whether this is a constant (depends on no tape node).</summary>
    public bool IsConstant => nodes == 0;

    /// <summary>
    /// Embeds a double constant (zero tangent, no node), so that code written over this type uses literals and
    /// mixes doubles into its arithmetic as it would over <see cref="double"/>: <c>100 * (x[1] - x[0] * x[0])</c>.
    /// </summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator HessianVectorVariable(double value) => new(value, 0, 0, 0, 0, 0, 0);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable Constant(Dual<double> value) => new(value.Value, value.Tangent, 0, 0, 0, 0, 0);

    /// <summary>An input: the tape's node <paramref name="node"/> itself, with primal x + vε.</summary>
    internal static HessianVectorVariable Input(double value, double direction, uint node) =>
        new(value, direction, 1, 0, 0, 0, node);

    /// <summary>The nodes this variable depends on, packed as n₁ | n₂ &lt;&lt; 32 (0 for none).</summary>
    internal ulong Nodes => nodes;

    /// <summary>Adds the dual adjoint w·p to the nodes this variable depends on (node k's pair at 2k, 2k + 1).</summary>
    internal void AddAdjoint(Span<double> dualAdjoints, double w)
    {
        if (nodes == 0) return;
        int n1 = Tape.Index((uint)nodes), n2 = Tape.Index((uint)(nodes >> 32));
        dualAdjoints[2 * n1] += w * first;
        dualAdjoints[2 * n1 + 1] += w * firstTangent;
        dualAdjoints[2 * n2] += w * second;
        dualAdjoints[2 * n2 + 1] += w * secondTangent;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable Unary(HessianVectorVariable x, Dual<double> value, Dual<double> derivative, string operation) =>
        x.nodes == 0 ? Constant(value) : Scale(value.Value, value.Tangent, x, derivative.Value, derivative.Tangent);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable Binary(HessianVectorVariable x, HessianVectorVariable y, Dual<double> value,
        Dual<double> dx, Dual<double> dy, string operation)
    {
        // A constant operand contributes nothing, even where its local partial is infinite (0^y at y < 1).
        if (y.nodes == 0) return x.nodes == 0 ? Constant(value) : Scale(value.Value, value.Tangent, x, dx.Value, dx.Tangent);
        if (x.nodes == 0) return Scale(value.Value, value.Tangent, y, dy.Value, dy.Tangent);
        return Combine(value.Value, value.Tangent, x, dx.Value, dx.Tangent, y, dy.Value, dy.Tangent);
    }

    /// <summary>Sum rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable operator +(HessianVectorVariable x, HessianVectorVariable y) =>
        Merge(x.value + y.value, x.valueTangent + y.valueTangent, x.first, x.firstTangent, x.second, x.secondTangent, x.nodes,
            y.first, y.firstTangent, y.second, y.secondTangent, y.nodes);

    /// <summary>Difference rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable operator -(HessianVectorVariable x, HessianVectorVariable y) =>
        Merge(x.value - y.value, x.valueTangent - y.valueTangent, x.first, x.firstTangent, x.second, x.secondTangent, x.nodes,
            -y.first, -y.firstTangent, -y.second, -y.secondTangent, y.nodes);

    /// <summary>Product rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable operator *(HessianVectorVariable x, HessianVectorVariable y) =>
        Combine(x.value * y.value, x.valueTangent * y.value + x.value * y.valueTangent,
            x, y.value, y.valueTangent, y, x.value, x.valueTangent);

    /// <summary>Quotient rule.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable operator /(HessianVectorVariable x, HessianVectorVariable y)
    {
        // r = 1/y, q = x/y: ∂q/∂x = r, ∂q/∂y = −q·r, each with its tangent along v.
        double r = 1 / y.value, rt = -y.valueTangent * r * r;
        double q = x.value * r, qt = x.valueTangent * r + x.value * rt;
        return Combine(q, qt, x, r, rt, y, -q * r, -(qt * r + q * rt));
    }

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HessianVectorVariable operator -(HessianVectorVariable x) =>
        new(-x.value, -x.valueTangent, -x.first, -x.firstTangent, -x.second, -x.secondTangent, x.nodes);

    /// <summary>x's partials times the dual number d + ḋε, with the result value (v, v̇).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HessianVectorVariable Scale(double v, double vt, HessianVectorVariable x, double d, double dt) =>
        new(v, vt, d * x.first, dt * x.first + d * x.firstTangent, d * x.second, dt * x.second + d * x.secondTangent, x.nodes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HessianVectorVariable Combine(double v, double vt, HessianVectorVariable x, double dx, double dxt,
        HessianVectorVariable y, double dy, double dyt) =>
        Merge(v, vt,
            dx * x.first, dxt * x.first + dx * x.firstTangent, dx * x.second, dxt * x.second + dx * x.secondTangent, x.nodes,
            dy * y.first, dyt * y.first + dy * y.firstTangent, dy * y.second, dyt * y.second + dy * y.secondTangent, y.nodes);

    /// <summary>
    /// a₁ṅ₁ + a₂ṅ₂ + b₁ṁ₁ + b₂ṁ₂ with dual coefficients: the slot-wise sum when both operands are on the same
    /// nodes, the other operand's coefficients when one is constant (a constant's are never read), a merge in
    /// registers for at most two different nodes, else one recorded node (as <see cref="Variable"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HessianVectorVariable Merge(double v, double vt,
        double a1, double a1t, double a2, double a2t, ulong xn, double b1, double b1t, double b2, double b2t, ulong yn)
    {
        // Constants carry exactly zero coefficients (Unary and Binary keep them so where a local partial is
        // infinite, as for 0^y or √ at 0), so one test covers same nodes and a constant operand.
        if (xn == yn || xn == 0 || yn == 0) return new(v, vt, a1 + b1, a1t + b1t, a2 + b2, a2t + b2t, xn | yn);
        // The case analysis of Variable.Combine, written out here too: a shared classifier returning the case
        // costs a fifth of the recording time, because each case's arithmetic no longer sits in its own branch.
        uint x1 = (uint)xn, x2 = (uint)(xn >> 32), y1 = (uint)yn, y2 = (uint)(yn >> 32);
        if ((x2 | y2) == 0) return new(v, vt, a1, a1t, b1, b1t, x1 | ((ulong)y1 << 32));
        if (x2 == 0)
        {
            if (x1 == y1) return new(v, vt, a1 + b1, a1t + b1t, b2, b2t, yn);
            if (x1 == y2) return new(v, vt, b1, b1t, a1 + b2, a1t + b2t, yn);
        }
        else if (y2 == 0)
        {
            if (y1 == x1) return new(v, vt, a1 + b1, a1t + b1t, a2, a2t, xn);
            if (y1 == x2) return new(v, vt, a1, a1t, a2 + b1, a2t + b1t, xn);
        }
        else if (x1 == y2 && x2 == y1) return new(v, vt, a1 + b2, a1t + b2t, a2 + b1, a2t + b1t, xn);
        return new(v, vt, 1, 0, 0, 0, Tape.RecordSecondOrder(a1, a1t, a2, a2t, b1, b1t, b2, b2t, xn, yn));
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HessianVectorVariable other && Value.Equals(other.Value);

    /// <summary>The hash of the primal value (equality compares primal values).</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Shows the value, its tangent and the nodes it depends on.</summary>
    public override string ToString()
    {
        if (nodes == 0) return $"{Value} (constant)";
        string firstTerm = $"({new Dual<double>(first, firstTangent)})·n{Tape.Index((uint)nodes)}";
        return (nodes >> 32) == 0
            ? $"{Value} ({firstTerm})"
            : $"{Value} ({firstTerm} + ({new Dual<double>(second, secondTangent)})·n{Tape.Index((uint)(nodes >> 32))})";
    }
}
