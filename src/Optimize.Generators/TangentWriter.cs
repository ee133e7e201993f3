using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimize.Generators;

/// <summary>
/// Writes the tangent (forward-mode) code: each statement is preceded by the statement of its
/// tangent, so one pass computes f(x) and ∇f(x)·p (Griewank &amp; Walther 2008, ch. 3).
/// </summary>
internal sealed class TangentWriter(MethodModel m) : WriterBase(m)
{
    public void Statements(IEnumerable<StatementSyntax> statements, Code code)
    {
        foreach (var s in statements) Statement(s, code);
    }

    /// <summary>Writes the tangent of an active tree; null means the tangent is zero.</summary>
    private string? Tangent(Node n, Code code, Dictionary<Node, string> values)
    {
        switch (n)
        {
            case VariableNode v: return M.Tangent(v.Symbol);
            case InputNode input: return $"direction[{input.Index}]";
            case ElementNode element: return $"{M.Tangent(element.Array)}[{element.Index}]";
            case ConstantNode: return null;
            case ChoiceNode c:
            {
                string? t = Tangent(c.WhenTrue, code, values), f = Tangent(c.WhenFalse, code, values);
                return t is null && f is null ? null : Temporary($"({c.Condition}) ? {t ?? M.Rules.Zero} : {f ?? M.Rules.Zero}", code);
            }
            case OperationNode op:
            {
                var args = op.Operands.Select(o => Value(o, code, values)).ToArray();
                var tangents = op.Operands.Select(o => Tangent(o, code, values)).ToArray();
                if (M.Rules.Selection(op.Op, args) is { } first)
                    return tangents.All(t => t is null) ? null : Temporary($"({first}) ? {tangents[0] ?? M.Rules.Zero} : {tangents[1] ?? M.Rules.Zero}", code);
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

    private string Temporary(string expression, Code code)
    {
        string name = Fresh("__d");
        code.Line($"{M.Rules.Scalar} {name} = {expression};");
        return name;
    }

    private void Statement(StatementSyntax s, Code code)
    {
        switch (s)
        {
            case LocalDeclarationStatementSyntax decl:
                foreach (var d in decl.Declaration.Variables)
                {
                    var local = M.DeclaredLocal(d)!;
                    string type = M.TypeName(local, d);
                    if (M.IsScalarArray(local.Type))
                    {
                        code.Line($"{type} {M.Render(d)};");
                        if (M.Active.Contains(local))
                            code.Line($"{type} {M.Tangent(local)} = {(d.Initializer is null ? "default!" : $"new {M.Rules.Scalar}[{M.Name(local)}.Length]")};");
                        continue;
                    }
                    if (!M.Active.Contains(local))
                    {
                        code.Line($"{type} {M.Render(d)};");
                        continue;
                    }
                    if (d.Initializer is null)
                    {
                        code.Line($"{M.Rules.Scalar} {M.Name(local)} = {M.Rules.Zero}, {M.Tangent(local)} = {M.Rules.Zero};");
                        continue;
                    }
                    var (v, t) = ValueAndTangent(M.ToNode(d.Initializer.Value), code);
                    code.Line($"{M.Rules.Scalar} {M.Tangent(local)} = {t};");
                    code.Line($"{M.Rules.Scalar} {M.Name(local)} = {v};");
                }
                break;
            case ExpressionStatementSyntax e:
            {
                var target = Target(e.Expression, out var right, out var kind, out var index) ?? throw Unsupported(s);
                if (!M.Active.Contains(target))
                {
                    code.Line(M.Render(s).Trim());
                    break;
                }
                if (right is null) throw Unsupported(s);
                // The tangent is assigned first: it reads the old value of the target.
                var (v, t) = ValueAndTangent(Assigned(target, right, kind, index), code);
                code.Line(index is null ? $"{M.Tangent(target)} = {t};" : $"{M.Tangent(target)}[{index}] = {t};");
                code.Line($"{Place(target, index)} = {v};");
                break;
            }
            case IfStatementSyntax i:
                code.Open($"if ({M.Render(i.Condition)})");
                Statements(StatementsOf(i.Statement), code);
                code.Close();
                if (i.Else is { } otherwise)
                {
                    code.Open("else");
                    Statements(StatementsOf(otherwise.Statement), code);
                    code.Close();
                }
                break;
            case ForStatementSyntax or WhileStatementSyntax:
                code.Open(LoopHeader(s));
                Statements(StatementsOf(LoopBody(s)), code);
                code.Close();
                break;
            case BlockSyntax b:
                code.Open("");
                Statements(b.Statements, code);
                code.Close();
                break;
            case EmptyStatementSyntax:
                break;
            default:
                throw Unsupported(s);
        }
    }

    /// <summary>Writes the final return: the tangent into <c>derivative</c>, then the value.</summary>
    public void Return(ExpressionSyntax result, Code code)
    {
        var (v, t) = ValueAndTangent(M.ToNode(result), code);
        code.Line($"derivative = {t};");
        code.Line($"return {v};");
    }

    /// <summary>Writes the outputs of a vector function: each output's tangent into <c>derivative</c>, its value into the output.</summary>
    public void Outputs(IReadOnlyList<ExpressionSyntax> outputs, string output, Code code)
    {
        for (int k = 0; k < outputs.Count; k++)
        {
            var (v, t) = ValueAndTangent(M.ToNode(outputs[k]), code);
            code.Line($"derivative[{k}] = {t};");
            code.Line($"{output}[{k}] = {v};");
        }
    }

    /// <summary>Writes the temporaries of a tree's value and tangent; returns the code of both.</summary>
    private (string Value, string Tangent) ValueAndTangent(Node node, Code code)
    {
        var values = new Dictionary<Node, string>();
        string? t = Tangent(node, code, values);
        return (Value(node, code, values), t ?? M.Rules.Zero);
    }
}
