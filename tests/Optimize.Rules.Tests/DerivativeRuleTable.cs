namespace Optimize.Rules.Tests;

/// <summary>The implementations of the elementary derivative rules that the table is checked against.</summary>
public enum Implementation
{
    /// <summary>Forward mode on <c>Dual&lt;double&gt;</c>, one tangent per input.</summary>
    ForwardDual,
    /// <summary>Forward mode on <c>DualVector&lt;Chunk2&gt;</c>, both tangents in one pass.</summary>
    ForwardDualVector,
    /// <summary>Reverse mode on <c>Variable</c> and the thread's <c>Tape</c>.</summary>
    ReverseTape,
    /// <summary>Forward over reverse on <c>HessianVectorVariable</c>: its gradient.</summary>
    ReverseHessianVector,
    /// <summary>The generator's adjoint code (<c>EvaluateGradient</c>).</summary>
    GeneratedAdjoint,
    /// <summary>The generator's tangent code (<c>EvaluateDirectionalDerivative</c>), one unit direction per input.</summary>
    GeneratedTangent,
    /// <summary>The F# symbolic derivative, evaluated by walking the tree.</summary>
    Symbolic,
    /// <summary>The F# symbolic derivative compiled by <c>SymbolicObjective</c>.</summary>
    SymbolicCompiled,
    /// <summary>The tensor tape's backward sweep on 1×1 tensors (only the operations it has).</summary>
    TensorTape,
}

/// <summary>
/// One row of the table: an elementary function at a point, with the value and the partial derivatives every
/// implementation must give there.
/// </summary>
public sealed record RulePoint(string Rule, double[] Point, double Value, double[] Partials)
{
    /// <summary>The row's name in test output: the function applied to the point.</summary>
    /// <summary>
    /// Where the forward modes (Dual, DualVector, the generated tangent code) keep the plain product and quotient
    /// rules, so an infinite partial times a zero tangent gives NaN: the partials each of them gives at this point.
    /// Empty elsewhere. The plain rules are kept for speed (docs/derivative-rules.md, "Remaining deviations").
    /// </summary>
    public IReadOnlyDictionary<Implementation, double[]> Deviations { get; init; } = new Dictionary<Implementation, double[]>();

    /// <summary>The partials <paramref name="implementation"/> gives here: the table's, unless it deviates.</summary>
    /// <param name="implementation">The implementation.</param>
    public double[] PartialsOf(Implementation implementation) =>
        Deviations.TryGetValue(implementation, out var deviation) ? deviation : Partials;

    public string Label => $"{Rule}({string.Join(", ", Point.Select(p => p.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))})";

    public override string ToString() => Label;
}

/// <summary>
/// The table of elementary derivative rules: every function of the scalar contract at ordinary points and at the
/// points where its derivative is a convention (0, ties, negative bases, infinities, the edges of the domain). The
/// conventions are stated in docs/derivative-rules.md; the expected numbers here come from System.Math alone.
/// </summary>
public static class DerivativeRuleTable
{
    private const double Inf = double.PositiveInfinity;
    private const double NaN = double.NaN;

    // What Dual gives, and what DualVector and the generated tangent code give, at a row where they deviate.
    private static Dictionary<Implementation, double[]> Forward(double[] dual, double[] others) => new()
    {
        [Implementation.ForwardDual] = dual,
        [Implementation.ForwardDualVector] = others,
        [Implementation.GeneratedTangent] = others,
    };

    private static RulePoint At(string rule, double x, double value, double derivative) => new(rule, [x], value, [derivative]);
    private static RulePoint At(string rule, double x, double y, double value, double dx, double dy) => new(rule, [x, y], value, [dx, dy]);

    /// <summary>Every row of the table.</summary>
    public static IReadOnlyList<RulePoint> Rows { get; } =
    [
        At("Add", 1.5, -2, -0.5, 1, 1),
        At("Add", Inf, -Inf, NaN, 1, 1),
        At("Subtract", 1.5, -2, 3.5, 1, -1),
        At("Subtract", Inf, Inf, NaN, 1, -1),
        At("Multiply", 1.5, -2, -3, -2, 1.5),
        At("Multiply", Inf, 0, NaN, 0, Inf) with { Deviations = Forward([NaN, Inf], [NaN, Inf]) },         // ∂/∂x: y's partial x = ∞ times y's zero tangent adds nothing
        At("Divide", 3, 2, 1.5, 0.5, -0.75),
        At("Divide", 1, 0, Inf, Inf, -Inf) with { Deviations = Forward([NaN, -Inf], [NaN, NaN]) },          // ∂/∂x: y's partial −q/y = −∞ times y's zero tangent adds nothing
        At("Divide", 0, 0, NaN, Inf, NaN) with { Deviations = Forward([NaN, NaN], [NaN, NaN]) },
        At("Negate", 1.5, -1.5, -1),
        At("Negate", Inf, -Inf, -1),

        At("Sqrt", 4, 2, 0.25),
        At("Sqrt", 0, 0, Inf),                       // the one-sided derivative at the edge of the domain
        At("Sqrt", -1, NaN, NaN),
        At("Sqrt", Inf, Inf, 0),
        At("Exp", 0.5, Math.Exp(0.5), Math.Exp(0.5)),
        At("Exp", -Inf, 0, 0),
        At("Exp", Inf, Inf, Inf),
        At("Log", 2, Math.Log(2), 0.5),
        At("Log", 0, -Inf, Inf),
        At("Log", -1, NaN, -1),                      // outside the domain the formula 1/x is still what is given
        At("Log", Inf, Inf, 0),
        At("Sin", 0.5, Math.Sin(0.5), Math.Cos(0.5)),
        At("Sin", Inf, NaN, NaN),
        At("Cos", 0.5, Math.Cos(0.5), -Math.Sin(0.5)),
        At("Cos", -Inf, NaN, NaN),
        At("Tan", 0.5, Math.Tan(0.5), 1 / (Math.Cos(0.5) * Math.Cos(0.5))),
        At("Tan", Math.PI / 2, Math.Tan(Math.PI / 2), 1 / (Math.Cos(Math.PI / 2) * Math.Cos(Math.PI / 2))),
        At("Asin", 0.5, Math.Asin(0.5), 1 / Math.Sqrt(0.75)),
        At("Asin", 1, Math.PI / 2, Inf),
        At("Asin", -1, -Math.PI / 2, Inf),
        At("Asin", 2, NaN, NaN),
        At("Acos", 0.5, Math.Acos(0.5), -1 / Math.Sqrt(0.75)),
        At("Acos", 1, 0, -Inf),
        At("Acos", 2, NaN, NaN),
        At("Atan", 0.5, Math.Atan(0.5), 0.8),
        At("Atan", Inf, Math.PI / 2, 0),
        At("Atan", -Inf, -Math.PI / 2, 0),
        At("Sinh", 0.5, Math.Sinh(0.5), Math.Cosh(0.5)),
        At("Sinh", Inf, Inf, Inf),
        At("Cosh", 0.5, Math.Cosh(0.5), Math.Sinh(0.5)),
        At("Cosh", -Inf, Inf, -Inf),
        At("Tanh", 0.5, Math.Tanh(0.5), 1 / (Math.Cosh(0.5) * Math.Cosh(0.5))),
        At("Tanh", 20, 1, 1 / (Math.Cosh(20) * Math.Cosh(20))),
        At("Tanh", Inf, 1, 0),
        At("Abs", 2, 2, 1),
        At("Abs", -2, 2, -1),
        At("Abs", 0, 0, 0),                          // Abs′(0) = 0
        At("Abs", -Inf, Inf, -1),
        At("Abs", NaN, NaN, NaN),                    // a NaN argument gives NaN partials, as for every other unary function
        At("Log", NaN, NaN, NaN),
        At("Relu", 2, 2, 1),                         // max(0, x): at 0 the first argument, the constant, is taken
        At("Relu", 0, 0, 0),
        At("Relu", -2, 0, 0),

        At("Atan2", 1, 2, Math.Atan2(1, 2), 0.4, -0.2),
        At("Atan2", 1, -2, Math.Atan2(1, -2), -0.4, -0.2),
        At("Atan2", 0, 0, 0, NaN, NaN),              // the origin: no derivative, and none is invented

        At("Max", 1, 2, 2, 0, 1),
        At("Max", 2, 1, 2, 1, 0),
        At("Max", 1, 1, 1, 1, 0),                    // a tie takes the first argument's derivative
        At("Max", 0, -0.0, 0, 1, 0),
        At("Max", Inf, 1, Inf, 1, 0),
        At("Max", -Inf, -Inf, -Inf, 1, 0),           // a tie of infinities too
        At("Max", NaN, 1, NaN, 1, 0),                // the NaN argument is returned, with its derivative
        At("Max", 1, NaN, NaN, 0, 1),
        At("Min", 1, 2, 1, 1, 0),
        At("Min", 2, 1, 1, 0, 1),
        At("Min", 1, 1, 1, 1, 0),
        At("Min", -0.0, 0, 0, 1, 0),
        At("Min", -Inf, 1, -Inf, 1, 0),
        At("Min", Inf, Inf, Inf, 1, 0),
        At("Min", NaN, 1, NaN, 1, 0),
        At("Min", 1, NaN, NaN, 0, 1),

        At("Pow", 2, 3, 8, 12, 8 * Math.Log(2)),
        At("Pow", 0.5, -1.5, Math.Pow(0.5, -1.5), -1.5 * Math.Pow(0.5, -2.5), Math.Pow(0.5, -1.5) * Math.Log(0.5)),
        At("Pow", -2, 3, -8, 12, 0),                 // ∂/∂b = 0 where a ≤ 0
        At("Pow", -2, 0.5, NaN, NaN, 0),
        At("Pow", 0, 2, 0, 0, 0),
        At("Pow", 0, 0.5, 0, Inf, 0),
        At("Pow", 0, -1, Inf, -Inf, 0),
        At("Pow", 0, 0, 1, 0, 0),                    // 0⁰ = 1, with both partials 0
        At("Pow", -Inf, 2, Inf, -Inf, 0),
        At("PowConstantExponent", 4, 32, 20),
        At("PowConstantExponent", 0, 0, 0),
        At("PowConstantExponent", -1, NaN, NaN),
    ];

    /// <summary>The rows as theory data, by label.</summary>
    public static TheoryData<string> Labels => new(Rows.Select(r => r.Label));

    /// <summary>The row with the given label.</summary>
    public static RulePoint Row(string label) => Rows.Single(r => r.Label == label);
}
