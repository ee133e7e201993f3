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
}
