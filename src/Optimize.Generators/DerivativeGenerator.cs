using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Optimize.Generators;

/// <summary>
/// Writes, at compile time, the derivatives of every method marked
/// <c>[Optimize.Oracles.GenerateDerivatives]</c>: a reverse-mode gradient (adjoint code) and a
/// forward-mode directional derivative (tangent code), by source transformation of the method's body.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DerivativeGenerator : IIncrementalGenerator
{
    private const string AttributeName = "Optimize.Oracles.GenerateDerivativesAttribute";
    private const string InterfaceName = "Optimize.Oracles.IGeneratedDerivatives";

    /// <summary>OPTAD001: the body uses something the generator does not transform.</summary>
    public static readonly DiagnosticDescriptor Unsupported = new(
        "OPTAD001", "Not transformable to derivative code",
        "Cannot generate derivatives of '{0}': {1}. Use the runtime modes (ReverseMode, ForwardMode) for it, or rewrite it within the subset that GenerateDerivativesAttribute describes.",
        "Optimize.Generators", DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>OPTAD002: the marked method or its type has the wrong shape.</summary>
    public static readonly DiagnosticDescriptor WrongShape = new(
        "OPTAD002", "Wrong shape for derivative generation",
        "Cannot generate derivatives of '{0}': {1}",
        "Optimize.Generators", DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider.ForAttributeWithMetadataName(
            AttributeName,
            static (node, _) => node is MethodDeclarationSyntax,
            static (ctx, _) => Generate(ctx));
        context.RegisterSourceOutput(methods, static (spc, result) =>
        {
            if (result.Problem is { } problem)
            {
                var descriptor = problem.Id == Unsupported.Id ? Unsupported : WrongShape;
                var location = Location.Create(problem.File, problem.Span, problem.Lines);
                spc.ReportDiagnostic(Diagnostic.Create(descriptor, location, problem.Method, problem.Message));
            }
            if (result.Source is not null) spc.AddSource(result.HintName, SourceText.From(result.Source, Encoding.UTF8));
        });
    }

    /// <summary>
    /// What one marked method yields: the generated source or the diagnostic. Compared by value, with the
    /// diagnostic's location as plain data, so that the incremental pipeline reuses unchanged results and
    /// keeps no syntax trees alive.
    /// </summary>
    private sealed record Result(string HintName, string? Source, Problem? Problem);

    /// <summary>A diagnostic as plain data.</summary>
    private sealed record Problem(string Id, string Method, string Message, string File, TextSpan Span, LinePositionSpan Lines)
    {
        public static Problem At(DiagnosticDescriptor descriptor, SyntaxNodeOrToken at, string method, string message)
        {
            var location = at.GetLocation()!;
            return new Problem(descriptor.Id, method, message, location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);
        }
    }

    private static Result Generate(GeneratorAttributeSyntaxContext ctx)
    {
        var syntax = (MethodDeclarationSyntax)ctx.TargetNode;
        var method = (IMethodSymbol)ctx.TargetSymbol;
        // The namespace keeps types of the same name in different namespaces apart: hint names must be unique.
        string space = method.ContainingNamespace.IsGlobalNamespace ? "" : method.ContainingNamespace.ToDisplayString() + ".";
        string hint = space + string.Join(".", ContainingTypes(method).Select(t => t.Name)) + "." + method.Name + ".Derivatives.g.cs";
        string? shape = CheckShape(method, syntax);
        if (shape is not null)
            return new Result(hint, null, Problem.At(WrongShape, syntax.Identifier, method.Name, shape));
        try
        {
            return new Result(hint, Write(ctx, syntax, method), null);
        }
        catch (UnsupportedException e)
        {
            return new Result(hint, null, Problem.At(Unsupported, e.Node, method.Name, e.Message));
        }
    }

    private static void Parameters(Code code, string x, string second, string secondText, string name)
    {
        code.Line($"/// <param name=\"{x}\">The point.</param>");
        code.Line($"/// <param name=\"{second}\">{secondText}</param>");
        code.Line($"/// <returns>{name}(x).</returns>");
        code.Line($"/// <exception cref=\"global::System.ArgumentException\">The {second} is not as long as the point.</exception>");
    }

    /// <summary>The where-clause of the generated generic methods: the marked method's constraints on its scalar type.</summary>
    private static string Constraints(ITypeParameterSymbol scalar)
    {
        var parts = new List<string>();
        if (scalar.HasReferenceTypeConstraint) parts.Add("class");
        if (scalar.HasUnmanagedTypeConstraint) parts.Add("unmanaged");
        else if (scalar.HasValueTypeConstraint) parts.Add("struct");
        if (scalar.HasNotNullConstraint) parts.Add("notnull");
        parts.AddRange(scalar.ConstraintTypes.Select(c => c.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
        if (scalar.HasConstructorConstraint) parts.Add("new()");
        return parts.Count == 0 ? "" : $" where {scalar.Name} : {string.Join(", ", parts)}";
    }

    private static IEnumerable<INamedTypeSymbol> ContainingTypes(IMethodSymbol method)
    {
        var types = new List<INamedTypeSymbol>();
        for (var t = method.ContainingType; t is not null; t = t.ContainingType) types.Insert(0, t);
        return types;
    }

    private static string? CheckShape(IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        if (method.TypeParameters.Length != 1) return "it must have exactly one type parameter, the scalar type T";
        var t = method.TypeParameters[0];
        if (method.Parameters.Length != 1
            || method.Parameters[0].Type is not INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } span
            || !SymbolEqualityComparer.Default.Equals(span.TypeArguments[0], t))
            return "it must take exactly one parameter, of type ReadOnlySpan<T>";
        if (!SymbolEqualityComparer.Default.Equals(method.ReturnType, t)) return "it must return T";
        if (method.Parameters[0].Name is "gradient" or "direction" or "derivative")
            return $"its parameter must not be named '{method.Parameters[0].Name}', a name the generated methods give their own parameters";
        if (syntax.Body is null && syntax.ExpressionBody is null) return "it must have a body";
        foreach (var type in ContainingTypes(method))
        {
            if (type.IsGenericType) return $"its type '{type.Name}' must not be generic";
            bool partial = type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial) return $"its type '{type.Name}' must be declared partial";
        }
        return null;
    }

    private static string Write(GeneratorAttributeSyntaxContext ctx, MethodDeclarationSyntax syntax, IMethodSymbol method)
    {
        SyntaxNode body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody!;
        var m = new MethodModel(ctx.SemanticModel, method, body);
        IReadOnlyList<StatementSyntax> statements;
        ExpressionSyntax result;
        if (syntax.Body is { } block)
        {
            if (block.Statements.LastOrDefault() is not ReturnStatementSyntax { Expression: { } last })
                throw new UnsupportedException(syntax.Identifier.Parent!, "the body must end with 'return <value>;'");
            statements = block.Statements.Take(block.Statements.Count - 1).ToList();
            result = last;
            foreach (var r in statements.SelectMany(s => s.DescendantNodesAndSelf()).OfType<ReturnStatementSyntax>())
                throw new UnsupportedException(r, "only the last statement may return");
        }
        else
        {
            statements = [];
            result = syntax.ExpressionBody!.Expression;
        }

        string x = method.Parameters[0].Name;
        var scalar = method.TypeParameters[0];
        string t = scalar.Name;
        string constraints = Constraints(scalar);
        string modifiers = method.IsStatic ? "public static" : "public";
        var gradient = new Code();
        gradient.Line($"if (gradient.Length != {x}.Length) throw new global::System.ArgumentException($\"gradient has length {{gradient.Length}}; expected the length of {x}, {{{x}.Length}}.\", nameof(gradient));");
        gradient.Line("gradient.Clear();");
        new ReverseWriter(m).Method(statements, result, gradient);

        var tangent = new Code();
        tangent.Line($"if (direction.Length != {x}.Length) throw new global::System.ArgumentException($\"direction has length {{direction.Length}}; expected the length of {x}, {{{x}.Length}}.\", nameof(direction));");
        var tangentWriter = new TangentWriter(m);
        tangentWriter.Statements(statements, tangent);
        tangentWriter.Return(result, tangent);

        var interfaceType = ctx.SemanticModel.Compilation.GetTypeByMetadataName(InterfaceName);
        bool implements = method.Name == "Evaluate" && !method.IsStatic && interfaceType is not null
            && scalar.ConstraintTypes.Length == 1 && scalar.ConstraintTypes[0].Name == "IFloatingPointIeee754";

        var code = new Code();
        code.Line("// <auto-generated/> by Optimize.Generators.DerivativeGenerator from " + method.Name + "<" + t + ">.");
        code.Line("#nullable enable");
        code.Line("#pragma warning disable CS0219, CS0162, CS0164, CS0168, CS8600, CS8601");
        var ns = method.ContainingNamespace;
        if (!ns.IsGlobalNamespace) code.Open("namespace " + ns.ToDisplayString());
        var types = ContainingTypes(method).ToList();
        for (int k = 0; k < types.Count; k++)
        {
            var type = types[k];
            string kind = type.IsRecord ? (type.IsValueType ? "record struct" : "record") : type.TypeKind == TypeKind.Struct ? "struct" : "class";
            string bases = k == types.Count - 1 && implements ? " : global::" + InterfaceName : "";
            code.Open($"partial {kind} {type.Name}{bases}");
        }
        string name = method.Name;
        string span = "global::System.ReadOnlySpan";
        code.Line($"/// <summary>{name}(x) and its gradient, by the adjoint code the derivative generator wrote from {name}&lt;{t}&gt; (reverse mode by source transformation). Over a dual-number {t} it gives Hessian-vector products (forward over reverse).</summary>");
        code.Line($"/// <typeparam name=\"{t}\">The scalar type.</typeparam>");
        Parameters(code, x, "gradient", "Destination for the gradient, as long as the point; every entry is overwritten.", name);
        code.Open($"{modifiers} {t} {name}Gradient<{t}>({span}<{t}> {x}, global::System.Span<{t}> gradient){constraints}");
        code.Append(gradient);
        code.Close();
        code.Line($"/// <summary>{name}(x) and its gradient over double, by the generated adjoint code.</summary>");
        Parameters(code, x, "gradient", "Destination for the gradient, as long as the point; every entry is overwritten.", name);
        code.Line($"{modifiers} double {name}Gradient({span}<double> {x}, global::System.Span<double> gradient) => {name}Gradient<double>({x}, gradient);");
        code.Line($"/// <summary>{name}(x) and its derivative along a direction, ∇f(x)·p, by the tangent code the derivative generator wrote from {name}&lt;{t}&gt; (forward mode by source transformation).</summary>");
        code.Line($"/// <typeparam name=\"{t}\">The scalar type.</typeparam>");
        Parameters(code, x, "direction", "The direction p, as long as the point.", name);
        code.Line("/// <param name=\"derivative\">∇f(x)·p.</param>");
        code.Open($"{modifiers} {t} {name}DirectionalDerivative<{t}>({span}<{t}> {x}, {span}<{t}> direction, out {t} derivative){constraints}");
        code.Append(tangent);
        code.Close();
        code.Line($"/// <summary>{name}(x) and ∇f(x)·p over double, by the generated tangent code.</summary>");
        Parameters(code, x, "direction", "The direction p, as long as the point.", name);
        code.Line("/// <param name=\"derivative\">∇f(x)·p.</param>");
        code.Line($"{modifiers} double {name}DirectionalDerivative({span}<double> {x}, {span}<double> direction, out double derivative) => {name}DirectionalDerivative<double>({x}, direction, out derivative);");
        foreach (var _ in types) code.Close();
        if (!ns.IsGlobalNamespace) code.Close();
        return code.ToString();
    }
}
