using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Optimize.Generators;

/// <summary>
/// Moves the body of the loop the adjoint code runs forward and backwards once per iteration, where that body holds
/// nested loops, into a local function, called once per iteration. The JIT allocates registers over a whole method: in
/// one method that holds every sweep, the arrays and indices of the innermost loops are spilled and loaded from the
/// stack frame in each iteration; in a method that holds one iteration they stay in registers. The outer variables the
/// body reads are passed by value under their own names, so that the body's code is the same text; those it assigns are
/// passed by reference and copied into locals of their names on entry and back on exit. The function is compiled with
/// full optimization at once
/// (<c>MethodImplOptions.AggressiveOptimization</c>): a loop body called a few thousand times per evaluation otherwise
/// runs as on-stack-replaced and profile-instrumented code whose quality changes from one run to the next. A body with
/// one level of inner loops (least squares' rows) compiles well in place, and a call per iteration made its gradient
/// and Hessian-vector product 4% and 10% slower, so it stays.
/// </summary>
internal static class Outlining
{
    /// <summary>The line that starts an iteration body that may be outlined.</summary>
    public const string Begin = "/*__iteration_begin*/";

    /// <summary>The line that ends it.</summary>
    public const string End = "/*__iteration_end*/";

    private static readonly Regex Declaration = new(
        @"^[ \t]*(?:for[ \t]*\([ \t]*)?(?<type>(?:global::)?[A-Za-z_][\w.]*(?:<[^;=()]*?>)?(?:\[\])*)[ \t]+(?<name>[A-Za-z_]\w*)[ \t]*(?:=|;)",
        RegexOptions.Multiline);

    private static readonly Regex Identifier = new(@"(?<![\w.@])[A-Za-z_]\w*");

    private static readonly Regex Literal = new("@?\\$?\"(?:[^\"\\\\]|\\\\.)*\"");

    private static readonly HashSet<string> Keywords = new() { "else", "return", "new", "case", "goto", "throw", "await", "in", "is", "as", "out", "ref", "using", "yield", "var", "const", "static" };

    /// <summary>
    /// Outlines the marked body in <paramref name="code"/>. The lowering has already turned every <c>break</c>,
    /// <c>continue</c> and early <c>return</c> into structured code, and every declaration the writers emit spells out
    /// its type, so the body moves as it is.
    /// </summary>
    /// <param name="code">The whole body of the generated method.</param>
    /// <param name="parameters">The generated method's parameters, type and name.</param>
    public static void Apply(Code code, IReadOnlyList<(string Type, string Name)> parameters)
    {
        string text = code.ToString();
        int begin = text.IndexOf(Begin, System.StringComparison.Ordinal), end = text.IndexOf(End, System.StringComparison.Ordinal);
        if (begin < 0 || end < begin) return;
        // The marked lines run from the start of the Begin line to the end of the End line; the body lies between.
        int beginLine = text.LastIndexOf('\n', begin) + 1, endLine = text.IndexOf('\n', end) + 1;
        int bodyStart = text.IndexOf('\n', begin) + 1, bodyEnd = text.LastIndexOf('\n', end) + 1;
        string marked = text.Substring(beginLine, endLine - beginLine);
        string body = text.Substring(bodyStart, bodyEnd - bodyStart);
        string before = text.Substring(0, beginLine);
        var outer = Declared(before);
        foreach (var (type, name) in parameters) outer[name] = type;
        var inner = Declared(body);
        string words = Literal.Replace(body, "\"\"");
        var free = new List<(string Type, string Name)>();
        foreach (Match id in Identifier.Matches(words))
            if (!inner.ContainsKey(id.Value) && outer.TryGetValue(id.Value, out var type) && !free.Any(f => f.Name == id.Value))
                free.Add((type, id.Value));
        string indent = marked.Substring(0, marked.Length - marked.TrimStart(' ').Length);
        // What the body assigns goes by reference, copied into a local on entry and back on exit; the rest by value
        // (a local copied from a reference parameter is not kept in a register as well as a parameter passed by value).
        var assigned = new HashSet<string>(free.Where(f => Assigns(words, f.Name)).Select(f => f.Name));
        // A flag that compares types (the second-order code's typeof(__W) == typeof(bool)) is declared again inside:
        // the JIT folds it to a constant there, and drops the code it disables, which it cannot do for a parameter.
        var folded = free.Where(f => !assigned.Contains(f.Name))
            .Select(f => (f.Type, f.Name, Test: TypeTest(before, f.Name)))
            .Where(f => f.Test is not null).ToList();
        free = free.Where(f => !folded.Any(g => g.Name == f.Name)).ToList();
        string arguments = string.Join(", ", free.Select(f => assigned.Contains(f.Name) ? "ref " + f.Name : f.Name));
        code.Replace(marked, $"{indent}__Iteration({arguments});\n");
        code.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        code.Open($"void __Iteration({string.Join(", ", free.Select(f => assigned.Contains(f.Name) ? $"ref {f.Type} __o_{f.Name}" : $"{f.Type} {f.Name}"))})");
        foreach (var (type, name, test) in folded) code.Line($"{type} {name} = {test};");
        foreach (var (type, name) in free.Where(f => assigned.Contains(f.Name))) code.Line($"{type} {name} = __o_{name};");
        foreach (var line in body.Split('\n'))
            if (line.Trim().Length > 0) code.Line(line.Trim());
        foreach (var (_, name) in free.Where(f => assigned.Contains(f.Name))) code.Line($"__o_{name} = {name};");
        code.Close();
    }

    /// <summary>The initializer <c>typeof(A) == typeof(B)</c> of a variable declared in code, or null.</summary>
    private static string? TypeTest(string code, string name)
    {
        var m = Regex.Match(code, $@"^[ \t]*bool[ \t]+{Regex.Escape(name)}[ \t]*=[ \t]*(?<test>typeof\(\w+\)[ \t]*==[ \t]*typeof\(\w+\));", RegexOptions.Multiline);
        return m.Success ? m.Groups["test"].Value : null;
    }

    /// <summary>
    /// Whether code assigns a variable: <c>v = </c>, a compound assignment, an increment or decrement, or passing it
    /// by <c>ref</c> or <c>out</c>. A store to an element of an array variable does not assign the variable.
    /// </summary>
    private static bool Assigns(string code, string name)
    {
        string v = Regex.Escape(name);
        return Regex.IsMatch(code, $@"(?<![\w.]){v}\s*(?:[-+*/%&|^]|<<|>>|\?\?)?=(?!=)")
            || Regex.IsMatch(code, $@"(?:\+\+|--)\s*{v}(?!\w)|(?<![\w.]){v}\s*(?:\+\+|--)")
            || Regex.IsMatch(code, $@"\b(?:ref|out)\s+{v}(?!\w)");
    }

    /// <summary>The variables a piece of generated code declares, by name, with their types as written.</summary>
    private static Dictionary<string, string> Declared(string text)
    {
        var declared = new Dictionary<string, string>();
        foreach (Match d in Declaration.Matches(text))
        {
            string type = d.Groups["type"].Value, name = d.Groups["name"].Value;
            if (Keywords.Contains(type)) continue;
            declared[name] = type;
        }
        return declared;
    }
}
