namespace Optimize.Generators;

/// <summary>
/// The derivative rules of the elementary functions, as C# expressions over the operands' values and
/// the result's value. They follow the conventions of docs/derivative-rules.md, shared with the runtime modes
/// (IDifferentiableScalar): Abs′(0) = 0 and Abs′(NaN) = NaN, Max and Min at a tie (or a NaN first argument)
/// select the first argument, and Pow(a, b) has ∂/∂b = 0 where a ≤ 0 and ∂/∂a = 0 at 0⁰.
/// </summary>
internal sealed class Rules(string scalar)
{
    /// <summary>The scalar type's name in the generated code.</summary>
    public string Scalar { get; } = scalar;
    /// <summary>The constant 1 of the scalar type.</summary>
    public string One { get; } = scalar + ".One";
    /// <summary>The constant 0 of the scalar type.</summary>
    public string Zero { get; } = scalar + ".Zero";
    /// <summary>The constant −1 of the scalar type.</summary>
    public string MinusOne { get; } = "(-" + scalar + ".One)";

    /// <summary>How many arguments the function takes, or 0 if the generator does not differentiate it.</summary>
    public static int Arity(string function) => function switch
    {
        "Sqrt" or "Exp" or "Log" or "Sin" or "Cos" or "Tan" or "Asin" or "Acos" or "Atan"
            or "Sinh" or "Cosh" or "Tanh" or "Abs" => 1,
        "Atan2" or "Pow" or "Min" or "Max" => 2,
        _ => 0,
    };

    /// <summary>The value of op applied to the operand values.</summary>
    public string Value(string op, string[] a) => op switch
    {
        "+" or "-" or "*" or "/" => $"{a[0]} {op} {a[1]}",
        "neg" => $"-{a[0]}",
        _ => $"{Scalar}.{op}({string.Join(", ", a)})",
    };

    /// <summary>
    /// For Min and Max, the condition under which the first argument is selected; null for other operations.
    /// </summary>
    public string? Selection(string op, string[] a) => op switch
    {
        "Max" => $"{Scalar}.IsNaN({a[0]}) || {a[0]} >= {a[1]}",
        "Min" => $"{Scalar}.IsNaN({a[0]}) || {a[0]} <= {a[1]}",
        _ => null,
    };

    /// <summary>
    /// The tangent term t·d of a function's partial d, where, as in the runtime forward mode (Dual), a zero
    /// double tangent adds exactly zero also when d is infinite or NaN: an operand that does not move along the
    /// direction (√ and 0^y at 0) adds nothing to the directional derivative.
    /// </summary>
    /// <param name="derivative">The partial derivative, a name.</param>
    /// <param name="tangent">The operand's tangent, a name.</param>
    public string Along(string derivative, string tangent) =>
        $"(typeof({Scalar}) == typeof(double) && {tangent} == {Zero} && !{Scalar}.IsFinite({derivative}) ? {Zero} : {tangent} * {derivative})";

    /// <summary>Whether the partial derivatives of op read its result's value.</summary>
    public static bool ReadsResult(string op) => op is "/" or "Sqrt" or "Exp" or "Tan" or "Tanh" or "Pow";

    /// <summary>The partial derivative of op with respect to operand <paramref name="k"/>.</summary>
    /// <param name="op">The operation (not Min or Max, which select).</param>
    /// <param name="k">Which operand.</param>
    /// <param name="a">The operands' values.</param>
    /// <param name="r">The result's value.</param>
    public string Partial(string op, int k, string[] a, string r) => (op, k) switch
    {
        ("+", _) => One,
        ("-", 0) => One,
        ("-", 1) => MinusOne,
        ("*", 0) => a[1],
        ("*", 1) => a[0],
        ("/", 0) => $"({One} / {a[1]})",
        ("/", 1) => $"(-{r} / {a[1]})",
        ("neg", _) => MinusOne,
        ("Sqrt", _) => $"({One} / ({r} + {r}))",
        ("Exp", _) => r,
        ("Log", _) => $"({One} / {a[0]})",
        ("Sin", _) => $"{Scalar}.Cos({a[0]})",
        ("Cos", _) => $"(-{Scalar}.Sin({a[0]}))",
        ("Tan", _) => $"({One} + {r} * {r})",
        ("Asin", _) => $"({One} / {Scalar}.Sqrt({One} - {a[0]} * {a[0]}))",
        ("Acos", _) => $"({MinusOne} / {Scalar}.Sqrt({One} - {a[0]} * {a[0]}))",
        ("Atan", _) => $"({One} / ({One} + {a[0]} * {a[0]}))",
        ("Sinh", _) => $"{Scalar}.Cosh({a[0]})",
        ("Cosh", _) => $"{Scalar}.Sinh({a[0]})",
        ("Tanh", _) => $"({One} - {r} * {r})",
        ("Abs", _) => $"({a[0]} > {Zero} ? {One} : {a[0]} < {Zero} ? {MinusOne} : {Scalar}.IsNaN({a[0]}) ? {a[0]} : {Zero})",
        ("Atan2", 0) => $"({a[1]} / ({a[0]} * {a[0]} + {a[1]} * {a[1]}))",
        ("Atan2", 1) => $"(-{a[0]} / ({a[0]} * {a[0]} + {a[1]} * {a[1]}))",
        ("Pow", 0) => $"({a[1]} == {Zero} && {a[0]} == {Zero} ? {Zero} : {a[1]} * {Scalar}.Pow({a[0]}, {a[1]} - {One}))",
        ("Pow", 1) => $"({a[0]} > {Zero} ? {r} * {Scalar}.Log({a[0]}) : {Zero})",
        _ => throw new System.ArgumentException($"no rule for {op} operand {k}"),
    };

    /// <summary>
    /// The tangent of the partial derivative of op with respect to operand <paramref name="k"/> along the direction:
    /// Σⱼ ∂²op/∂aₖ∂aⱼ · ȧⱼ, written over the partial's value, the operands and their tangents. The second-order
    /// adjoint code needs it: the adjoint ā += φₖ·z̄ has the tangent ǡ += φₖ·ż̄ + φ̇ₖ·z̄ (Griewank &amp; Walther 2008,
    /// §5.4). Null when it is zero.
    /// </summary>
    /// <param name="op">The operation (not Min or Max, which select).</param>
    /// <param name="k">Which operand.</param>
    /// <param name="a">The operands' values.</param>
    /// <param name="t">The operands' tangents; null where an operand is constant.</param>
    /// <param name="r">The result's value (read by the operations of <see cref="ReadsResult"/>).</param>
    /// <param name="rt">The result's tangent, or null.</param>
    /// <param name="p">The partial's value, a name.</param>
    public string? PartialTangent(string op, int k, string[] a, string?[] t, string r, string? rt, string p)
    {
        string? t0 = t[0], t1 = t.Length > 1 ? t[1] : null;
        switch (op, k)
        {
            case ("+", _) or ("-", _) or ("neg", _) or ("Abs", _):
                return null;
            case ("*", 0): return t1;
            case ("*", 1): return t0;
            case ("/", 0): return t1 is null ? null : $"(-{t1} * {p} * {p})";
            case ("/", 1): return Sum(rt, Times(p, t1)) is { } d ? $"(-({d}) / {a[1]})" : null;
            case ("Sqrt", _): return rt is null ? null : $"(-{rt} / ({r} * ({r} + {r})))";
            case ("Exp", _): return rt;
        }
        if (op is "Atan2")
        {
            var s = Sum(Times(a[0], t0), Times(a[1], t1));
            if (s is null) return null;
            string own = k == 0 ? t1 ?? Zero : t0 is null ? Zero : $"(-{t0})";
            return $"(({own} - ({p} + {p}) * ({s})) / ({a[0]} * {a[0]} + {a[1]} * {a[1]}))";
        }
        if (op is "Pow")
        {
            if (k == 1)
            {
                var d = Sum(Times(rt, $"{Scalar}.Log({a[0]})"), t0 is null ? null : $"{r} * {t0} / {a[0]}");
                return d is null ? null : $"({a[0]} > {Zero} ? {d} : {Zero})";
            }
            string q = $"{Scalar}.Pow({a[0]}, {a[1]} - {One})";
            string? alongBase = t0 is null ? null : $"({a[1]} - {One} == {Zero} && {a[0]} == {Zero} ? {Zero} : ({a[1]} - {One}) * {Scalar}.Pow({a[0]}, {a[1]} - ({One} + {One}))) * {t0}";
            string? alongExponent = t1 is null ? null : $"({a[0]} > {Zero} ? {q} * {Scalar}.Log({a[0]}) : {Zero}) * {t1}";
            var dq = Sum(alongBase, alongExponent);
            var dp = Sum(Times(t1, q), dq is null ? null : $"{a[1]} * ({dq})");
            return dp is null ? null : $"({a[1]} == {Zero} && {a[0]} == {Zero} ? {Zero} : {dp})";
        }
        if (t0 is null) return null;
        return op switch
        {
            "Log" => $"(-{t0} / ({a[0]} * {a[0]}))",
            "Sin" => $"(-{Scalar}.Sin({a[0]}) * {t0})",
            "Cos" => $"(-{Scalar}.Cos({a[0]}) * {t0})",
            "Tan" => $"(({r} + {r}) * {rt})",
            "Asin" or "Acos" => $"({a[0]} * {t0} * {p} * {p} * {p})",
            "Atan" => $"(-({a[0]} + {a[0]}) * {t0} * {p} * {p})",
            "Sinh" => $"({Scalar}.Sinh({a[0]}) * {t0})",
            "Cosh" => $"({Scalar}.Cosh({a[0]}) * {t0})",
            "Tanh" => $"(-({r} + {r}) * {rt})",
            _ => throw new System.ArgumentException($"no second-order rule for {op} operand {k}"),
        };
    }

    /// <summary>The product of two factors, null (zero) when either is.</summary>
    private static string? Times(string? a, string? b) => a is null || b is null ? null : $"{a} * {b}";

    /// <summary>The sum of two terms, null (zero) when both are.</summary>
    private static string? Sum(string? a, string? b) => a is null ? b : b is null ? a : $"{a} + {b}";
}
