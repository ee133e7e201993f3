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
/// implementation must give there. <see cref="Deviations"/> lists the implementations known to give other partials
/// at this point, with what they give and why; the test holds them to that too.
/// </summary>
public sealed record RulePoint(string Rule, double[] Point, double Value, double[] Partials)
{
    public Dictionary<Implementation, (double[] Partials, string Reason)> Deviations { get; } = [];

    /// <summary>This row with a documented deviation of one implementation.</summary>
    public RulePoint Except(Implementation implementation, double[] partials, string reason)
    {
        Deviations[implementation] = (partials, reason);
        return this;
    }

    /// <summary>The row's name in test output: the function applied to the point.</summary>
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

    private static RulePoint At(string rule, double x, double value, double derivative) => new(rule, [x], value, [derivative]);
    private static RulePoint At(string rule, double x, double y, double value, double dx, double dy) => new(rule, [x, y], value, [dx, dy]);

    private const string TieAtInfinity =
        "the symbolic form selects by sign(1 + sign(u − v)), and ∞ − ∞ is NaN; the runtime modes compare";
    private const string NaNSelection =
        "the symbolic selector sign(1 + sign(u − v)) is NaN when u or v is; the runtime modes return the NaN argument and its derivative";
    private const string PowerOfNonPositiveBase =
        "the symbolic exponent term is uᵛ·ln u·v′; with no comparison in the expression language it cannot be 0 where u ≤ 0";
    private const string ZeroToTheZero =
        "the symbolic base term v·uᵛ⁻¹·u′ is 0·0⁻¹ at 0⁰; with no comparison in the expression language it cannot be 0 there";
    private const string PlainArithmetic =
        "forward-mode × and ÷ use the plain product and quotient rules, so an infinite operand or quotient times a zero tangent is NaN";

    /// <summary>Both symbolic implementations deviate alike: the interpreter and the compiled code evaluate the same derivative.</summary>
    private static RulePoint ExceptSymbolic(this RulePoint row, double[] partials, string reason) =>
        row.Except(Implementation.Symbolic, partials, reason).Except(Implementation.SymbolicCompiled, partials, reason);

    /// <summary>The forward-mode implementations deviate alike here: Dual, DualVector and the generated tangent code.</summary>
    private static RulePoint ExceptForward(this RulePoint row, double[] partials) =>
        row.Except(Implementation.ForwardDual, partials, PlainArithmetic).Except(Implementation.ForwardDualVector, partials, PlainArithmetic)
            .Except(Implementation.GeneratedTangent, partials, PlainArithmetic);

    /// <summary>Every row of the table.</summary>
    public static IReadOnlyList<RulePoint> Rows { get; } =
    [
        At("Add", 1.5, -2, -0.5, 1, 1),
        At("Add", Inf, -Inf, NaN, 1, 1),
        At("Subtract", 1.5, -2, 3.5, 1, -1),
        At("Subtract", Inf, Inf, NaN, 1, -1),
        At("Multiply", 1.5, -2, -3, -2, 1.5),
        At("Multiply", Inf, 0, NaN, 0, Inf).ExceptForward([NaN, Inf]),
        At("Divide", 3, 2, 1.5, 0.5, -0.75),
        At("Divide", 1, 0, Inf, Inf, -Inf)
            .Except(Implementation.ForwardDual, [NaN, -Inf], PlainArithmetic)              // (ẋ − q·ẏ)/y
            .Except(Implementation.ForwardDualVector, [NaN, NaN], PlainArithmetic)         // ẋ·(1/y) + ẏ·(−q/y), both directions at once
            .Except(Implementation.GeneratedTangent, [NaN, NaN], PlainArithmetic),         // ẋ·(1/y) + ẏ·(−q/y)
        At("Divide", 0, 0, NaN, Inf, NaN).ExceptForward([NaN, NaN]),
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
        At("Max", -Inf, -Inf, -Inf, 1, 0).ExceptSymbolic([NaN, NaN], TieAtInfinity),
        At("Max", NaN, 1, NaN, 1, 0).ExceptSymbolic([NaN, NaN], NaNSelection),     // the NaN argument is returned
        At("Max", 1, NaN, NaN, 0, 1).ExceptSymbolic([NaN, NaN], NaNSelection),
        At("Min", 1, 2, 1, 1, 0),
        At("Min", 2, 1, 1, 0, 1),
        At("Min", 1, 1, 1, 1, 0),
        At("Min", -0.0, 0, 0, 1, 0),
        At("Min", -Inf, 1, -Inf, 1, 0),
        At("Min", Inf, Inf, Inf, 1, 0).ExceptSymbolic([NaN, NaN], TieAtInfinity),
        At("Min", NaN, 1, NaN, 1, 0).ExceptSymbolic([NaN, NaN], NaNSelection),
        At("Min", 1, NaN, NaN, 0, 1).ExceptSymbolic([NaN, NaN], NaNSelection),

        At("Pow", 2, 3, 8, 12, 8 * Math.Log(2)),
        At("Pow", 0.5, -1.5, Math.Pow(0.5, -1.5), -1.5 * Math.Pow(0.5, -2.5), Math.Pow(0.5, -1.5) * Math.Log(0.5)),
        At("Pow", -2, 3, -8, 12, 0).ExceptSymbolic([12, NaN], PowerOfNonPositiveBase),                 // ∂/∂b = 0 where a ≤ 0
        At("Pow", -2, 0.5, NaN, NaN, 0).ExceptSymbolic([NaN, NaN], PowerOfNonPositiveBase),
        At("Pow", 0, 2, 0, 0, 0).ExceptSymbolic([0, NaN], PowerOfNonPositiveBase),
        At("Pow", 0, 0.5, 0, Inf, 0).ExceptSymbolic([Inf, NaN], PowerOfNonPositiveBase),
        At("Pow", 0, -1, Inf, -Inf, 0).ExceptSymbolic([-Inf, -Inf], PowerOfNonPositiveBase),
        At("Pow", 0, 0, 1, 0, 0).ExceptSymbolic([NaN, -Inf], ZeroToTheZero + "; and " + PowerOfNonPositiveBase),                    // 0⁰ = 1, with both partials 0
        At("PowConstantExponent", 4, 32, 20),
        At("PowConstantExponent", 0, 0, 0),
        At("PowConstantExponent", -1, NaN, NaN),
    ];

    /// <summary>The rows as theory data, by label.</summary>
    public static TheoryData<string> Labels => new(Rows.Select(r => r.Label));

    /// <summary>The row with the given label.</summary>
    public static RulePoint Row(string label) => Rows.Single(r => r.Label == label);
}
