using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Optimize.AutoDiff.Reverse;

/// <summary>
/// A reverse-mode variable: a value and its derivative as a linear combination of at most two tape nodes,
/// v̇ = d₁·ṅ₁ + d₂·ṅ₂. Unary elementary functions, scaling by constants, adding constants, and binary
/// operations whose operands together depend on at most two nodes only update the partials in registers; a
/// binary operation whose operands depend on three or four different nodes writes one node with all of them
/// as parents to the <see cref="Tape"/> (local preaccumulation of statements, Griewank &amp; Walther,
/// <i>Evaluating Derivatives</i>, §10.2; the statement-level Jacobians of CoDiPack's expression templates).
/// Inputs are their own nodes; constants (including <c>default</c>) depend on none.
/// </summary>
/// <remarks>
/// Extended Rosenbrock records one node per pair of variables instead of its eight elementary operations:
/// the term 100(x₂ − x₁²)² + (1 − x₁)² depends on two inputs and stays in registers, and only adding it to
/// the running sum (a third node) writes a record. A tape larger than the cache is bound by memory traffic,
/// so fewer, wider records make both the recording and the backward sweep cheaper. Variables record onto the
/// tape recording on the calling thread.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Variable : IDifferentiableScalar<Variable, double>
{
    // The layout (value, first partial, second partial, both nodes) is relied on by Tape.Inputs and by the lower
    // bound of ReverseCostBenchmarks.
    private readonly double value;
    private readonly double first, second;
    private readonly ulong nodes; // first node in the low half, second in the high half; 0 = none

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Variable(double value, double first, double second, ulong nodes)
    {
        this.value = value;
        this.first = first;
        this.second = second;
        this.nodes = nodes;
    }

    /// <inheritdoc/>
    public double Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => value;
    }

    /// <summary>Whether this is a constant (depends on no tape node).</summary>
    public bool IsConstant => nodes == 0;

    /// <summary>Embeds a double constant.</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator Variable(double value) => new(value, 0, 0, 0);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable Constant(double value) => new(value, 0, 0, 0);

    /// <summary>An input or another variable standing for one node: the node <paramref name="node"/> itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Variable OfNode(double value, uint node) => new(value, 1, 0, node);

    /// <summary>The nodes v depends on, packed as n₁ | n₂ &lt;&lt; 32 (0 for none).</summary>
    internal ulong Nodes => nodes;

    /// <summary>Adds w·∂v to the adjoints of the nodes v depends on (the seed of a backward sweep).</summary>
    internal void AddAdjoint(Span<double> adjoints, double w)
    {
        if (nodes == 0) return;
        adjoints[Tape.Index((uint)nodes)] += w * first;
        adjoints[Tape.Index((uint)(nodes >> 32))] += w * second;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable Unary(Variable x, double value, double derivative, string operation) =>
        new(value, derivative * x.first, derivative * x.second, x.nodes);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable Binary(Variable x, Variable y, double value, double dx, double dy, string operation) =>
        Combine(value, dx * x.first, dx * x.second, x.nodes, dy * y.first, dy * y.second, y.nodes);

    /// <summary>Sum rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator +(Variable x, Variable y) =>
        Combine(x.value + y.value, x.first, x.second, x.nodes, y.first, y.second, y.nodes);

    /// <summary>Difference rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator -(Variable x, Variable y) =>
        Combine(x.value - y.value, x.first, x.second, x.nodes, -y.first, -y.second, y.nodes);

    /// <summary>Product rule.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator *(Variable x, Variable y)
    {
        double xv = x.value, yv = y.value;
        return Combine(xv * yv, yv * x.first, yv * x.second, x.nodes, xv * y.first, xv * y.second, y.nodes);
    }

    /// <summary>Quotient rule.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator /(Variable x, Variable y)
    {
        double r = 1 / y.value, q = x.value * r, dy = -q * r;
        return Combine(q, r * x.first, r * x.second, x.nodes, dy * y.first, dy * y.second, y.nodes);
    }

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator -(Variable x) => new(-x.value, -x.first, -x.second, x.nodes);

    /// <summary>
    /// The chain rule a₁ṅ₁ + a₂ṅ₂ + b₁ṁ₁ + b₂ṁ₂ for x on the nodes packed in <paramref name="xn"/> (n₁ low, n₂ high)
    /// with scaled partials a, and y on <paramref name="yn"/> with b (0 for a constant, whose partials are
    /// ignored). Operands on the same nodes give the slot-wise sum and a constant operand gives the other's
    /// partials; otherwise the operands are merged in registers when they depend on at most two different nodes
    /// together, and one node with all four parents is recorded when they depend on more.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Variable Combine(double value, double a1, double a2, ulong xn, double b1, double b2, ulong yn)
    {
        // Same nodes (both constant included: a constant's partials are never read, its local partial may be
        // infinite, as for 0^y or √ at 0), then either operand constant.
        if (xn == yn) return new(value, a1 + b1, a2 + b2, xn);
        if (xn == 0) return new(value, b1, b2, yn);
        if (yn == 0) return new(value, a1, a2, xn);
        uint x1 = (uint)xn, x2 = (uint)(xn >> 32), y1 = (uint)yn, y2 = (uint)(yn >> 32);
        if ((x2 | y2) == 0) return new(value, a1, b1, x1 | ((ulong)y1 << 32));
        if (x2 == 0)
        {
            if (x1 == y1) return new(value, a1 + b1, b2, yn);
            if (x1 == y2) return new(value, b1, a1 + b2, yn);
        }
        else if (y2 == 0)
        {
            if (y1 == x1) return new(value, a1 + b1, a2, xn);
            if (y1 == x2) return new(value, a1, a2 + b1, xn);
        }
        else if (x1 == y2 && x2 == y1) return new(value, a1 + b2, a2 + b1, xn);
        return new(value, 1, 0, Tape.Record(a1, a2, b1, b2, xn, yn));
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Variable other && Value.Equals(other.Value);

    /// <summary>The hash of the value (equality compares values).</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Shows the value and the nodes it depends on.</summary>
    public override string ToString()
    {
        if (nodes == 0) return $"{Value} (constant)";
        string firstTerm = $"{first}·n{Tape.Index((uint)nodes)}";
        return (nodes >> 32) == 0 ? $"{Value} ({firstTerm})" : $"{Value} ({firstTerm} + {second}·n{Tape.Index((uint)(nodes >> 32))})";
    }
}
