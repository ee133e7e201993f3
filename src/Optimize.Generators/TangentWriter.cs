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
            case ExpressionStatementSyntax e when M.IsPassiveCall(e.Expression):
            case ThrowStatementSyntax:
                code.Line(M.Render(s).Trim());
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
}
