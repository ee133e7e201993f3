using System.Runtime.CompilerServices;

namespace Optimize.AutoDiff;

/// <summary>
/// A reverse-mode variable: a value, the index of its node and the id of its <see cref="Tape"/>
/// (16 bytes, passed in registers). Constants (index 0, including <c>default</c>) are not
/// recorded; every operation that involves a recorded variable appends its local partials to the tape.
/// </summary>
public readonly struct Variable : IDifferentiableScalar<Variable, double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Variable(double value, int index, int tapeId)
    {
        Value = value;
        Index = index;
        this.tapeId = tapeId;
    }

    private readonly int tapeId;

    /// <inheritdoc/>
    public double Value { get; }

    /// <summary>The node index on the tape; 0 for constants.</summary>
    public int Index { get; }

    /// <summary>Whether this is a constant (not recorded on the tape).</summary>
    public bool IsConstant => Index == 0;

    /// <summary>Embeds a double constant.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Variable(double value) => new(value, 0, 0);

    /// <inheritdoc/>
    public static Variable Constant(double value) => new(value, 0, 0);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable Unary(Variable x, double value, double derivative, string operation) =>
        x.Index == 0 ? new(value, 0, 0) : Tape.RecordUnary(x.tapeId, value, x.Index, derivative);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable Binary(Variable x, Variable y, double value, double dx, double dy, string operation)
    {
        if (y.Index == 0) return Unary(x, value, dx, operation);
        if (x.Index == 0) return Tape.RecordUnary(y.tapeId, value, y.Index, dy);
        return Tape.RecordBinary(x.tapeId, value, x.Index, dx, y.Index, dy);
    }

    /// <summary>Sum; adding a constant records nothing.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator +(Variable x, Variable y)
    {
        double v = x.Value + y.Value;
        if (x.Index == 0) return new(v, y.Index, y.tapeId);
        if (y.Index == 0) return new(v, x.Index, x.tapeId);
        return Tape.RecordAdd(x.tapeId, v, x.Index, y.Index);
    }

    /// <summary>Difference; subtracting a constant records nothing.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator -(Variable x, Variable y)
    {
        double v = x.Value - y.Value;
        if (y.Index == 0) return new(v, x.Index, x.tapeId);
        if (x.Index == 0) return Tape.RecordUnary(y.tapeId, v, y.Index, -1.0);
        return Tape.RecordSubtract(x.tapeId, v, x.Index, y.Index);
    }

    /// <summary>Product; a square x·x records one partial 2x.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator *(Variable x, Variable y)
    {
        double v = x.Value * y.Value;
        if (y.Index == 0) return x.Index == 0 ? new(v, 0, 0) : Tape.RecordUnary(x.tapeId, v, x.Index, y.Value);
        if (x.Index == 0) return Tape.RecordUnary(y.tapeId, v, y.Index, x.Value);
        if (x.Index == y.Index) return Tape.RecordUnary(x.tapeId, v, x.Index, x.Value + x.Value);
        return Tape.RecordBinary(x.tapeId, v, x.Index, y.Value, y.Index, x.Value);
    }

    /// <summary>Quotient.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator /(Variable x, Variable y)
    {
        double q = x.Value / y.Value;
        if (y.Index == 0) return x.Index == 0 ? new(q, 0, 0) : Tape.RecordUnary(x.tapeId, q, x.Index, 1.0 / y.Value);
        if (x.Index == 0) return Tape.RecordUnary(y.tapeId, q, y.Index, -q / y.Value);
        return Tape.RecordBinary(x.tapeId, q, x.Index, 1.0 / y.Value, y.Index, -q / y.Value);
    }

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Variable operator -(Variable x) => x.Index == 0 ? new(-x.Value, 0, 0) : Tape.RecordUnary(x.tapeId, -x.Value, x.Index, -1.0);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Variable other && Value.Equals(other.Value);

    /// <summary>The hash of the value (equality compares values).</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Shows the value and the node, e.g. "2.5 @7".</summary>
    public override string ToString() => Index == 0 ? $"{Value} (constant)" : $"{Value} @{Index}";
}
