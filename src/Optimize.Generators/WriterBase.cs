using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimize.Generators;

/// <summary>What both writers share: the method, fresh names, and the values of expression trees.</summary>
internal abstract class WriterBase(MethodModel m)
{
    private int fresh;

    protected MethodModel M { get; } = m;

    protected string Fresh(string prefix) => prefix + (fresh++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes temporaries for the interior values of a tree; returns the code of its value.</summary>
    protected string Value(Node n, Code code, Dictionary<Node, string> values)
    {
        if (values.TryGetValue(n, out var known)) return known;
        string v;
        switch (n)
        {
            case VariableNode var: v = M.Name(var.Symbol); break;
            case InputNode input: v = $"{M.Input.Name}[{IndexOf(input, code, values)}]"; break;
            case ElementNode element: v = $"{M.Name(element.Array)}[{element.Index}]"; break;
            case ConstantNode c: v = c.Text; break;
            case OperationNode op:
                var args = op.Operands.Select(o => Value(o, code, values)).ToArray();
                v = Fresh("__t");
                code.Line($"{M.Rules.Scalar} {v} = {M.Rules.Value(op.Op, args)};");
                break;
            case ChoiceNode choice:
                // Only the branch taken is evaluated, as in c ? u : v (the other may read x out of range).
                v = Fresh("__t");
                code.Line($"{M.Rules.Scalar} {v};");
                Branches(choice, code, values, (branch, inner) => $"{v} = {Value(branch, code, inner)};");
                break;
            default: throw new System.InvalidOperationException(n.GetType().Name);
        }
        values[n] = v;
        return v;
    }

    /// <summary>
    /// Writes the temporaries of the tangent of an active tree along the direction (forward mode; Griewank &amp;
    /// Walther 2008, ch. 3); returns its code, or null when the tangent is zero. Tangents are remembered in
    /// <paramref name="values"/> beside the values, so that a subtree's tangent is written once.
    /// </summary>
    protected string? Tangent(Node n, Code code, Dictionary<Node, string> values)
    {
        var key = new TangentKey(n);
        if (values.TryGetValue(key, out var known)) return known.Length == 0 ? null : known;
        string? tangent = TangentOf(n, code, values);
        values[key] = tangent ?? "";
        return tangent;
    }

    private string? TangentOf(Node n, Code code, Dictionary<Node, string> values)
    {
        switch (n)
        {
            case VariableNode v: return M.Tangent(v.Symbol);
            case InputNode input: return $"direction[{IndexOf(input, code, values)}]";
            case ElementNode element: return $"{M.Tangent(element.Array)}[{element.Index}]";
            case ConstantNode: return null;
            case ChoiceNode c:
            {
                if (!Moves(c)) return null;
                string d = Fresh("__d");
                code.Line($"{M.Rules.Scalar} {d};");
                Branches(c, code, values, (branch, inner) => $"{d} = {Tangent(branch, code, inner) ?? M.Rules.Zero};");
                return d;
            }
            case OperationNode op:
            {
                var args = op.Operands.Select(o => Value(o, code, values)).ToArray();
                var tangents = op.Operands.Select(o => Tangent(o, code, values)).ToArray();
                if (M.Rules.Selection(op.Op, args) is { } first)
                    return tangents.All(t => t is null) ? null : Temporary($"({first}) ? {tangents[0] ?? M.Rules.Zero} : {tangents[1] ?? M.Rules.Zero}", code);
                // A square a·a: 2ȧ·a, one product (the same double as ȧ·a + ȧ·a).
                if (op.Op == "*" && SameLeaf(op.Operands[0], op.Operands[1]) && tangents[0] is { } t0)
                    return Temporary($"({t0} + {t0}) * {args[0]}", code);
                string r = Rules.ReadsResult(op.Op) ? Value(n, code, values) : "";
                var terms = new List<string>();
                for (int k = 0; k < args.Length; k++)
                {
                    if (tangents[k] is not { } t) continue;
                    string p = M.Rules.Partial(op.Op, k, args, r);
                    if (Rules.Arity(op.Op) > 0)
                        terms.Add(M.Rules.Along(Temporary(p, code), t));
                    else
                        terms.Add(p == M.Rules.One ? t : p == M.Rules.MinusOne ? $"(-{t})" : $"{t} * {p}");
                }
                return terms.Count == 0 ? null : Temporary(string.Join(" + ", terms), code);
            }
            default: throw new System.InvalidOperationException(n.GetType().Name);
        }
    }

    /// <summary>
    /// Writes <c>if (c) { … } else { … }</c> with the code <paramref name="assign"/> writes for each branch of a choice.
    /// The temporaries of a branch live in its block: each branch remembers them in a copy of <paramref name="values"/>.
    /// </summary>
    private static void Branches(ChoiceNode choice, Code code, Dictionary<Node, string> values, System.Func<Node, Dictionary<Node, string>, string> assign)
    {
        code.Open($"if ({choice.Condition})");
        code.Line(assign(choice.WhenTrue, new Dictionary<Node, string>(values)));
        code.Close();
        code.Open("else");
        code.Line(assign(choice.WhenFalse, new Dictionary<Node, string>(values)));
        code.Close();
    }

    /// <summary>Whether a tree moves along the direction: it has a leaf that reads x or an active local (else its tangent is null).</summary>
    private static bool Moves(Node n) => n switch
    {
        ConstantNode => false,
        OperationNode op => op.Operands.Any(Moves),
        ChoiceNode c => Moves(c.WhenTrue) || Moves(c.WhenFalse),
        _ => true,
    };

    /// <summary>Whether two operands are the same variable, element of x or element of an array (the operands of a square).</summary>
    protected static bool SameLeaf(Node a, Node b) => (a, b) switch
    {
        (VariableNode u, VariableNode v) => SymbolEqualityComparer.Default.Equals(u.Symbol, v.Symbol),
        (InputNode u, InputNode v) => u.Index == v.Index,
        (ElementNode u, ElementNode v) => SymbolEqualityComparer.Default.Equals(u.Array, v.Array) && u.Index == v.Index,
        _ => false,
    };

    /// <summary>The key under which a node's tangent is remembered beside its value.</summary>
    private sealed class TangentKey(Node node) : Node
    {
        private readonly Node node = node;
        public override bool Equals(object? obj) => obj is TangentKey other && ReferenceEquals(other.node, node);
        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(node);
    }

    /// <summary>Writes a temporary of the scalar type holding an expression; returns its name.</summary>
    protected string Temporary(string expression, Code code)
    {
        string name = Fresh("__d");
        code.Line($"{M.Rules.Scalar} {name} = {expression};");
        return name;
    }

    /// <summary>Writes the temporaries of a tree's value and tangent; returns the code of both.</summary>
    protected (string Value, string Tangent) ValueAndTangent(Node node, Code code)
    {
        var values = new Dictionary<Node, string>();
        string? t = Tangent(node, code, values);
        return (Value(node, code, values), t ?? M.Rules.Zero);
    }

    /// <summary>
    /// The index of an element of x, in a local when it is computed (<c>x[lower + table[r * d + j]]</c>): the value
    /// and the adjoint of the element then read it once. The JIT does not reuse such an index across the store into
    /// the gradient.
    /// </summary>
    protected string IndexOf(InputNode input, Code code, Dictionary<Node, string> values)
    {
        if (values.TryGetValue(input.Slot, out var known)) return known;
        if (SyntaxFacts.IsValidIdentifier(input.Index) || int.TryParse(input.Index, out _)) return input.Index;
        string i = Fresh("__i");
        code.Line($"int {i} = {input.Index};");
        values[input.Slot] = i;
        return i;
    }

    /// <summary>Rejects a statement the generator does not transform.</summary>
    protected static UnsupportedException Unsupported(SyntaxNode node) =>
        new(node, $"the statement '{Short(node)}' is outside the subset the derivative generator transforms");

    protected static string Short(SyntaxNode node)
    {
        string s = node.ToString().Replace('\n', ' ').Replace('\r', ' ');
        return s.Length <= 60 ? s : s.Substring(0, 57) + "...";
    }

    /// <summary>The statements of a body or of a single embedded statement.</summary>
    protected static IReadOnlyList<StatementSyntax> StatementsOf(StatementSyntax s) =>
        s is BlockSyntax b ? b.Statements : new[] { s };

    /// <summary>The local a simple assignment or increment writes, or null if the statement is not one.</summary>
    protected ILocalSymbol? Target(ExpressionSyntax e, out ExpressionSyntax? right, out SyntaxKind kind) => Target(e, out right, out kind, out _);

    /// <summary>
    /// The local a simple assignment or increment writes, or null if the statement is not one; for an element a[i]
    /// of a local array of T, the array, with the index rendered in <paramref name="index"/>.
    /// </summary>
    protected ILocalSymbol? Target(ExpressionSyntax e, out ExpressionSyntax? right, out SyntaxKind kind, out string? index)
    {
        right = null;
        index = null;
        kind = e.Kind();
        ExpressionSyntax? left = e switch
        {
            AssignmentExpressionSyntax a => a.Left,
            PostfixUnaryExpressionSyntax p => p.Operand,
            PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression) => p.Operand,
            _ => null,
        };
        if (e is AssignmentExpressionSyntax assignment) right = assignment.Right;
        if (left is null) return null;
        if (left is ElementAccessExpressionSyntax access && M.ArrayOf(access) is { } array)
        {
            var at = access.ArgumentList.Arguments[0].Expression;
            if (M.IsActive(at)) throw new UnsupportedException(at, $"the index '{Short(at)}' depends on x");
            if (right is null) throw new UnsupportedException(e, $"'{Short(e)}' increments an element of an array of the scalar type");
            index = M.Render(at);
            return array;
        }
        return M.SymbolOf(left) as ILocalSymbol ?? throw new UnsupportedException(e, $"'{Short(e)}' writes to something other than a local variable");
    }

    /// <summary>The code of a written place: the local, or its element.</summary>
    protected string Place(ILocalSymbol local, string? index) => index is null ? M.Name(local) : $"{M.Name(local)}[{index}]";

    /// <summary>The tree of an assignment's new value: the right side, or the target combined with it.</summary>
    protected Node Assigned(ILocalSymbol target, ExpressionSyntax right, SyntaxKind kind, string? index = null)
    {
        var r = M.ToNode(right);
        string? op = kind switch
        {
            SyntaxKind.SimpleAssignmentExpression => null,
            SyntaxKind.AddAssignmentExpression => "+",
            SyntaxKind.SubtractAssignmentExpression => "-",
            SyntaxKind.MultiplyAssignmentExpression => "*",
            SyntaxKind.DivideAssignmentExpression => "/",
            _ => throw new UnsupportedException(right.Parent!, $"'{Short(right.Parent!)}' is not an assignment the derivative generator differentiates"),
        };
        Node old = index is null ? new VariableNode(target) : new ElementNode(target, index);
        return op is null ? r : new OperationNode(op, old, r);
    }

    /// <summary>The header of a loop, rendered: its T-typed parts must not depend on x.</summary>
    protected string LoopHeader(StatementSyntax loop)
    {
        switch (loop)
        {
            case ForStatementSyntax f:
                if (f.Declaration is { } d && M.IsScalar(M.TypeOf(d.Type)))
                    throw new UnsupportedException(d, "a loop may not declare a variable of the scalar type in its header");
                foreach (var e in f.Incrementors.Concat(f.Initializers))
                    if (Target(e, out _, out _) is { } t && M.Active.Contains(t))
                        throw new UnsupportedException(e, $"a loop header may not change the active variable '{t.Name}'");
                string init = f.Declaration is { } decl ? M.Render(decl) : string.Join(", ", f.Initializers.Select(M.Render));
                return $"for ({init}; {(f.Condition is null ? "" : M.Render(f.Condition))}; {string.Join(", ", f.Incrementors.Select(M.Render))})";
            case WhileStatementSyntax w:
                return $"while ({M.Render(w.Condition)})";
            default:
                throw Unsupported(loop);
        }
    }

    protected static StatementSyntax LoopBody(StatementSyntax loop) => loop switch
    {
        ForStatementSyntax f => f.Statement,
        WhileStatementSyntax w => w.Statement,
        _ => throw Unsupported(loop),
    };
}
