using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimize.Generators;

/// <summary>
/// Writes the adjoint (reverse-mode) code. A region (the method body or a loop body) runs forward,
/// saving each value an assignment overwrites, then runs its statements backwards with their adjoints,
/// restoring the saved values. A loop is a reduction: it changes variables declared outside it only
/// by <c>+=</c> and <c>-=</c>, so the adjoints of those variables are the same in every iteration, and
/// the adjoint of the loop replays each iteration forward and then backwards with nothing stored
/// across iterations. This is the treatment of parallel loops in Tapenade (Hascoët &amp; Pascual 2013)
/// and of reductions in Griewank &amp; Walther (2008), ch. 4 and 12.
/// </summary>
internal sealed class ReverseWriter(MethodModel m) : WriterBase(m)
{
    private readonly Dictionary<SyntaxNode, string> saves = new();
    private readonly Dictionary<SyntaxNode, List<(string Name, string Saved)>> loopSaves = new();
    private readonly Dictionary<SyntaxNode, (HashSet<ILocalSymbol> Accumulated, List<ILocalSymbol> Changed)> loops = new();

    /// <summary>
    /// Locals whose adjoints are known, at this point of the backward code, to reach the result: their flags
    /// are set on every path here, so the code need not test them.
    /// </summary>
    private HashSet<ILocalSymbol> known = new(SymbolEqualityComparer.Default);

    /// <summary>Whether a local's adjoint reaches the result: "true" where that is known here, else its flag.</summary>
    private string ReachedOf(ILocalSymbol local) => known.Contains(local) ? "true" : M.Reached(local);

    /// <summary>Writes code on a path that may not run (a branch); what it learns of the flags does not outlive it.</summary>
    private void Conditionally(System.Action write)
    {
        var before = new HashSet<ILocalSymbol>(known, SymbolEqualityComparer.Default);
        write();
        known = before;
    }

    /// <summary>A method body or loop body: its declarations are hoisted to its start.</summary>
    private sealed class Region(HashSet<ILocalSymbol> outer)
    {
        public Code Declarations { get; } = new();
        public List<ILocalSymbol> Locals { get; } = new();
        /// <summary>Variables declared outside the loop that the loop accumulates into.</summary>
        public HashSet<ILocalSymbol> Outer { get; } = outer;
    }

    /// <summary>Writes the whole adjoint body: forward sweep, seed of the result, backward sweep.</summary>
    public void Method(IReadOnlyList<StatementSyntax> statements, ExpressionSyntax result, Code code)
    {
        var top = new Region(new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default));
        var forward = new Code();
        var backward = new Code();
        var resultNode = M.ToNode(result);
        if (statements.Count > 0 && statements[statements.Count - 1] is ForStatementSyntax or WhileStatementSyntax
            && CanFuse(statements[statements.Count - 1], result, resultNode))
        {
            // The last loop's accumulators reach the result linearly, with constant coefficients: their adjoints
            // are known before the loop runs, so the loop runs once, forward and backwards in each iteration,
            // instead of once for the value and once more for the adjoint.
            var loop = statements[statements.Count - 1];
            var before = statements.Take(statements.Count - 1).ToList();
            foreach (var s in before) Forward(s, top, true, top.Outer, forward);
            var (accumulated, changed) = CheckLoop(loop);
            var restores = accumulated.Concat(changed).Select(local => (Name: M.Name(local), Saved: Fresh("__p"), Type: M.TypeName(local, loop))).ToList();
            foreach (var (name, saved, type) in restores) forward.Line($"{type} {saved} = {name};");
            DeclareAdjoints(top, forward);
            Propagate(resultNode, M.Rules.One, "true", forward);
            // The accumulators advance through the iterations like the passive variables the loop changes.
            Replay(loop, accumulated, changed.Concat(accumulated).ToList(), new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), forward);
            forward.Line($"{M.Rules.Scalar} __value = {M.Render(result)};");
            foreach (var (name, saved, _) in restores) forward.Line($"{name} = {saved};");
            BackwardAll(before, top, backward);
        }
        else
        {
            foreach (var s in statements) Forward(s, top, true, top.Outer, forward);
            forward.Line($"{M.Rules.Scalar} __value = {M.Render(result)};");
            DeclareAdjoints(top, backward);
            Propagate(resultNode, M.Rules.One, "true", backward);
            BackwardAll(statements, top, backward);
        }
        code.Append(top.Declarations);
        code.Append(forward);
        code.Append(backward);
        code.Line("return __value;");
    }

    /// <summary>
    /// Whether the method's last loop can run forward and backwards in one pass: the result depends on the
    /// loop's accumulators only through sums, differences and products or quotients by constants, so
    /// propagating the result's adjoint reads no value the loop computes, and it reads no other variable the
    /// loop changes.
    /// </summary>
    private bool CanFuse(StatementSyntax loop, ExpressionSyntax result, Node resultNode)
    {
        var (accumulated, changed) = CheckLoop(loop);
        if (result.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => M.SymbolOf(id) is ILocalSymbol l && changed.Contains(l, SymbolEqualityComparer.Default)))
            return false;
        bool Depends(Node n) => n switch
        {
            VariableNode v => accumulated.Contains(v.Symbol),
            OperationNode op => op.Operands.Any(Depends),
            ChoiceNode c => true,
            _ => false,
        };
        bool Linear(Node n) => !Depends(n) || n switch
        {
            VariableNode => true,
            OperationNode { Op: "+" or "-" or "neg" } op => op.Operands.All(Linear),
            OperationNode { Op: "*" } op => op.Operands[0] is ConstantNode && Linear(op.Operands[1]) || op.Operands[1] is ConstantNode && Linear(op.Operands[0]),
            OperationNode { Op: "/" } op => op.Operands[1] is ConstantNode && Linear(op.Operands[0]),
            _ => false,
        };
        return Linear(resultNode);
    }

    /// <summary>
    /// Writes the adjoint of a reduction loop: each iteration runs forward, leaving out the updates of
    /// <paramref name="skip"/>, then backwards. The variables in <paramref name="advancing"/> (the passive
    /// variables the loop changes) keep, from one iteration to the next, the values the forward part left.
    /// </summary>
    private void Replay(StatementSyntax loop, HashSet<ILocalSymbol> accumulated, List<ILocalSymbol> advancing, HashSet<ILocalSymbol> skip, Code code)
    {
        code.Open(LoopHeader(loop));
        var body = new Region(accumulated);
        var forward = new Code();
        var statements = StatementsOf(LoopBody(loop));
        foreach (var inner in statements) Forward(inner, body, true, skip, forward);
        // The backward part restores what the iteration changed; the next iteration starts from the values
        // the iteration left.
        var after = advancing.Select(local => (Name: M.Name(local), Saved: Fresh("__q"), Type: M.TypeName(local, loop))).ToList();
        foreach (var (name, saved, type) in after) forward.Line($"{type} {saved} = {name};");
        var backward = new Code();
        DeclareAdjoints(body, backward);
        BackwardAll(statements, body, backward);
        foreach (var (name, saved, _) in after) backward.Line($"{name} = {saved};");
        code.Append(body.Declarations);
        code.Append(forward);
        code.Append(backward);
        code.Close();
    }

    // ---- forward sweep ------------------------------------------------------------------------------

    /// <param name="s">The statement.</param>
    /// <param name="region">The region whose declarations it adds to.</param>
    /// <param name="save">Whether the region will be swept backwards here, so overwritten values are saved.</param>
    /// <param name="skip">Accumulators of the loop being replayed: their updates are left out.</param>
    /// <param name="code">Where the forward code goes.</param>
    private void Forward(StatementSyntax s, Region region, bool save, HashSet<ILocalSymbol> skip, Code code)
    {
        switch (s)
        {
            case LocalDeclarationStatementSyntax decl:
                foreach (var d in decl.Declaration.Variables)
                {
                    var local = M.DeclaredLocal(d)!;
                    region.Locals.Add(local);
                    region.Declarations.Line($"{M.TypeName(local, d)} {M.Name(local)} = default!;");
                    if (d.Initializer is { } init) code.Line($"{M.Name(local)} = {M.Render(init.Value)};");
                }
                break;
            case ExpressionStatementSyntax e:
            {
                var target = Target(e.Expression, out _, out var kind) ?? throw Unsupported(s);
                if (skip.Contains(target)) break; // the loop's accumulators keep their values while it is replayed
                // An accumulation into a variable of the enclosing code is never restored by the backward part.
                if (save && !region.Outer.Contains(target))
                {
                    string saved = Fresh("__s");
                    region.Declarations.Line($"{M.TypeName(target, s)} {saved} = default!;");
                    code.Line($"{saved} = {M.Name(target)};");
                    saves[s] = saved;
                }
                code.Line(M.Render(s).Trim());
                break;
            }
            case IfStatementSyntax i:
            {
                string condition = M.Render(i.Condition);
                if (save)
                {
                    string c = Fresh("__c");
                    region.Declarations.Line($"bool {c} = false;");
                    code.Line($"{c} = {condition};");
                    saves[s] = condition = c;
                }
                code.Open($"if ({condition})");
                foreach (var inner in StatementsOf(i.Statement)) Forward(inner, region, save, skip, code);
                code.Close();
                if (i.Else is { } otherwise)
                {
                    code.Open("else");
                    foreach (var inner in StatementsOf(otherwise.Statement)) Forward(inner, region, save, skip, code);
                    code.Close();
                }
                break;
            }
            case ForStatementSyntax or WhileStatementSyntax:
            {
                var (accumulated, changed) = CheckLoop(s);
                if (save)
                {
                    var list = new List<(string, string)>();
                    foreach (var local in accumulated.Concat(changed))
                    {
                        string saved = Fresh("__p");
                        region.Declarations.Line($"{M.TypeName(local, s)} {saved} = default!;");
                        code.Line($"{saved} = {M.Name(local)};");
                        list.Add((M.Name(local), saved));
                    }
                    loopSaves[s] = list;
                }
                code.Open(LoopHeader(s));
                var body = new Region(accumulated);
                var bodyCode = new Code();
                foreach (var inner in StatementsOf(LoopBody(s))) Forward(inner, body, false, skip, bodyCode);
                code.Append(body.Declarations);
                code.Append(bodyCode);
                code.Close();
                break;
            }
            case BlockSyntax b:
                foreach (var inner in b.Statements) Forward(inner, region, save, skip, code);
                break;
            case EmptyStatementSyntax:
                break;
            default:
                throw Unsupported(s);
        }
    }

    /// <summary>
    /// Checks that a loop is a reduction. Returns the active variables declared outside it that it
    /// accumulates into, and the other variables declared outside it that it changes.
    /// </summary>
    private (HashSet<ILocalSymbol> Accumulated, List<ILocalSymbol> Changed) CheckLoop(StatementSyntax loop)
    {
        if (!loops.TryGetValue(loop, out var result)) loops[loop] = result = AnalyzeLoop(loop);
        return result;
    }

    private (HashSet<ILocalSymbol> Accumulated, List<ILocalSymbol> Changed) AnalyzeLoop(StatementSyntax loop)
    {
        var inside = new HashSet<ILocalSymbol>(loop.DescendantNodes().Select(M.DeclaredLocal).OfType<ILocalSymbol>(), SymbolEqualityComparer.Default);
        var accumulated = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var changed = new List<ILocalSymbol>();
        foreach (var e in loop.DescendantNodes().OfType<ExpressionSyntax>())
        {
            if (Target(e, out _, out _) is not { } t || inside.Contains(t)) continue;
            if (M.Active.Contains(t)) accumulated.Add(t);
            else if (!changed.Contains(t, SymbolEqualityComparer.Default)) changed.Add(t);
        }
        foreach (var id in loop.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (M.SymbolOf(id) is not ILocalSymbol l || !accumulated.Contains(l)) continue;
            bool accumulates = id.Parent is AssignmentExpressionSyntax a && a.Left == id
                && (a.IsKind(SyntaxKind.AddAssignmentExpression) || a.IsKind(SyntaxKind.SubtractAssignmentExpression))
                && !a.Right.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(r => SymbolEqualityComparer.Default.Equals(M.SymbolOf(r), l));
            if (!accumulates)
                throw new UnsupportedException(id.Parent ?? id,
                    $"the loop uses '{l.Name}', declared outside it, other than by accumulating into it with += or -= (the loop must be a reduction)");
        }
        return (accumulated, changed);
    }

    // ---- backward sweep -----------------------------------------------------------------------------

    private void Backward(StatementSyntax s, Region region, Code code)
    {
        switch (s)
        {
            case LocalDeclarationStatementSyntax decl:
                for (int k = decl.Declaration.Variables.Count - 1; k >= 0; k--)
                {
                    var d = decl.Declaration.Variables[k];
                    var local = M.DeclaredLocal(d)!;
                    if (d.Initializer is { } init && M.Active.Contains(local)) Propagate(M.ToNode(init.Value), M.Adjoint(local), ReachedOf(local), code);
                }
                break;
            case ExpressionStatementSyntax e:
            {
                var target = Target(e.Expression, out var right, out var kind)!;
                if (region.Outer.Contains(target))
                {
                    // An accumulation into a variable of the enclosing code: its adjoint is fixed through the loop.
                    string adjoint = M.Adjoint(target);
                    Propagate(M.ToNode(right!), kind == SyntaxKind.AddAssignmentExpression ? adjoint : $"(-{adjoint})", ReachedOf(target), code);
                    break;
                }
                if (!M.Active.Contains(target))
                {
                    code.Line($"{M.Name(target)} = {saves[s]};");
                    break;
                }
                if (right is null) throw Unsupported(s);
                string w = Fresh("__w"), reached = ReachedOf(target);
                code.Line($"{M.Rules.Scalar} {w} = {M.Adjoint(target)};");
                if (reached != "true")
                {
                    reached = Fresh("__r");
                    code.Line($"bool {reached} = {M.Reached(target)};");
                }
                code.Line($"{M.Adjoint(target)} = {M.Rules.Zero};");
                code.Line($"{M.Reached(target)} = false;");
                known.Remove(target);
                code.Line($"{M.Name(target)} = {saves[s]};");
                Propagate(Assigned(target, right, kind), w, reached, code);
                break;
            }
            case IfStatementSyntax i:
                code.Open($"if ({saves[s]})");
                Conditionally(() => BackwardAll(StatementsOf(i.Statement), region, code));
                code.Close();
                if (i.Else is { } otherwise)
                {
                    code.Open("else");
                    Conditionally(() => BackwardAll(StatementsOf(otherwise.Statement), region, code));
                    code.Close();
                }
                break;
            case ForStatementSyntax or WhileStatementSyntax:
            {
                var (accumulated, changed) = CheckLoop(s);
                var restores = loopSaves[s];
                foreach (var (name, saved) in restores) code.Line($"{name} = {saved};");
                Replay(s, accumulated, changed, accumulated, code);
                foreach (var (name, saved) in restores) code.Line($"{name} = {saved};");
                break;
            }
            case BlockSyntax b:
                BackwardAll(b.Statements, region, code);
                break;
        }
    }

    private void BackwardAll(IReadOnlyList<StatementSyntax> statements, Region region, Code code)
    {
        for (int k = statements.Count - 1; k >= 0; k--) Backward(statements[k], region, code);
    }

    /// <summary>Adds the adjoint <paramref name="adjoint"/> of a tree's value into the adjoints of its leaves.</summary>
    /// <param name="root">The tree.</param>
    /// <param name="adjoint">The adjoint of its value.</param>
    /// <param name="reached">Whether its value reaches the result: "true", or the name of a flag.</param>
    /// <param name="code">Where the code goes.</param>
    private void Propagate(Node root, string adjoint, string reached, Code code)
    {
        if (reached == "true" || !Multiplies(root))
        {
            Propagate(root, adjoint, reached, code, new Dictionary<Node, string>());
            return;
        }
        // A value that does not reach the result (a branch not taken, a guarded √) must add nothing, also where
        // its partials are infinite or NaN, as in the runtime reverse mode, which never sweeps such a value. A
        // flag and not a test of the adjoint for 0: over dual numbers (Hessian-vector products) an adjoint whose
        // value is 0 may still carry a tangent.
        code.Open($"if ({reached})");
        Conditionally(() => Propagate(root, adjoint, "true", code, new Dictionary<Node, string>()));
        code.Close();
    }

    /// <summary>Declares the adjoints of a region's active locals, and the flags that say whether they reach the result.</summary>
    private void DeclareAdjoints(Region region, Code code)
    {
        foreach (var local in region.Locals.Where(M.Active.Contains))
        {
            code.Line($"{M.Rules.Scalar} {M.Adjoint(local)} = {M.Rules.Zero};");
            code.Line($"bool {M.Reached(local)} = false;");
            known.Remove(local);
        }
    }

    /// <summary>
    /// Whether propagating through the tree multiplies the adjoint by partials that may not be finite: those
    /// of functions, and the values of active operands in products and quotients (a constant factor is finite).
    /// </summary>
    private static bool Multiplies(Node n) => n switch
    {
        OperationNode { Op: "+" or "-" or "neg" or "Min" or "Max" } op => op.Operands.Any(Multiplies),
        OperationNode { Op: "*" } op when op.Operands[0] is ConstantNode => Multiplies(op.Operands[1]),
        OperationNode { Op: "*" or "/" } op when op.Operands[1] is ConstantNode => Multiplies(op.Operands[0]),
        OperationNode => true,
        ChoiceNode c => Multiplies(c.WhenTrue) || Multiplies(c.WhenFalse),
        _ => false,
    };

    private void Propagate(Node n, string adjoint, string reached, Code code, Dictionary<Node, string> values)
    {
        switch (n)
        {
            case ConstantNode:
                return;
            case VariableNode v:
                code.Line($"{M.Adjoint(v.Symbol)} += {adjoint};");
                code.Line(reached == "true" ? $"{M.Reached(v.Symbol)} = true;" : $"{M.Reached(v.Symbol)} |= {reached};");
                if (reached == "true") known.Add(v.Symbol);
                return;
            case InputNode input:
                code.Line($"gradient[{input.Index}] += {adjoint};");
                return;
            case ChoiceNode c:
                code.Open($"if ({c.Condition})");
                Conditionally(() => Propagate(c.WhenTrue, adjoint, reached, code, values));
                code.Close();
                code.Open("else");
                Conditionally(() => Propagate(c.WhenFalse, adjoint, reached, code, values));
                code.Close();
                return;
            case OperationNode op:
            {
                // Values are written only where a partial derivative reads them.
                bool linear = op.Op is "+" or "-" or "neg";
                var args = op.Operands.Select(o => linear ? "" : Value(o, code, values)).ToArray();
                if (op.Operands.Count(o => o is not ConstantNode) > 1 && !IsName(adjoint))
                {
                    string a = Fresh("__a");
                    code.Line($"{M.Rules.Scalar} {a} = {adjoint};");
                    adjoint = a;
                }
                if (M.Rules.Selection(op.Op, args) is { } first)
                {
                    code.Open($"if ({first})");
                    Conditionally(() => Propagate(op.Operands[0], adjoint, reached, code, values));
                    code.Close();
                    code.Open("else");
                    Conditionally(() => Propagate(op.Operands[1], adjoint, reached, code, values));
                    code.Close();
                    return;
                }
                for (int k = 0; k < args.Length; k++)
                {
                    if (op.Operands[k] is ConstantNode) continue;
                    string partial = M.Rules.Partial(op.Op, k, args, Rules.ReadsResult(op.Op) ? Value(n, code, values) : "");
                    string product = partial == M.Rules.One ? adjoint
                        : partial == M.Rules.MinusOne ? $"(-{adjoint})"
                        : adjoint == M.Rules.One ? partial
                        : $"{adjoint} * {partial}";
                    Propagate(op.Operands[k], IsName(product) || op.Operands[k] is VariableNode or InputNode ? product : $"({product})", reached, code, values);
                }
                return;
            }
        }
    }

    private bool IsName(string s) => SyntaxFacts.IsValidIdentifier(s) || s == M.Rules.One;
}
