namespace Optimize.AutoDiff.Trace;

/// <summary>
/// A scalar that records each elementary operation with its name, operands and local partials, so an
/// evaluation can be printed as the forward and reverse tables of Griewank &amp; Walther (Tables 1.3, 1.4,
/// 3.2, 3.4). Used through <see cref="EvaluationTrace.Record"/>; meant for small functions.
/// </summary>
public readonly struct TracedScalar : IDifferentiableScalar<TracedScalar, double>
{
    internal TracedScalar(double value, int index)
    {
        Value = value;
        Index = index;
    }

    /// <inheritdoc/>
    public double Value { get; }

    /// <summary>The row of the trace that computed this value (0 for constants).</summary>
    public int Index { get; }

    /// <inheritdoc/>
    public static TracedScalar Constant(double value) => new(value, 0);

    /// <inheritdoc/>
    public static TracedScalar Unary(TracedScalar x, double value, double derivative, string operation) =>
        EvaluationTrace.Append(operation, value, x, derivative, default, 0, arity: 1);

    /// <inheritdoc/>
    public static TracedScalar Binary(TracedScalar x, TracedScalar y, double value, double dx, double dy, string operation) =>
        EvaluationTrace.Append(operation, value, x, dx, y, dy, arity: 2);

    /// <summary>Sum.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    public static TracedScalar operator +(TracedScalar x, TracedScalar y) => Binary(x, y, x.Value + y.Value, 1, 1, "+");

    /// <summary>Difference.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    public static TracedScalar operator -(TracedScalar x, TracedScalar y) => Binary(x, y, x.Value - y.Value, 1, -1, "-");

    /// <summary>Product.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    public static TracedScalar operator *(TracedScalar x, TracedScalar y) => Binary(x, y, x.Value * y.Value, y.Value, x.Value, "*");

    /// <summary>Quotient.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    public static TracedScalar operator /(TracedScalar x, TracedScalar y)
    {
        double q = x.Value / y.Value;
        return Binary(x, y, q, 1 / y.Value, -q / y.Value, "/");
    }

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    public static TracedScalar operator -(TracedScalar x) => Unary(x, -x.Value, -1, "-");

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TracedScalar other && Value.Equals(other.Value);

    /// <summary>The hash of the value (equality compares values).</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Shows the value and its row.</summary>
    public override string ToString() => Index == 0 ? $"{Value}" : $"{Value} (row {Index})";
}
