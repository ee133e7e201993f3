namespace Optimize.AutoDiff.Sparsity;

/// <summary>
/// A scalar that traces sparsity instead of derivatives: its primal value (so branches follow the real computation)
/// and the set of inputs it depends on. Run through a function written once over the generic scalar by
/// <see cref="HessianSparsity.Detect"/>, every nonlinear operation adds the pairs of inputs it couples to the
/// Hessian pattern: φ(u) adds dep(u)×dep(u), u·v adds dep(u)×dep(v), u/v adds dep(u)×dep(v) and dep(v)×dep(v),
/// other binary functions add (dep(u) ∪ dep(v))²; sums, differences, negation, constant shifts and scalings, and
/// piecewise-linear functions (abs, remainders) add nothing (Walther, "Computing sparse Hessians with automatic
/// differentiation", ACM TOMS 34(1), 2008: index domains and nonlinear interaction domains).
/// </summary>
/// <remarks>
/// The pattern is the one of the evaluated branch at the traced point, and conservative: an entry is reported when
/// the operations couple two inputs, even where the second derivative happens to vanish at that point.
/// </remarks>
public readonly struct HessianSparsityTracer : IDifferentiableScalar<HessianSparsityTracer, double>
{
    private readonly DependencySet? dependencies;

    private HessianSparsityTracer(double value, DependencySet? dependencies)
    {
        Value = value;
        this.dependencies = dependencies;
    }

    /// <inheritdoc/>
    public double Value { get; }

    /// <summary>Whether this is a constant (depends on no input).</summary>
    public bool IsConstant => dependencies is null;

    /// <summary>Input <paramref name="index"/> with value <paramref name="value"/>.</summary>
    internal static HessianSparsityTracer Input(double value, int index) => new(value, DependencySet.Single(index));

    /// <inheritdoc/>
    public static HessianSparsityTracer Constant(double value) => new(value, null);

    /// <inheritdoc/>
    public static HessianSparsityTracer Unary(HessianSparsityTracer x, double value, double derivative, string operation)
    {
        if (x.dependencies is null) return Constant(value);
        if (!IsLinear(operation)) HessianSparsityRecording.Current.AddProduct(x.dependencies, x.dependencies);
        return new(value, x.dependencies);
    }

    /// <inheritdoc/>
    public static HessianSparsityTracer Binary(HessianSparsityTracer x, HessianSparsityTracer y, double value, double dx, double dy,
        string operation)
    {
        DependencySet? union = DependencySet.Union(x.dependencies, y.dependencies);
        if (union is null) return Constant(value);
        switch (operation)
        {
            case "+" or "-" or "%" or "remainder":
                break;
            case "*":
                HessianSparsityRecording.Current.AddProduct(x.dependencies, y.dependencies);
                break;
            case "/":
                HessianSparsityRecording recording = HessianSparsityRecording.Current;
                recording.AddProduct(x.dependencies, y.dependencies);
                recording.AddProduct(y.dependencies, y.dependencies);
                break;
            default:
                HessianSparsityRecording.Current.AddProduct(union, union);
                break;
        }
        return new(value, union);
    }

    /// <summary>Unary operations whose second derivative is zero wherever it exists.</summary>
    private static bool IsLinear(string operation) =>
        operation is "-" or "+1" or "-1" or "scaleb" or "bitincrement" or "bitdecrement" or "abs";

    /// <summary>Sum.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    public static HessianSparsityTracer operator +(HessianSparsityTracer x, HessianSparsityTracer y) =>
        Binary(x, y, x.Value + y.Value, 1, 1, "+");

    /// <summary>Difference.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    public static HessianSparsityTracer operator -(HessianSparsityTracer x, HessianSparsityTracer y) =>
        Binary(x, y, x.Value - y.Value, 1, -1, "-");

    /// <summary>Product: couples every input of x with every input of y.</summary>
    /// <param name="x">Left operand.</param>
    /// <param name="y">Right operand.</param>
    public static HessianSparsityTracer operator *(HessianSparsityTracer x, HessianSparsityTracer y) =>
        Binary(x, y, x.Value * y.Value, y.Value, x.Value, "*");

    /// <summary>Quotient: couples x's inputs with y's, and y's among themselves.</summary>
    /// <param name="x">Numerator.</param>
    /// <param name="y">Denominator.</param>
    public static HessianSparsityTracer operator /(HessianSparsityTracer x, HessianSparsityTracer y)
    {
        double q = x.Value / y.Value;
        return Binary(x, y, q, 1 / y.Value, -q / y.Value, "/");
    }

    /// <summary>Negation.</summary>
    /// <param name="x">The operand.</param>
    public static HessianSparsityTracer operator -(HessianSparsityTracer x) => Unary(x, -x.Value, -1, "-");

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HessianSparsityTracer other && Value.Equals(other.Value);

    /// <summary>The hash of the value (equality compares values).</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Shows the value and whether it depends on inputs.</summary>
    public override string ToString() => IsConstant ? $"{Value} (constant)" : $"{Value} (traced)";
}
