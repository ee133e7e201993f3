namespace Optimize.Generators;

/// <summary>
/// The derivative rules of the elementary functions, as C# expressions over the operands' values and
/// the result's value. They follow the runtime modes' conventions (IDifferentiableScalar): Abs′(0) = 0,
/// Max and Min at a tie (or a NaN first argument) select the first argument, and Pow(a, b) has
/// ∂/∂b = 0 where a ≤ 0 and ∂/∂a = 0 at 0⁰.
/// </summary>
internal static class Rules
{
    /// <summary>How many arguments the function takes, or 0 if the generator does not differentiate it.</summary>
    public static int Arity(string function) => function switch
    {
        "Sqrt" or "Exp" or "Log" or "Sin" or "Cos" or "Tan" or "Asin" or "Acos" or "Atan"
            or "Sinh" or "Cosh" or "Tanh" or "Abs" => 1,
        "Atan2" or "Pow" or "Min" or "Max" => 2,
        _ => 0,
    };

    /// <summary>The value of op applied to the operand values.</summary>
    public static string Value(string op, string[] a) => op switch
    {
        "+" or "-" or "*" or "/" => $"{a[0]} {op} {a[1]}",
        "neg" => $"-{a[0]}",
        _ => $"double.{op}({string.Join(", ", a)})",
    };

    /// <summary>
    /// For Min and Max, the condition under which the first argument is selected; null for other operations.
    /// </summary>
    public static string? Selection(string op, string[] a) => op switch
    {
        "Max" => $"double.IsNaN({a[0]}) || {a[0]} >= {a[1]}",
        "Min" => $"double.IsNaN({a[0]}) || {a[0]} <= {a[1]}",
        _ => null,
    };

    /// <summary>Whether the partial derivatives of op read its result's value.</summary>
    public static bool ReadsResult(string op) => op is "/" or "Sqrt" or "Exp" or "Tan" or "Tanh" or "Pow";

    /// <summary>The partial derivative of op with respect to operand <paramref name="k"/>.</summary>
    /// <param name="op">The operation (not Min or Max, which select).</param>
    /// <param name="k">Which operand.</param>
    /// <param name="a">The operands' values.</param>
    /// <param name="r">The result's value.</param>
    public static string Partial(string op, int k, string[] a, string r) => (op, k) switch
    {
        ("+", _) => "1d",
        ("-", 0) => "1d",
        ("-", 1) => "(-1d)",
        ("*", 0) => a[1],
        ("*", 1) => a[0],
        ("/", 0) => $"(1d / {a[1]})",
        ("/", 1) => $"(-{r} / {a[1]})",
        ("neg", _) => "(-1d)",
        ("Sqrt", _) => $"(1d / ({r} + {r}))",
        ("Exp", _) => r,
        ("Log", _) => $"(1d / {a[0]})",
        ("Sin", _) => $"double.Cos({a[0]})",
        ("Cos", _) => $"(-double.Sin({a[0]}))",
        ("Tan", _) => $"(1d + {r} * {r})",
        ("Asin", _) => $"(1d / double.Sqrt(1d - {a[0]} * {a[0]}))",
        ("Acos", _) => $"(-1d / double.Sqrt(1d - {a[0]} * {a[0]}))",
        ("Atan", _) => $"(1d / (1d + {a[0]} * {a[0]}))",
        ("Sinh", _) => $"double.Cosh({a[0]})",
        ("Cosh", _) => $"double.Sinh({a[0]})",
        ("Tanh", _) => $"(1d - {r} * {r})",
        ("Abs", _) => $"({a[0]} > 0d ? 1d : {a[0]} < 0d ? -1d : 0d)",
        ("Atan2", 0) => $"({a[1]} / ({a[0]} * {a[0]} + {a[1]} * {a[1]}))",
        ("Atan2", 1) => $"(-{a[0]} / ({a[0]} * {a[0]} + {a[1]} * {a[1]}))",
        ("Pow", 0) => $"({a[1]} == 0d && {a[0]} == 0d ? 0d : {a[1]} * double.Pow({a[0]}, {a[1]} - 1d))",
        ("Pow", 1) => $"({a[0]} > 0d ? {r} * double.Log({a[0]}) : 0d)",
        _ => throw new System.ArgumentException($"no rule for {op} operand {k}"),
    };
}
