using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Optimize.Generators;

/// <summary>
/// Rewrites a marked method's body into the subset the derivative writers transform, before they see it, by
/// transformations that keep every value the body computes:
/// <list type="bullet">
/// <item><c>return s switch { k =&gt; e, …, _ =&gt; throw … }</c> (or a switch expression assigned or declared) and <c>switch</c> statements become chains of
/// <c>if</c>/<c>else</c> on the selector, held in a local (a <c>throw</c> arm stays a <c>throw</c>);</item>
/// <item>returns before the end become one exit: the statements after an <c>if</c> that returns move into its
/// <c>else</c>, and each <c>return e</c> assigns e to a result local that the last statement returns;</item>
/// <item><c>continue</c> ends its iteration's path likewise, and <c>break</c> sets a flag that the loop's condition tests;</item>
/// <item><c>foreach (T v in a)</c> over an array or a span becomes a counted <c>for</c> loop that reads <c>a[k]</c>;</item>
/// <item><c>var (u, v) = e;</c> becomes a local holding e and one local per element;</item>
/// <item>a span local of T that is an array becomes an array, and a view of x is replaced by x where it is read;</item>
/// <item>a call to a non-virtual method of the type or of a base type, with an argument of the scalar type, is
/// inlined, as is a call of a local function that returns a value: its arguments go into fresh locals, its body's statements before the call's statement (with fresh
/// names for its locals), and its returned expression in place of the call. This is how Tapenade differentiates
/// a call it does not keep as a subroutine (Hascoët &amp; Pascual 2013, §3).</item>
/// </list>
/// The rewritten method is bound again in a copy of the compilation in which its syntax tree is replaced, so that
/// the writers read symbols and types as for code written so. Every node of the original method carries its
/// original span in an annotation, so that a diagnostic on rewritten code points at the code the user wrote.
/// </summary>
internal static class Lowering
{
    /// <summary>The annotation kind that carries a node's original span, "start:length".</summary>
    public const string SpanKind = "Optimize.Generators.Span";

    private const string MethodKind = "Optimize.Generators.Method";

    /// <summary>How deep calls are inlined into one another, at most.</summary>
    private const int InlineDepth = 8;

    /// <summary>The method as the writers see it: rewritten and bound again, or the original when nothing needed rewriting.</summary>
    public static (SemanticModel Model, MethodDeclarationSyntax Syntax, IMethodSymbol Method) Apply(
        SemanticModel model, MethodDeclarationSyntax syntax, IMethodSymbol method)
    {
        var marker = new SyntaxAnnotation(MethodKind);
        var annotated = syntax.ReplaceNodes(syntax.DescendantNodes(), (original, rewritten) =>
            rewritten.WithAdditionalAnnotations(new SyntaxAnnotation(SpanKind,
                original.Span.Start.ToString(CultureInfo.InvariantCulture) + ":" + original.Span.Length.ToString(CultureInfo.InvariantCulture))))
            .WithAdditionalAnnotations(marker);
        var structure = new Structure(model, method);
        var lowered = structure.Method(annotated, syntax);
        bool changed = structure.Changed;
        int[] calls = [0];
        // Most methods need no rewriting: they are not bound again.
        var spansHere = new Spans(model, method);
        spansHere.Method(syntax);
        if (!changed && !spansHere.Changed && !new Inliner(model, method, calls).Calls(syntax)) return (model, syntax, method);
        var current = Bind(model, syntax, lowered, marker);
        for (int depth = 0; depth < InlineDepth; depth++)
        {
            var inliner = new Inliner(current.Model, current.Method, calls);
            var inlined = inliner.Method(current.Syntax);
            if (!inliner.Changed) break;
            changed = true;
            current = Bind(current.Model, current.Syntax, inlined, marker);
        }
        var spans = new Spans(current.Model, current.Method);
        var aliased = spans.Method(current.Syntax);
        if (spans.Changed)
        {
            changed = true;
            current = Bind(current.Model, current.Syntax, aliased, marker);
        }
        // Local functions whose calls were all inlined are declarations no code reaches: removed.
        if (current.Syntax.Body is { } body)
        {
            var dead = body.DescendantNodes().OfType<LocalFunctionStatementSyntax>()
                .Where(f => !body.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == f.Identifier.ValueText && !f.Span.Contains(id.Span)))
                .ToList();
            if (dead.Count > 0)
            {
                changed = true;
                current = Bind(current.Model, current.Syntax, current.Syntax.RemoveNodes(dead, SyntaxRemoveOptions.KeepNoTrivia)!, marker);
            }
        }
        return changed ? current : (model, syntax, method);
    }

    /// <summary>The rewritten method bound in a copy of the compilation whose tree holds it in place of the old one.</summary>
    private static (SemanticModel Model, MethodDeclarationSyntax Syntax, IMethodSymbol Method) Bind(
        SemanticModel model, MethodDeclarationSyntax old, MethodDeclarationSyntax rewritten, SyntaxAnnotation marker)
    {
        var tree = old.SyntaxTree;
        // Nodes built here have no trivia: normalized, they print as code that parses back the same (annotations stay).
        var root = tree.GetRoot().ReplaceNode(old, rewritten.NormalizeWhitespace(elasticTrivia: true));
        var newTree = tree.WithRootAndOptions(root, tree.Options);
        var compilation = model.Compilation.ReplaceSyntaxTree(tree, newTree);
        var newModel = compilation.GetSemanticModel(newTree);
        var syntax = (MethodDeclarationSyntax)newTree.GetRoot().GetAnnotatedNodes(marker).Single();
        return (newModel, syntax, newModel.GetDeclaredSymbol(syntax)!);
    }

    /// <summary>The original span of a node of a rewritten method: of the nearest node that the user wrote.</summary>
    public static Microsoft.CodeAnalysis.Text.TextSpan? OriginalSpan(SyntaxNode node)
    {
        foreach (var n in node.AncestorsAndSelf())
            if (n.GetAnnotations(SpanKind).FirstOrDefault() is { Data: { } data })
            {
                int colon = data.IndexOf(':');
                return new Microsoft.CodeAnalysis.Text.TextSpan(
                    int.Parse(data.Substring(0, colon), CultureInfo.InvariantCulture), int.Parse(data.Substring(colon + 1), CultureInfo.InvariantCulture));
            }
        return null;
    }

    private static BlockSyntax Braced(IEnumerable<StatementSyntax> statements) => Block(statements);

    /// <summary>The statements of a block, or the one statement (the node itself, still in its tree).</summary>
    private static IReadOnlyList<StatementSyntax> Children(StatementSyntax s) => s is BlockSyntax b ? b.Statements : new[] { s };

    /// <summary>Switches, early returns, foreach loops and deconstructions, rewritten by syntax alone.</summary>
    private sealed class Structure(SemanticModel model, IMethodSymbol method)
    {
        private int fresh;
        private readonly string scalar = method.TypeParameters[0].Name;
        private const string Result = "result__";

        public bool Changed { get; private set; }

        private string Fresh(string prefix) => prefix + (fresh++).ToString(CultureInfo.InvariantCulture);

        /// <param name="annotated">The method with its annotations, whose nodes are rewritten.</param>
        /// <param name="original">The same method in the original tree, for the types of its expressions.</param>
        public MethodDeclarationSyntax Method(MethodDeclarationSyntax annotated, MethodDeclarationSyntax original)
        {
            this.original = original;
            IReadOnlyList<StatementSyntax> statements = annotated.Body is { } body
                ? body.Statements
                : [ReturnStatement(annotated.ExpressionBody!.Expression)];
            // Local functions are declarations: moved to the front, they are out of the way of the return at the end
            // (the inlining removes them once no call is left).
            var functions = statements.OfType<LocalFunctionStatementSyntax>().ToList();
            if (functions.Count > 0 && !statements.Take(functions.Count).SequenceEqual(functions))
            {
                Changed = true;
                statements = functions.Concat(statements.Where(x => x is not LocalFunctionStatementSyntax)).ToList();
            }
            var returns = statements.Where(x => x is not LocalFunctionStatementSyntax)
                .SelectMany(x => x.DescendantNodesAndSelf(n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax))).OfType<ReturnStatementSyntax>().ToList();
            bool oneExit = returns.Count == 1 && statements.Count > 0 && statements[statements.Count - 1] == returns[0]
                && returns[0].Expression is not SwitchExpressionSyntax;
            List<StatementSyntax> lowered;
            if (method.ReturnsVoid || oneExit) lowered = statements.SelectMany(Plain).ToList();
            else
            {
                Changed = true;
                lowered = functions.Cast<StatementSyntax>().ToList();
                lowered.Add(LocalDeclarationStatement(VariableDeclaration(IdentifierName(scalar), SingletonSeparatedList(VariableDeclarator(Result)))));
                lowered.AddRange(Exits(statements.Skip(functions.Count).ToList(), 0, null));
                lowered.Add(ReturnStatement(IdentifierName(Result)));
            }
            if (!Changed) return annotated;
            return annotated.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Braced(lowered));
        }

        private MethodDeclarationSyntax original = null!;

        /// <summary>The node of the original tree that an annotated node came from, for its type.</summary>
        private ITypeSymbol? TypeOf(ExpressionSyntax annotatedExpression)
        {
            if (annotatedExpression.GetAnnotations(SpanKind).Any() && OriginalSpan(annotatedExpression) is { } span
                && original.SyntaxTree.GetRoot().FindNode(span).DescendantNodesAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(n => n.Span == span) is { } e)
                return model.GetTypeInfo(e).Type;
            return null;
        }

        private static bool IsLoop(SyntaxNode n) => n is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax;

        /// <summary>
        /// Whether a statement leaves the code being lowered: by a return (the method's body, <paramref name="loop"/>
        /// null), or by a continue or a break of the loop whose body is being lowered (not of a loop or switch inside it).
        /// </summary>
        private static bool Exits(StatementSyntax s, Loop? loop)
        {
            if (loop is null) return s.DescendantNodesAndSelf(n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)).Any(n => n is ReturnStatementSyntax);
            if (IsLoop(s)) return false;
            return s.DescendantNodesAndSelf(n => n == s || !IsLoop(n)).Any(n => n is ContinueStatementSyntax
                || n is BreakStatementSyntax && !n.Ancestors().TakeWhile(a => a != s.Parent).Any(a => a is SwitchStatementSyntax));
        }

        /// <summary>The loop whose body is being lowered: the flag a break sets, if it has breaks.</summary>
        private sealed record Loop(string? Broken);

        /// <summary>
        /// The statements from <paramref name="from"/> on, with each exit the end of its path and the statements after
        /// an if that exits in its else: in the method's body (<paramref name="loop"/> null) each return assigns the
        /// result; in a loop's body a continue ends the iteration and a break sets the loop's flag.
        /// </summary>
        private List<StatementSyntax> Exits(IReadOnlyList<StatementSyntax> statements, int from, Loop? loop)
        {
            var output = new List<StatementSyntax>();
            for (int k = from; k < statements.Count; k++)
            {
                var s = statements[k];
                var rest = statements.Skip(k + 1).ToList();
                switch (s)
                {
                    case ReturnStatementSyntax { Expression: SwitchExpressionSyntax sw } when loop is null:
                        output.AddRange(Arms(sw, e => ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(Result), e))));
                        return output;
                    case ReturnStatementSyntax r when loop is null:
                        output.Add(ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(Result), r.Expression!)));
                        return output;
                    case ContinueStatementSyntax when loop is not null:
                        return output;
                    case BreakStatementSyntax when loop is not null:
                        output.Add(ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(loop.Broken!), LiteralExpression(SyntaxKind.TrueLiteralExpression))));
                        return output;
                    case ThrowStatementSyntax:
                        output.Add(s);
                        return output;
                    case BlockSyntax b when Exits(b, loop):
                        output.Add(Braced(Exits(b.Statements.Concat(rest).ToList(), 0, loop)));
                        return output;
                    case SwitchStatementSyntax sw when Exits(sw, loop):
                        Changed = true;
                        output.AddRange(Exits(new StatementSyntax[] { Chain(sw) }.Concat(rest).ToList(), 0, loop));
                        return output;
                    case IfStatementSyntax i when Exits(i, loop):
                        var then = Exits(Children(i.Statement).Concat(rest).ToList(), 0, loop);
                        var otherwise = Exits((i.Else is { } e ? Children(e.Statement) : []).Concat(rest).ToList(), 0, loop);
                        output.Add(IfStatement(i.Condition, Braced(then), otherwise.Count == 0 ? null : ElseClause(Braced(otherwise))));
                        return output;
                    default:
                        output.AddRange(Plain(s));
                        break;
                }
            }
            return output;
        }

        /// <summary>
        /// A loop's body lowered: its continues and breaks become paths that end the iteration; a break sets a flag that
        /// the loop's condition tests, declared before the loop (returned in <paramref name="broken"/>, or null).
        /// </summary>
        private BlockSyntax LoopBody(StatementSyntax loop, IEnumerable<StatementSyntax> body, out string? broken)
        {
            var statements = body.ToList();
            broken = null;
            if (!statements.Any(x => Exits(x, new Loop(null))))
                return Braced(statements.SelectMany(Plain));
            Changed = true;
            var breaks = statements.SelectMany(x => x.DescendantNodesAndSelf(n => !IsLoop(n) && n is not SwitchStatementSyntax)).OfType<BreakStatementSyntax>().ToList();
            if (breaks.Count > 0)
            {
                // After a break the loop ends at its condition: its incrementors run once more, which only the loop sees.
                if (loop is ForStatementSyntax { Declaration: null, Incrementors.Count: > 0 })
                    throw new UnsupportedException(breaks[0], "'break' in a for loop whose counter is declared outside it");
                if (loop is DoStatementSyntax)
                    throw new UnsupportedException(breaks[0], "'break' in a do loop");
                broken = Fresh("broken__");
            }
            return Braced(Exits(statements, 0, new Loop(broken)));
        }

        /// <summary>The condition of a loop with breaks: not broken, and its own condition.</summary>
        private static ExpressionSyntax Unbroken(string? broken, ExpressionSyntax? condition)
        {
            ExpressionSyntax flag = PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, IdentifierName(broken!));
            return condition is null ? flag : BinaryExpression(SyntaxKind.LogicalAndExpression, flag, ParenthesizedExpression(condition));
        }

        private static StatementSyntax Flag(string broken) =>
            LocalDeclarationStatement(VariableDeclaration(PredefinedType(Token(SyntaxKind.BoolKeyword)), SingletonSeparatedList(VariableDeclarator(broken)
                .WithInitializer(EqualsValueClause(LiteralExpression(SyntaxKind.FalseLiteralExpression))))));

        /// <summary>A statement without returns, with its switches, foreach loops and deconstructions rewritten.</summary>
        private IEnumerable<StatementSyntax> Plain(StatementSyntax s)
        {
            switch (s)
            {
                case ForEachStatementSyntax f when TypeOf(f.Expression) is IArrayTypeSymbol or INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" }:
                {
                    Changed = true;
                    string k = Fresh("each__"), items = Fresh("items__");
                    var read = LocalDeclarationStatement(VariableDeclaration(f.Type, SingletonSeparatedList(VariableDeclarator(f.Identifier)
                        .WithInitializer(EqualsValueClause(ElementAccessExpression(IdentifierName(items), BracketedArgumentList(SingletonSeparatedList(Argument(IdentifierName(k))))))))));
                    // The collection is read once, as foreach reads it; x itself is read in place (x.Length is passive).
                    bool direct = f.Expression is IdentifierNameSyntax;
                    string collection = direct ? ((IdentifierNameSyntax)f.Expression).Identifier.ValueText : items;
                    if (direct) read = read.ReplaceNode(read.DescendantNodes().OfType<IdentifierNameSyntax>().First(n => n.Identifier.ValueText == items), IdentifierName(collection));
                    var body = LoopBody(f, Children(f.Statement), out string? broken);
                    var loop = ForStatement(body.WithStatements(body.Statements.Insert(0, read)))
                        .WithDeclaration(VariableDeclaration(PredefinedType(Token(SyntaxKind.IntKeyword)), SingletonSeparatedList(VariableDeclarator(k).WithInitializer(EqualsValueClause(LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(0)))))))
                        .WithCondition(BinaryExpression(SyntaxKind.LessThanExpression, IdentifierName(k), MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(collection), IdentifierName("Length"))))
                        .WithIncrementors(SingletonSeparatedList<ExpressionSyntax>(PostfixUnaryExpression(SyntaxKind.PostIncrementExpression, IdentifierName(k))));
                    if (broken is not null) loop = loop.WithCondition(Unbroken(broken, loop.Condition));
                    var before = new List<StatementSyntax>();
                    if (!direct) before.Add(LocalDeclarationStatement(VariableDeclaration(IdentifierName("var"), SingletonSeparatedList(VariableDeclarator(items).WithInitializer(EqualsValueClause(f.Expression))))));
                    if (broken is not null) before.Add(Flag(broken));
                    before.Add(loop);
                    return before;
                }
                case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax names } declaration } assignment }
                    when names.Variables.All(v => v is SingleVariableDesignationSyntax):
                {
                    Changed = true;
                    string tuple = Fresh("tuple__");
                    var output = new List<StatementSyntax> { LocalDeclarationStatement(VariableDeclaration(IdentifierName("var"), SingletonSeparatedList(VariableDeclarator(tuple).WithInitializer(EqualsValueClause(assignment.Right))))) };
                    for (int k = 0; k < names.Variables.Count; k++)
                        output.Add(LocalDeclarationStatement(VariableDeclaration(declaration.Type, SingletonSeparatedList(VariableDeclarator(((SingleVariableDesignationSyntax)names.Variables[k]).Identifier)
                            .WithInitializer(EqualsValueClause(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(tuple), IdentifierName("Item" + (k + 1).ToString(CultureInfo.InvariantCulture)))))))));
                    return output;
                }
                case SwitchStatementSyntax sw:
                    Changed = true;
                    return Plain(Chain(sw));
                // T y = s switch { … }; and y = s switch { … };: the declaration, then the arms assigning y.
                case LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration
                    when declaration.Declaration.Variables[0] is { Initializer.Value: SwitchExpressionSyntax sw } d:
                {
                    var type = declaration.Declaration.Type.IsVar
                        ? (TypeOf(sw) is { } t ? ParseTypeName(t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)) : declaration.Declaration.Type)
                        : declaration.Declaration.Type;
                    var declared = LocalDeclarationStatement(VariableDeclaration(type, SingletonSeparatedList(d.WithInitializer(null))));
                    return new StatementSyntax[] { declared }.Concat(Arms(sw, e => ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(d.Identifier.ValueText), e))));
                }
                case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax target, Right: SwitchExpressionSyntax sw } }:
                    return Arms(sw, e => ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(target.Identifier.ValueText), e)));
                case BlockSyntax b:
                    return [b.WithStatements(List(b.Statements.SelectMany(Plain)))];
                case IfStatementSyntax i:
                    return [i.WithStatement(Braced(Children(i.Statement).SelectMany(Plain)))
                        .WithElse(i.Else is { } e ? ElseClause(Braced(Children(e.Statement).SelectMany(Plain))) : null)];
                case ForStatementSyntax f:
                {
                    var body = LoopBody(f, Children(f.Statement), out string? broken);
                    return broken is null ? [f.WithStatement(body)] : [Flag(broken), f.WithStatement(body).WithCondition(Unbroken(broken, f.Condition))];
                }
                case WhileStatementSyntax w:
                {
                    var body = LoopBody(w, Children(w.Statement), out string? broken);
                    return broken is null ? [w.WithStatement(body)] : [Flag(broken), w.WithStatement(body).WithCondition(Unbroken(broken, w.Condition))];
                }
                default:
                    return [s];
            }
        }

        /// <summary>A switch statement as a chain of ifs on its selector, held in a local; the default section last.</summary>
        private StatementSyntax Chain(SwitchStatementSyntax sw)
        {
            string selector = Fresh("selector__");
            var select = LocalDeclarationStatement(VariableDeclaration(IdentifierName("var"), SingletonSeparatedList(VariableDeclarator(selector).WithInitializer(EqualsValueClause(sw.Expression)))));
            StatementSyntax? chain = null;
            IReadOnlyList<StatementSyntax>? fallback = null;
            var sections = new List<(ExpressionSyntax Condition, IReadOnlyList<StatementSyntax> Body)>();
            foreach (var section in sw.Sections)
            {
                var body = section.Statements.SelectMany(Children).ToList();
                if (body.Count > 0 && body[body.Count - 1] is BreakStatementSyntax) body.RemoveAt(body.Count - 1);
                else if (body.Count == 0 || body[body.Count - 1] is not (ReturnStatementSyntax or ThrowStatementSyntax or BlockSyntax))
                    throw new UnsupportedException(section, "a switch section must end with break, return or throw");
                foreach (var b in body.SelectMany(x => x.DescendantNodesAndSelf()).OfType<BreakStatementSyntax>()
                    .Where(b => !b.Ancestors().TakeWhile(a => a != section).Any(a => a is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax)))
                    throw new UnsupportedException(b, "'break' inside a switch section other than at its end");
                if (section.Labels.Any(l => l is DefaultSwitchLabelSyntax)) { fallback = body; continue; }
                var conditions = section.Labels.Select(l => l switch
                {
                    CaseSwitchLabelSyntax c => (ExpressionSyntax)BinaryExpression(SyntaxKind.EqualsExpression, IdentifierName(selector), ParenthesizedExpression(c.Value)),
                    CasePatternSwitchLabelSyntax p => Matches(selector, p.Pattern, p.WhenClause?.Condition),
                    _ => throw new UnsupportedException(l, "an unsupported switch label"),
                }).ToList();
                sections.Add((conditions.Aggregate((a, b) => BinaryExpression(SyntaxKind.LogicalOrExpression, a, b)), body));
            }
            if (fallback is not null) chain = Braced(fallback);
            for (int k = sections.Count - 1; k >= 0; k--)
                chain = IfStatement(sections[k].Condition, Braced(sections[k].Body), chain is null ? null : ElseClause(chain));
            return Braced(chain is null ? [select] : [select, chain]);
        }

        /// <summary>A switch expression's arms as a chain of ifs on its selector; each arm's value goes to <paramref name="use"/>.</summary>
        private IEnumerable<StatementSyntax> Arms(SwitchExpressionSyntax sw, System.Func<ExpressionSyntax, StatementSyntax> use)
        {
            Changed = true;
            string selector = Fresh("selector__");
            yield return LocalDeclarationStatement(VariableDeclaration(IdentifierName("var"), SingletonSeparatedList(VariableDeclarator(selector).WithInitializer(EqualsValueClause(sw.GoverningExpression)))));
            StatementSyntax? chain = null;
            for (int k = sw.Arms.Count - 1; k >= 0; k--)
            {
                var arm = sw.Arms[k];
                StatementSyntax body = arm.Expression is ThrowExpressionSyntax t ? ThrowStatement(t.Expression) : use(arm.Expression);
                var condition = Matches(selector, arm.Pattern, arm.WhenClause?.Condition);
                chain = condition is null ? Braced([body]) : IfStatement(condition, Braced([body]), chain is null ? null : ElseClause(chain));
            }
            if (chain is not null) yield return chain;
        }

        /// <summary>The condition that a pattern matches the selector, or null for the discard pattern with no when.</summary>
        private static ExpressionSyntax Matches(string selector, PatternSyntax pattern, ExpressionSyntax? when)
        {
            ExpressionSyntax? test = Test(selector, pattern);
            if (when is not null) test = test is null ? when : BinaryExpression(SyntaxKind.LogicalAndExpression, ParenthesizedExpression(test), ParenthesizedExpression(when));
            return test!;
        }

        private static ExpressionSyntax? Test(string selector, PatternSyntax pattern) => pattern switch
        {
            DiscardPatternSyntax => null,
            ConstantPatternSyntax c => BinaryExpression(SyntaxKind.EqualsExpression, IdentifierName(selector), ParenthesizedExpression(c.Expression)),
            RelationalPatternSyntax r => BinaryExpression(r.OperatorToken.Kind() switch
            {
                SyntaxKind.LessThanToken => SyntaxKind.LessThanExpression,
                SyntaxKind.LessThanEqualsToken => SyntaxKind.LessThanOrEqualExpression,
                SyntaxKind.GreaterThanToken => SyntaxKind.GreaterThanExpression,
                _ => SyntaxKind.GreaterThanOrEqualExpression,
            }, IdentifierName(selector), ParenthesizedExpression(r.Expression)),
            BinaryPatternSyntax b => BinaryExpression(b.IsKind(SyntaxKind.OrPattern) ? SyntaxKind.LogicalOrExpression : SyntaxKind.LogicalAndExpression,
                ParenthesizedExpression(Test(selector, b.Left) ?? LiteralExpression(SyntaxKind.TrueLiteralExpression)),
                ParenthesizedExpression(Test(selector, b.Right) ?? LiteralExpression(SyntaxKind.TrueLiteralExpression))),
            ParenthesizedPatternSyntax p => Test(selector, p.Pattern),
            _ => throw new UnsupportedException(pattern, $"the pattern '{pattern}' (constant, relational, and, or and _ patterns are transformed)"),
        };
    }

    /// <summary>
    /// Span locals of T: <c>Span&lt;T&gt; a = new T[n];</c> becomes an array of T, and a view of x,
    /// <c>ReadOnlySpan&lt;T&gt; y = x.Slice(start, length)</c> (or <c>x.Slice(start)</c>, or x itself), is replaced by x
    /// where it is read: <c>y[i]</c> by <c>x[start + i]</c> and <c>y.Length</c> by its length. A view is replaced only when
    /// it is read in no other way and neither it nor what its bounds read is written after its declaration.
    /// </summary>
    private sealed class Spans(SemanticModel model, IMethodSymbol method)
    {
        public bool Changed { get; private set; }

        private bool IsSpanOfScalar(ITypeSymbol? type) => type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } span
            && SymbolEqualityComparer.Default.Equals(span.TypeArguments[0], method.TypeParameters[0]);

        public MethodDeclarationSyntax Method(MethodDeclarationSyntax syntax)
        {
            if (syntax.Body is not { } body) return syntax;
            var input = method.Parameters[method.Parameters.Length - 1];
            var written = new HashSet<ISymbol>(body.DescendantNodes().Select(n => n switch
            {
                AssignmentExpressionSyntax a => a.Left,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } u => u.Operand,
                PostfixUnaryExpressionSyntax u => u.Operand,
                ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } r => r.Expression,
                _ => null,
            }).OfType<ExpressionSyntax>().Select(e => model.GetSymbolInfo(e).Symbol).OfType<ISymbol>(), SymbolEqualityComparer.Default);
            var arrays = new List<TypeSyntax>();
            var views = new Dictionary<ILocalSymbol, (ExpressionSyntax Start, ExpressionSyntax Length)>(SymbolEqualityComparer.Default);
            var declarators = new List<VariableDeclaratorSyntax>();
            foreach (var declaration in body.DescendantNodes().OfType<LocalDeclarationStatementSyntax>())
            foreach (var d in declaration.Declaration.Variables)
            {
                if (d.Initializer?.Value is not { } value || model.GetDeclaredSymbol(d) is not ILocalSymbol local || !IsSpanOfScalar(local.Type) || written.Contains(local))
                    continue;
                if (value is ArrayCreationExpressionSyntax { Type.RankSpecifiers.Count: 1 } && declaration.Declaration.Variables.Count == 1)
                {
                    arrays.Add(declaration.Declaration.Type);
                    continue;
                }
                ExpressionSyntax? target = value, start = null, length = null;
                if (value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Slice" } slice } call
                    && call.ArgumentList.Arguments.Count is 1 or 2)
                {
                    target = slice.Expression;
                    start = call.ArgumentList.Arguments[0].Expression;
                    length = call.ArgumentList.Arguments.Count == 2 ? call.ArgumentList.Arguments[1].Expression : null;
                }
                if (target is not IdentifierNameSyntax name || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name).Symbol, input)) continue;
                var bounds = new[] { start, length }.OfType<ExpressionSyntax>().SelectMany(e => e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>());
                if (bounds.Any(id => model.GetSymbolInfo(id).Symbol is { } b && written.Contains(b))) continue;
                var uses = body.DescendantNodes().OfType<IdentifierNameSyntax>().Where(id => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id).Symbol, local)).ToList();
                if (!uses.All(id => id.Parent is ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } e && e.Expression == id
                                    || id.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } m && m.Expression == id))
                    continue;
                var x = IdentifierName(input.Name);
                var inputLength = MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, x, IdentifierName("Length"));
                views[local] = (start is null ? LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(0)) : ParenthesizedExpression(start),
                    length is not null ? ParenthesizedExpression(length)
                    : start is null ? inputLength : ParenthesizedExpression(BinaryExpression(SyntaxKind.SubtractExpression, inputLength, ParenthesizedExpression(start))));
                declarators.Add(d);
            }
            if (arrays.Count == 0 && views.Count == 0) return syntax;
            Changed = true;
            (ExpressionSyntax Start, ExpressionSyntax Length)? View(ExpressionSyntax e) =>
                e is IdentifierNameSyntax id && model.GetSymbolInfo(id).Symbol is ILocalSymbol l && views.TryGetValue(l, out var v) ? v : null;
            var nodes = body.DescendantNodes().Where(n => n is TypeSyntax t && arrays.Contains(t)
                || n is LocalDeclarationStatementSyntax l && l.Declaration.Variables.Any(declarators.Contains)
                || n is ElementAccessExpressionSyntax e && View(e.Expression) is not null
                || n is MemberAccessExpressionSyntax m && View(m.Expression) is not null);
            var rewritten = body.ReplaceNodes(nodes, (original, current) => original switch
            {
                TypeSyntax => ArrayType(IdentifierName(method.TypeParameters[0].Name), SingletonList(ArrayRankSpecifier(SingletonSeparatedList<ExpressionSyntax>(OmittedArraySizeExpression())))),
                // The views' declarators go; a declaration left with none becomes an empty statement.
                LocalDeclarationStatementSyntax l when l.Declaration.Variables.All(declarators.Contains) => EmptyStatement(),
                LocalDeclarationStatementSyntax l => ((LocalDeclarationStatementSyntax)current).WithDeclaration(((LocalDeclarationStatementSyntax)current).Declaration
                    .WithVariables(SeparatedList(((LocalDeclarationStatementSyntax)current).Declaration.Variables.Where((_, k) => !declarators.Contains(l.Declaration.Variables[k]))))),
                ElementAccessExpressionSyntax e => ElementAccessExpression(IdentifierName(input.Name), BracketedArgumentList(SingletonSeparatedList(Argument(
                    BinaryExpression(SyntaxKind.AddExpression, View(e.Expression)!.Value.Start, ParenthesizedExpression(((ElementAccessExpressionSyntax)current).ArgumentList.Arguments[0].Expression)))))),
                MemberAccessExpressionSyntax m => View(m.Expression)!.Value.Length,
                _ => current,
            });
            return syntax.WithBody(rewritten);
        }
    }

    /// <summary>Inlines, once, the outermost calls with arguments of the scalar type to non-virtual methods of the type or its bases.</summary>
    private sealed class Inliner(SemanticModel model, IMethodSymbol method, int[] counter)
    {
        private readonly ITypeParameterSymbol scalar = method.TypeParameters[0];

        public bool Changed { get; private set; }

        /// <summary>Whether the method has a call to inline.</summary>
        public bool Calls(MethodDeclarationSyntax syntax) => syntax.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(Inlinable);

        public MethodDeclarationSyntax Method(MethodDeclarationSyntax syntax)
        {
            if (syntax.Body is not { } body) return syntax;
            var statements = Statements(body.Statements);
            return Changed ? syntax.WithBody(body.WithStatements(List(statements))) : syntax;
        }

        private List<StatementSyntax> Statements(IEnumerable<StatementSyntax> statements)
        {
            var output = new List<StatementSyntax>();
            foreach (var s in statements) output.AddRange(Statement(s));
            return output;
        }

        private IEnumerable<StatementSyntax> Statement(StatementSyntax s)
        {
            switch (s)
            {
                case BlockSyntax b:
                    return [b.WithStatements(List(Statements(b.Statements)))];
                case IfStatementSyntax i:
                {
                    var prelude = new List<StatementSyntax>();
                    var condition = Inline(i.Condition, prelude);
                    var then = Braced(Statements(Children(i.Statement)));
                    var otherwise = i.Else is { } e ? ElseClause(Braced(Statements(Children(e.Statement)))) : null;
                    prelude.Add(i.WithCondition(condition).WithStatement(then).WithElse(otherwise));
                    return prelude;
                }
                case ForStatementSyntax f:
                    return [f.WithStatement(Braced(Statements(Children(f.Statement))))];
                case WhileStatementSyntax w:
                    return [w.WithStatement(Braced(Statements(Children(w.Statement))))];
                case LocalDeclarationStatementSyntax or ExpressionStatementSyntax or ReturnStatementSyntax:
                {
                    var prelude = new List<StatementSyntax>();
                    prelude.Add(Inline(s, prelude));
                    return prelude;
                }
                default:
                    return [s];
            }
        }

        /// <summary>Whether a call is inlined: a non-virtual method with a body, of the type or a base type, given a value of the scalar type.</summary>
        private bool Inlinable(InvocationExpressionSyntax call)
        {
            if (model.GetSymbolInfo(call).Symbol is not IMethodSymbol callee
                || callee.MethodKind is not (Microsoft.CodeAnalysis.MethodKind.Ordinary or Microsoft.CodeAnalysis.MethodKind.LocalFunction)
                || callee.IsAbstract || callee.IsVirtual || callee.IsOverride || callee.IsExtern || callee.TypeParameters.Length > 1
                || callee.Parameters.Any(p => p.RefKind is not RefKind.None and not RefKind.In))
                return false;
            if (call.ArgumentList.Arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None))) return false;
            if (callee.OriginalDefinition.DeclaringSyntaxReferences.Length != 1) return false;
            // A local function of the method that returns a value is always inlined: the writers do not transform its declaration.
            if (callee.MethodKind == Microsoft.CodeAnalysis.MethodKind.LocalFunction)
                return !callee.ReturnsVoid && Parts(callee.OriginalDefinition.DeclaringSyntaxReferences[0].GetSyntax()) is { } local && (local.Body is not null || local.Arrow is not null);
            bool ownType = false;
            for (var t = method.ContainingType; t is not null; t = t.BaseType)
                if (SymbolEqualityComparer.Default.Equals(t, callee.ContainingType)) ownType = true;
            if (!ownType || callee.MethodKind != Microsoft.CodeAnalysis.MethodKind.Ordinary) return false;
            if (callee.OriginalDefinition.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax { } declaration
                || declaration.Body is null && declaration.ExpressionBody is null) return false;
            return call.ArgumentList.Arguments.Any(a => model.GetTypeInfo(a.Expression).Type is { } type
                && (SymbolEqualityComparer.Default.Equals(type, scalar) || type is INamedTypeSymbol { Name: "ReadOnlySpan" or "Span", TypeArguments.Length: 1 } span && SymbolEqualityComparer.Default.Equals(span.TypeArguments[0], scalar)));
        }

        /// <summary>The node with its outermost inlinable calls replaced by their values; their statements go to <paramref name="prelude"/>.</summary>
        private T Inline<T>(T node, List<StatementSyntax> prelude) where T : SyntaxNode
        {
            var calls = node.DescendantNodesAndSelf(n => n is not InvocationExpressionSyntax || n == node || !(n is InvocationExpressionSyntax c && Inlinable(c)))
                .OfType<InvocationExpressionSyntax>().Where(Inlinable)
                .Where(c => !c.Ancestors().TakeWhile(a => a != node).OfType<InvocationExpressionSyntax>().Any(Inlinable)).ToList();
            if (calls.Count == 0) return node;
            Changed = true;
            var values = new Dictionary<SyntaxNode, ExpressionSyntax>();
            foreach (var call in calls) values[call] = Expand(call, prelude);
            return node.ReplaceNodes(calls, (original, _) => values[original]);
        }

        /// <summary>The statements of a call's body, with fresh names, into <paramref name="prelude"/>; returns its value.</summary>
        private ExpressionSyntax Expand(InvocationExpressionSyntax call, List<StatementSyntax> prelude)
        {
            var callee = (IMethodSymbol)model.GetSymbolInfo(call).Symbol!;
            var declaration = callee.OriginalDefinition.DeclaringSyntaxReferences[0].GetSyntax();
            var (parameterList, block, arrow) = Parts(declaration)!.Value;
            var calleeModel = model.Compilation.GetSemanticModel(declaration.SyntaxTree);
            string suffix = "__" + (++counter[0]).ToString(CultureInfo.InvariantCulture);
            var renames = new Dictionary<ISymbol, ExpressionSyntax>(SymbolEqualityComparer.Default);
            var definition = callee.OriginalDefinition;
            if (definition.TypeParameters.Length == 1) renames[definition.TypeParameters[0]] = IdentifierName(scalar.Name);
            var rename = new Renamer(calleeModel, renames, suffix, declaration);
            for (int k = 0; k < definition.Parameters.Length; k++)
            {
                var argument = call.ArgumentList.Arguments[k].Expression;
                if (argument is IdentifierNameSyntax or LiteralExpressionSyntax) { renames[definition.Parameters[k]] = argument.WithoutTrivia(); continue; }
                string local = definition.Parameters[k].Name + suffix;
                var type = (TypeSyntax)rename.Visit(parameterList.Parameters[k].Type!)!;
                prelude.Add(LocalDeclarationStatement(VariableDeclaration(type, SingletonSeparatedList(VariableDeclarator(local).WithInitializer(EqualsValueClause(argument))))));
                renames[definition.Parameters[k]] = IdentifierName(local);
            }
            if (arrow is { } body) return ParenthesizedExpression((ExpressionSyntax)rename.Visit(body.Expression)!);
            var statements = block!.Statements;
            if (statements.LastOrDefault() is not ReturnStatementSyntax { Expression: { } result }
                || statements.Take(statements.Count - 1).Any(s => s.DescendantNodesAndSelf().Any(n => n is ReturnStatementSyntax)))
                throw new UnsupportedException(call, $"the body of '{callee.Name}', called with a value of the scalar type, must end with its only return");
            foreach (var s in statements.Take(statements.Count - 1)) prelude.Add((StatementSyntax)rename.Visit(s)!);
            return ParenthesizedExpression((ExpressionSyntax)rename.Visit(result)!);
        }

        /// <summary>Renames a callee's parameters to its arguments, its locals to fresh names and its type parameter to the caller's.</summary>
        /// <summary>The parameters and the body of a method or a local function, or null for anything else.</summary>
        private static (ParameterListSyntax Parameters, BlockSyntax? Body, ArrowExpressionClauseSyntax? Arrow)? Parts(SyntaxNode declaration) => declaration switch
        {
            MethodDeclarationSyntax m => (m.ParameterList, m.Body, m.ExpressionBody),
            LocalFunctionStatementSyntax l => (l.ParameterList, l.Body, l.ExpressionBody),
            _ => null,
        };

        /// <remarks>Only the callee's own locals are renamed: a local function may read locals of the method it is declared in.</remarks>
        private sealed class Renamer(SemanticModel model, Dictionary<ISymbol, ExpressionSyntax> renames, string suffix, SyntaxNode declaration) : CSharpSyntaxRewriter
        {
            public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
            {
                var symbol = model.GetSymbolInfo(node).Symbol;
                if (symbol is not null && renames.TryGetValue(symbol, out var replacement)) return replacement.WithTriviaFrom(node);
                if (symbol is ILocalSymbol local && local.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(r.Span)))
                    return node.WithIdentifier(Identifier(local.Name + suffix)).WithTriviaFrom(node);
                return base.VisitIdentifierName(node);
            }

            public override SyntaxNode? VisitVariableDeclarator(VariableDeclaratorSyntax node)
            {
                var visited = (VariableDeclaratorSyntax)base.VisitVariableDeclarator(node)!;
                return visited.WithIdentifier(Identifier(node.Identifier.ValueText + suffix).WithTriviaFrom(node.Identifier));
            }
        }
    }
}
