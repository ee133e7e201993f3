using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimize.Generators;

/// <summary>An expression of the scalar type T that depends on x, as the derivative writers see it.</summary>
internal abstract class Node
{
}

/// <summary>An active local variable.</summary>
internal sealed class VariableNode(ILocalSymbol symbol) : Node
{
    public ILocalSymbol Symbol { get; } = symbol;
}

/// <summary>An element x[index] of the input.</summary>
internal sealed class InputNode(string index) : Node
{
    public string Index { get; } = index;

    /// <summary>The key under which the writers remember the local that holds a computed index.</summary>
    public Node Slot { get; } = new ConstantNode(index);
}

/// <summary>An element a[index] of an active local array of T, at an index that does not depend on x.</summary>
internal sealed class ElementNode(ILocalSymbol array, string index) : Node
{
    public ILocalSymbol Array { get; } = array;
    public string Index { get; } = index;
}

/// <summary>A value that does not depend on x: its derivative is zero.</summary>
internal sealed class ConstantNode(string text) : Node
{
    public string Text { get; } = text;
}

/// <summary>An operation or elementary function of active operands.</summary>
internal sealed class OperationNode(string op, params Node[] operands) : Node
{
    /// <summary>One of + − * / neg, or the name of a function of T (Sqrt, Sin, Atan2, …).</summary>
    public string Op { get; } = op;
    public Node[] Operands { get; } = operands;
}

/// <summary>condition ? whenTrue : whenFalse, the condition rendered as double code.</summary>
internal sealed class ChoiceNode(string condition, Node whenTrue, Node whenFalse) : Node
{
    public string Condition { get; } = condition;
    public Node WhenTrue { get; } = whenTrue;
    public Node WhenFalse { get; } = whenFalse;
}

/// <summary>Thrown when the method leaves the subset the generator transforms; becomes diagnostic OPTAD001.</summary>
internal sealed class UnsupportedException(SyntaxNode node, string what) : System.Exception(what)
{
    public SyntaxNode Node { get; } = node;
}

/// <summary>
/// What the writers know about the method: its type parameter T, its parameter x, which locals are
/// active (depend on x), and the names the locals take in the generated code.
/// </summary>
internal sealed class MethodModel
{
    private readonly SemanticModel model;
    private readonly Dictionary<ILocalSymbol, string> names = new(SymbolEqualityComparer.Default);

    public MethodModel(SemanticModel model, IMethodSymbol method, SyntaxNode body)
    {
        this.model = model;
        Scalar = method.TypeParameters[0];
        // x: the first parameter of a vector function, the last of a scalar function (after its passive parameters).
        Input = method.ReturnsVoid ? method.Parameters[0] : method.Parameters[method.Parameters.Length - 1];
        var taken = new HashSet<string>(method.Parameters.Select(q => q.Name)) { "gradient", "direction", "derivative", "jacobian", "hessianVector" };
        foreach (var declared in body.DescendantNodes().Select(n => model.GetDeclaredSymbol(n)).OfType<ILocalSymbol>())
        {
            string name = declared.Name;
            for (int k = 2; !taken.Add(name); k++) name = declared.Name + "_" + k.ToString(CultureInfo.InvariantCulture);
            names[declared] = name;
        }
        Active = FindActive(body);
        Rules = new Rules(Scalar.Name);
        Body = body;
    }

    /// <summary>The method body the writers transform.</summary>
    public SyntaxNode Body { get; }

    /// <summary>
    /// Locals written only by their declaration: no assignment, increment, <c>ref</c> or <c>out</c> names them. Within
    /// its scope such a local holds its initializer's value wherever the code after the declaration runs.
    /// </summary>
    public HashSet<ILocalSymbol> WrittenOnce => writtenOnce ??= FindWrittenOnce();

    private HashSet<ILocalSymbol>? writtenOnce;

    private HashSet<ILocalSymbol> FindWrittenOnce()
    {
        var written = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var node in Body.DescendantNodes())
        {
            ExpressionSyntax? target = node switch
            {
                AssignmentExpressionSyntax a => a.Left,
                PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.PreIncrementExpression) || u.IsKind(SyntaxKind.PreDecrementExpression) => u.Operand,
                PostfixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.PostIncrementExpression) || u.IsKind(SyntaxKind.PostDecrementExpression) => u.Operand,
                ArgumentSyntax arg when !arg.RefKindKeyword.IsKind(SyntaxKind.None) => arg.Expression,
                _ => null,
            };
            if (target is not null && model.GetSymbolInfo(target).Symbol is ILocalSymbol local) written.Add(local);
        }
        var once = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var declarator in Body.DescendantNodes().OfType<VariableDeclaratorSyntax>())
            if (declarator.Initializer is not null && model.GetDeclaredSymbol(declarator) is ILocalSymbol local && !written.Contains(local))
                once.Add(local);
        return once;
    }

    /// <summary>The derivative rules, written in the method's scalar type.</summary>
    public Rules Rules { get; }

    public ITypeParameterSymbol Scalar { get; }
    public IParameterSymbol Input { get; }
    public HashSet<ILocalSymbol> Active { get; }

    /// <summary>The name of a local in the generated code (locals of the same name in sibling scopes get suffixes).</summary>
    public string Name(ILocalSymbol local) => names[local];

    /// <summary>The generated name of a local's adjoint (reverse mode) or tangent (forward mode).</summary>
    public string Adjoint(ILocalSymbol local) => "__b_" + names[local];

    /// <inheritdoc cref="Adjoint"/>
    public string Tangent(ILocalSymbol local) => "__d_" + names[local];

    /// <summary>The generated name of the flag that says whether a local's value reaches the result (reverse mode).</summary>
    public string Reached(ILocalSymbol local) => "__r_" + names[local];

    public bool IsScalar(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, Scalar);

    /// <summary>Whether a type is a one-dimensional array of T.</summary>
    public bool IsScalarArray(ITypeSymbol? type) => type is IArrayTypeSymbol { Rank: 1 } array && IsScalar(array.ElementType);

    /// <summary>The local array of T an element access reads or writes, or null.</summary>
    public ILocalSymbol? ArrayOf(ElementAccessExpressionSyntax access) =>
        access.ArgumentList.Arguments.Count == 1 && model.GetSymbolInfo(access.Expression).Symbol is ILocalSymbol l && IsScalarArray(l.Type) ? l : null;

    public ISymbol? SymbolOf(SyntaxNode node) => model.GetSymbolInfo(node).Symbol ?? model.GetDeclaredSymbol(node);

    public ITypeSymbol? TypeOf(ExpressionSyntax e) => model.GetTypeInfo(e).Type;

    public ILocalSymbol? DeclaredLocal(SyntaxNode node) => model.GetDeclaredSymbol(node) as ILocalSymbol;

    /// <summary>The type of a local, as the generated code declares it.</summary>
    public string TypeName(ILocalSymbol local, SyntaxNode at)
    {
        if (IsScalar(local.Type)) return Scalar.Name;
        if (IsScalarArray(local.Type)) return Scalar.Name + "[]";
        if (Mentions(local.Type, Scalar)) throw new UnsupportedException(at, $"local '{local.Name}' has a type built on {Scalar.Name}");
        return local.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }

    private static bool Mentions(ITypeSymbol type, ITypeSymbol scalar) =>
        SymbolEqualityComparer.Default.Equals(type, scalar)
        || type is INamedTypeSymbol named && named.TypeArguments.Any(a => Mentions(a, scalar))
        || type is IArrayTypeSymbol array && Mentions(array.ElementType, scalar)
        || type is IPointerTypeSymbol pointer && Mentions(pointer.PointedAtType, scalar);

    /// <summary>Whether an expression is a call that reads no active value, as a statement of its own (an argument check).</summary>
    public bool IsPassiveCall(ExpressionSyntax e) => e is InvocationExpressionSyntax && !IsActive(e);

    /// <summary>Whether an expression depends on x: it reads x or an active local.</summary>
    public bool IsActive(ExpressionSyntax e) => DependsOnInput(e, Active);

    private bool DependsOnInput(SyntaxNode e, HashSet<ILocalSymbol> active) =>
        e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id =>
        {
            var s = model.GetSymbolInfo(id).Symbol;
            return SymbolEqualityComparer.Default.Equals(s, Input) && !IsShapeOfInput(id) || s is ILocalSymbol l && active.Contains(l);
        });

    /// <summary>x.Length and x.IsEmpty: they read the shape of x, not its values, so they are passive.</summary>
    private static bool IsShapeOfInput(IdentifierNameSyntax id) =>
        id.Parent is MemberAccessExpressionSyntax access && access.Expression == id
        && access.Name.Identifier.ValueText is "Length" or "IsEmpty";

    /// <summary>Activity analysis: the T locals that receive, directly or through others, a value read from x.</summary>
    private HashSet<ILocalSymbol> FindActive(SyntaxNode body)
    {
        var active = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var writes = new List<(ILocalSymbol Target, SyntaxNode Value)>();
        foreach (var n in body.DescendantNodes())
        {
            if (n is VariableDeclaratorSyntax { Initializer: { } init } d && DeclaredLocal(d) is { } l && IsScalar(l.Type))
                writes.Add((l, init.Value));
            else if (n is AssignmentExpressionSyntax a && model.GetSymbolInfo(a.Left).Symbol is ILocalSymbol t && IsScalar(t.Type))
                writes.Add((t, a.Right));
            else if (n is AssignmentExpressionSyntax e && e.Left is ElementAccessExpressionSyntax access && ArrayOf(access) is { } array)
                writes.Add((array, e.Right));
        }
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var (target, value) in writes)
                if (!active.Contains(target) && DependsOnInput(value, active)) { active.Add(target); changed = true; }
        }
        return active;
    }

    /// <summary>Renders code that does not need derivatives, with the locals' generated names.</summary>
    public string Render(SyntaxNode node) => new Renderer(this).Visit(node)!.ToString();

    private sealed class Renderer(MethodModel m) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
            m.model.GetSymbolInfo(node).Symbol is ILocalSymbol l && m.names.TryGetValue(l, out var name)
                ? node.WithIdentifier(SyntaxFactory.Identifier(name)).WithTriviaFrom(node)
                : base.VisitIdentifierName(node);

        public override SyntaxNode? VisitVariableDeclarator(VariableDeclaratorSyntax node)
        {
            var visited = (VariableDeclaratorSyntax)base.VisitVariableDeclarator(node)!;
            return m.DeclaredLocal(node) is { } l && m.names.TryGetValue(l, out var name)
                ? visited.WithIdentifier(SyntaxFactory.Identifier(name).WithTriviaFrom(node.Identifier))
                : visited;
        }
    }

    /// <summary>Translates an active expression into the derivative writers' tree.</summary>
    public Node ToNode(ExpressionSyntax e)
    {
        if (!IsActive(e)) return new ConstantNode("(" + Render(e) + ")");
        switch (e)
        {
            case ParenthesizedExpressionSyntax p:
                return ToNode(p.Expression);
            case IdentifierNameSyntax id when model.GetSymbolInfo(id).Symbol is ILocalSymbol l:
                return new VariableNode(l);
            case ElementAccessExpressionSyntax ea when SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(ea.Expression).Symbol, Input)
                                                     && ea.ArgumentList.Arguments.Count == 1 && !IsActive(ea.ArgumentList.Arguments[0].Expression):
                return new InputNode(Render(ea.ArgumentList.Arguments[0].Expression));
            case ElementAccessExpressionSyntax ea when ArrayOf(ea) is { } array && Active.Contains(array) && !IsActive(ea.ArgumentList.Arguments[0].Expression):
                return new ElementNode(array, Render(ea.ArgumentList.Arguments[0].Expression));
            case BinaryExpressionSyntax b when IsScalar(TypeOf(b)):
                string? op = b.Kind() switch
                {
                    SyntaxKind.AddExpression => "+", SyntaxKind.SubtractExpression => "-",
                    SyntaxKind.MultiplyExpression => "*", SyntaxKind.DivideExpression => "/", _ => null,
                };
                if (op is null) break;
                return new OperationNode(op, ToNode(b.Left), ToNode(b.Right));
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                return new OperationNode("neg", ToNode(u.Operand));
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression):
                return ToNode(u.Operand);
            case ConditionalExpressionSyntax c:
                return new ChoiceNode(Render(c.Condition), ToNode(c.WhenTrue), ToNode(c.WhenFalse));
            case InvocationExpressionSyntax call when call.Expression is MemberAccessExpressionSyntax ma
                                                     && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(ma.Expression).Symbol, Scalar):
                string name = ma.Name.Identifier.ValueText;
                int arity = Rules.Arity(name);
                if (arity == 0 || call.ArgumentList.Arguments.Count != arity) break;
                return new OperationNode(name, call.ArgumentList.Arguments.Select(a => ToNode(a.Expression)).ToArray());
        }
        throw new UnsupportedException(e, $"'{e}' is not an operation the derivative generator differentiates");
    }
}
