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
            if (e.Node.SyntaxTree == syntax.SyntaxTree) return new Result(hint, null, Problem.At(Unsupported, e.Node, method.Name, e.Message));
            // A node of the rewritten method (see Lowering): reported where the code it came from is.
            var location = Lowering.OriginalSpan(e.Node) is { } span ? Location.Create(syntax.SyntaxTree, span) : syntax.Identifier.GetLocation();
            return new Result(hint, null, new Problem(Unsupported.Id, method.Name, e.Message, location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span));
        }
    }

    private static void Parameters(Code code, string x, string second, string secondText, string name)
    {
        code.Line($"/// <param name=\"{x}\">The point.</param>");
        code.Line($"/// <param name=\"{second}\">{secondText}</param>");
        code.Line($"/// <returns>{name}(x).</returns>");
        code.Line($"/// <exception cref=\"global::System.ArgumentException\">The {second} is not as long as the point.</exception>");
    }

    /// <summary>The parameter, return and exception documentation of the generated Hessian-vector methods.</summary>
    private static void HessianVectorParameters(Code code, string x, string name)
    {
        code.Line($"/// <param name=\"{x}\">The point.</param>");
        code.Line("/// <param name=\"direction\">The direction v, as long as the point.</param>");
        code.Line("/// <param name=\"gradient\">Destination for the gradient, as long as the point, every entry overwritten; or empty, to skip the gradient.</param>");
        code.Line("/// <param name=\"hessianVector\">Destination for ∇²f(x)·v, as long as the point; every entry is overwritten.</param>");
        code.Line($"/// <returns>{name}(x).</returns>");
        code.Line("/// <exception cref=\"global::System.ArgumentException\">The direction or a destination is not as long as the point.</exception>");
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

    /// <summary>Whether the method has the shape of a vector function, <c>void F&lt;T&gt;(ReadOnlySpan&lt;T&gt; x, Span&lt;T&gt; y)</c>.</summary>
    private static bool IsVectorShape(IMethodSymbol method) =>
        method.TypeParameters.Length == 1 && method.ReturnsVoid && method.Parameters.Length == 2
        && method.Parameters[0].Type is INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } x
        && SymbolEqualityComparer.Default.Equals(x.TypeArguments[0], method.TypeParameters[0])
        && method.Parameters[1].Type is INamedTypeSymbol { Name: "Span", TypeArguments.Length: 1 } y
        && SymbolEqualityComparer.Default.Equals(y.TypeArguments[0], method.TypeParameters[0]);

    private static string? CheckShape(IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        if (method.TypeParameters.Length != 1) return "it must have exactly one type parameter, the scalar type T";
        var t = method.TypeParameters[0];
        if (IsVectorShape(method))
        {
            foreach (var parameter in method.Parameters)
                if (parameter.Name is "jacobian" or "direction" or "derivative")
                    return $"its parameter must not be named '{parameter.Name}', a name the generated methods give their own parameters";
            return syntax.Body is null ? "it must have a block body that ends with the writes of the outputs" : CheckTypes(method);
        }
        if (method.Parameters.Length == 0
            || method.Parameters[method.Parameters.Length - 1].Type is not INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } span
            || !SymbolEqualityComparer.Default.Equals(span.TypeArguments[0], t))
            return "it must take one parameter of type ReadOnlySpan<T>, last, after any parameters whose types do not involve T";
        foreach (var passive in method.Parameters.Take(method.Parameters.Length - 1))
            if (passive.RefKind != RefKind.None || Involves(passive.Type, t))
                return $"its parameter '{passive.Name}' before the point must be passed by value and have a type that does not involve T";
        if (!SymbolEqualityComparer.Default.Equals(method.ReturnType, t)) return "it must return T";
        foreach (var parameter in method.Parameters)
            if (parameter.Name is "gradient" or "direction" or "derivative" or "hessianVector")
                return $"its parameter must not be named '{parameter.Name}', a name the generated methods give their own parameters";
        if (syntax.Body is null && syntax.ExpressionBody is null) return "it must have a body";
        return CheckTypes(method);
    }

    private static bool Involves(ITypeSymbol type, ITypeSymbol scalar) =>
        SymbolEqualityComparer.Default.Equals(type, scalar)
        || type is INamedTypeSymbol named && named.TypeArguments.Any(a => Involves(a, scalar))
        || type is IArrayTypeSymbol array && Involves(array.ElementType, scalar);

    private static string? CheckTypes(IMethodSymbol method)
    {
        foreach (var type in ContainingTypes(method))
        {
            if (type.IsGenericType) return $"its type '{type.Name}' must not be generic";
            bool partial = type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial) return $"its type '{type.Name}' must be declared partial";
        }
        return null;
    }

    /// <summary>
    /// A vector function <c>void F&lt;T&gt;(ReadOnlySpan&lt;T&gt; x, Span&lt;T&gt; y)</c> whose body is straight-line code
    /// (with ifs) that ends with the writes <c>y[0] = e₀; y[1] = e₁; …</c>: its Jacobian by one forward sweep and one
    /// backward sweep per output, and its Jacobian-vector product by the tangent code.
    /// </summary>
    private static string WriteVector(GeneratorAttributeSyntaxContext ctx, MethodDeclarationSyntax syntax, IMethodSymbol method)
    {
        var block = syntax.Body!;
        var m = new MethodModel(ctx.SemanticModel, method, block);
        var output = method.Parameters[1];
        var statements = block.Statements.ToList();
        var outputs = new List<ExpressionSyntax>();
        while (statements.Count > 0 && statements[statements.Count - 1] is ExpressionStatementSyntax
               {
                   Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access } assignment
               }
               && SymbolEqualityComparer.Default.Equals(ctx.SemanticModel.GetSymbolInfo(access.Expression).Symbol, output)
               && ctx.SemanticModel.GetConstantValue(access.ArgumentList.Arguments[0].Expression) is { HasValue: true, Value: int k }
               && k == CountOutputs(statements, ctx.SemanticModel, output) - 1)
        {
            outputs.Insert(0, assignment.Right);
            statements.RemoveAt(statements.Count - 1);
        }
        if (outputs.Count == 0)
            throw new UnsupportedException(syntax.Identifier.Parent!, $"the body must end with the writes {output.Name}[0] = …; {output.Name}[1] = …; of the outputs, in order");
        foreach (var s in statements)
        {
            foreach (var loop in s.DescendantNodesAndSelf().Where(n => n is ForStatementSyntax or WhileStatementSyntax))
                throw new UnsupportedException(loop, "a function with several outputs must be straight-line code (loops are not transformed yet)");
            foreach (var id in s.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                if (SymbolEqualityComparer.Default.Equals(ctx.SemanticModel.GetSymbolInfo(id).Symbol, output))
                    throw new UnsupportedException(id.Parent ?? id, $"'{output.Name}' may only be written at the end, once per output");
        }
        foreach (var r in block.DescendantNodes().OfType<ReturnStatementSyntax>())
            throw new UnsupportedException(r, "a function with several outputs must not return early");

        string x = method.Parameters[0].Name, y = output.Name, t = method.TypeParameters[0].Name;
        string constraints = Constraints(method.TypeParameters[0]);
        string modifiers = method.IsStatic ? "public static" : "public";
        int count = outputs.Count;
        var jacobian = new Code();
        jacobian.Line($"if ({y}.Length != {count}) throw new global::System.ArgumentException($\"{y} has length {{{y}.Length}}; expected {count}.\", nameof({y}));");
        jacobian.Line($"if (jacobian.Length != {count} * {x}.Length) throw new global::System.ArgumentException($\"jacobian has length {{jacobian.Length}}; expected {count} × the length of {x}, {{{count} * {x}.Length}}.\", nameof(jacobian));");
        jacobian.Line("jacobian.Clear();");
        new ReverseWriter(m).Jacobian(statements, outputs, y, jacobian);
        var tangent = new Code();
        tangent.Line($"if (direction.Length != {x}.Length) throw new global::System.ArgumentException($\"direction has length {{direction.Length}}; expected the length of {x}, {{{x}.Length}}.\", nameof(direction));");
        tangent.Line($"if ({y}.Length != {count}) throw new global::System.ArgumentException($\"{y} has length {{{y}.Length}}; expected {count}.\", nameof({y}));");
        tangent.Line($"if (derivative.Length != {count}) throw new global::System.ArgumentException($\"derivative has length {{derivative.Length}}; expected {count}.\", nameof(derivative));");
        var tangentWriter = new TangentWriter(m);
        tangentWriter.Statements(statements, tangent);
        tangentWriter.Outputs(outputs, y, tangent);

        string name = method.Name, span = "global::System.ReadOnlySpan", writable = "global::System.Span";
        return Wrap(method, code =>
        {
            code.Line($"/// <summary>{name}(x) and its {count} × n Jacobian, row by row, by the adjoint code the derivative generator wrote from {name}&lt;{t}&gt;: one forward sweep and one backward sweep per output.</summary>");
            code.Line($"/// <typeparam name=\"{t}\">The scalar type.</typeparam>");
            code.Line($"/// <param name=\"{x}\">The point.</param>");
            code.Line($"/// <param name=\"{y}\">Destination for the {count} outputs.</param>");
            code.Line($"/// <param name=\"jacobian\">Destination for the Jacobian, row-major, {count} × the length of the point; every entry is overwritten.</param>");
            code.Line("/// <exception cref=\"global::System.ArgumentException\">A destination has the wrong length.</exception>");
            code.Open($"{modifiers} void {name}Jacobian<{t}>({span}<{t}> {x}, {writable}<{t}> {y}, {writable}<{t}> jacobian){constraints}");
            code.Append(jacobian);
            code.Close();
            code.Line($"/// <summary>{name}(x) and its Jacobian over double, by the generated adjoint code.</summary>");
            code.Line($"/// <param name=\"{x}\">The point.</param>");
            code.Line($"/// <param name=\"{y}\">Destination for the {count} outputs.</param>");
            code.Line($"/// <param name=\"jacobian\">Destination for the Jacobian, row-major.</param>");
            code.Line($"{modifiers} void {name}Jacobian({span}<double> {x}, {writable}<double> {y}, {writable}<double> jacobian) => {name}Jacobian<double>({x}, {y}, jacobian);");
            code.Line($"/// <summary>{name}(x) and its Jacobian-vector product J(x)·p, by the tangent code the derivative generator wrote from {name}&lt;{t}&gt;.</summary>");
            code.Line($"/// <typeparam name=\"{t}\">The scalar type.</typeparam>");
            code.Line($"/// <param name=\"{x}\">The point.</param>");
            code.Line("/// <param name=\"direction\">The direction p, as long as the point.</param>");
            code.Line($"/// <param name=\"{y}\">Destination for the {count} outputs.</param>");
            code.Line($"/// <param name=\"derivative\">Destination for J(x)·p, {count} entries.</param>");
            code.Line("/// <exception cref=\"global::System.ArgumentException\">An argument has the wrong length.</exception>");
            code.Open($"{modifiers} void {name}JacobianVectorProduct<{t}>({span}<{t}> {x}, {span}<{t}> direction, {writable}<{t}> {y}, {writable}<{t}> derivative){constraints}");
            code.Append(tangent);
            code.Close();
        }, implements: false);
    }

    /// <summary>How many writes of the output end the statements (the outputs' count, when the body is well formed).</summary>
    private static int CountOutputs(List<StatementSyntax> statements, SemanticModel model, IParameterSymbol output)
    {
        int k = 0;
        for (int i = statements.Count - 1; i >= 0; i--, k++)
            if (statements[i] is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax access } }
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(access.Expression).Symbol, output))
                break;
        return k;
    }

    /// <summary>The generated file: the namespace and the containing types around the members <paramref name="members"/> writes.</summary>
    private static string Wrap(IMethodSymbol method, System.Action<Code> members, bool implements)
    {
        var code = new Code();
        code.Line("// <auto-generated/> by Optimize.Generators.DerivativeGenerator from " + method.Name + "<" + method.TypeParameters[0].Name + ">.");
        code.Line("#nullable enable");
        code.Line("#pragma warning disable CS0219, CS0162, CS0164, CS0168, CS8600, CS8601");
        // The using directives of the method's file: code the generator copies from it (argument checks, throws) names types as it does.
        if (method.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.GetRoot() is CompilationUnitSyntax unit)
            foreach (var directive in unit.Usings.Concat(unit.Members.OfType<BaseNamespaceDeclarationSyntax>().SelectMany(n => n.Usings)))
                if (directive.GlobalKeyword.IsKind(SyntaxKind.None)) code.Line(directive.WithoutTrivia().ToFullString());
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
        members(code);
        foreach (var _ in types) code.Close();
        if (!ns.IsGlobalNamespace) code.Close();
        return code.ToString();
    }

    /// <summary>
    /// Whether a base type of the marked method's type declares a virtual or abstract method <paramref name="name"/>
    /// with <paramref name="count"/> parameters, generic in one type or over double as <paramref name="generic"/> says: the
    /// generated method then overrides it, so that the base type's code reaches the generated derivatives.
    /// </summary>
    private static bool Overrides(IMethodSymbol method, string name, bool generic, int count)
    {
        if (method.IsStatic) return false;
        for (var type = method.ContainingType.BaseType; type is not null; type = type.BaseType)
            foreach (var member in type.GetMembers(name).OfType<IMethodSymbol>())
                if ((member.IsAbstract || member.IsVirtual || member.IsOverride) && !member.IsSealed
                    && member.Parameters.Length == count && member.TypeParameters.Length == (generic ? 1 : 0)
                    && (generic || member.Parameters.Any(p => p.Type is INamedTypeSymbol { Name: "ReadOnlySpan" } s && s.TypeArguments[0].SpecialType == SpecialType.System_Double)))
                    return true;
        return false;
    }

    private static string Write(GeneratorAttributeSyntaxContext ctx, MethodDeclarationSyntax syntax, IMethodSymbol method)
    {
        if (IsVectorShape(method)) return WriteVector(ctx, syntax, method);
        var original = method;
        (var semantics, syntax, method) = Lowering.Apply(ctx.SemanticModel, syntax, method);
        SyntaxNode body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody!;
        var m = new MethodModel(semantics, method, body);
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

        string x = m.Input.Name;
        var scalar = method.TypeParameters[0];
        string t = scalar.Name;
        string constraints = Constraints(scalar);
        string modifiers = method.IsStatic ? "public static" : "public";
        // The passive parameters before x, declared and passed on as they are.
        var passives = original.Parameters.Take(original.Parameters.Length - 1).ToList();
        var leading = passives.Select(p => (Type: p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), p.Name)).ToList();
        string lead = string.Concat(leading.Select(p => p.Type + " " + p.Name + ", "));
        string pass = string.Concat(passives.Select(p => p.Name + ", "));
        // A generated method overrides a virtual or abstract one of the base types with its name and parameters (over double, or generic).
        string Modifiers(string generated, bool generic, int extra) =>
            Overrides(original, generated, generic, passives.Count + 1 + extra) ? modifiers + " override" : modifiers;
        string Where(string generated, int extra) => Overrides(original, generated, true, passives.Count + 1 + extra) ? "" : constraints;
        var gradient = new Code();
        gradient.Line($"if (gradient.Length != {x}.Length) throw new global::System.ArgumentException($\"gradient has length {{gradient.Length}}; expected the length of {x}, {{{x}.Length}}.\", nameof(gradient));");
        gradient.Line("gradient.Clear();");
        // The iteration body of a last loop may move into a local function (see Outlining), which may capture this
        // only in a class. It takes the generated method's parameters, all declared by value.
        bool outlines = !method.ContainingType.IsValueType;
        string readOnlySpan = $"global::System.ReadOnlySpan<{t}>", writableSpan = $"global::System.Span<{t}>";
        var adjointWriter = new ReverseWriter(m);
        adjointWriter.Method(statements, result, gradient,
            outlines ? leading.Concat([(readOnlySpan, x), (writableSpan, "gradient")]).ToList() : null);
        // Where every entry's first write is a store, the destination needs no clearing first.
        if (adjointWriter.CoversGradient) gradient.Replace("\ngradient.Clear();\n", "\n");

        var hessianVector = new Code();
        hessianVector.Line($"if (direction.Length != {x}.Length) throw new global::System.ArgumentException($\"direction has length {{direction.Length}}; expected the length of {x}, {{{x}.Length}}.\", nameof(direction));");
        hessianVector.Line($"if (gradient.Length != {x}.Length && !gradient.IsEmpty) throw new global::System.ArgumentException($\"gradient has length {{gradient.Length}}; expected the length of {x}, {{{x}.Length}}, or 0.\", nameof(gradient));");
        hessianVector.Line($"if (hessianVector.Length != {x}.Length) throw new global::System.ArgumentException($\"hessianVector has length {{hessianVector.Length}}; expected the length of {x}, {{{x}.Length}}.\", nameof(hessianVector));");
        // The body is a generic helper whose second type argument, bool or byte, says whether it writes the gradient:
        // the JIT compiles each apart, and without the gradient drops the adjoints that only feed it.
        var secondOrderBody = new Code();
        secondOrderBody.Line("bool __writesGradient = typeof(__W) == typeof(bool);");
        secondOrderBody.Line("gradient.Clear();");
        secondOrderBody.Line("hessianVector.Clear();");
        var secondOrderWriter = new ReverseWriter(m, secondOrder: true);
        secondOrderWriter.Method(statements, result, secondOrderBody,
            outlines ? leading.Concat([(readOnlySpan, x), (readOnlySpan, "direction"), (writableSpan, "gradient"), (writableSpan, "hessianVector")]).ToList() : null);
        if (secondOrderWriter.CoversGradient) secondOrderBody.Replace("\ngradient.Clear();\n", "\n");
        if (secondOrderWriter.CoversHessianVector) secondOrderBody.Replace("\nhessianVector.Clear();\n", "\n");

        var tangent = new Code();
        tangent.Line($"if (direction.Length != {x}.Length) throw new global::System.ArgumentException($\"direction has length {{direction.Length}}; expected the length of {x}, {{{x}.Length}}.\", nameof(direction));");
        var tangentWriter = new TangentWriter(m);
        tangentWriter.Statements(statements, tangent);
        tangentWriter.Return(result, tangent);

        var interfaceType = ctx.SemanticModel.Compilation.GetTypeByMetadataName(InterfaceName);
        bool implements = method.Name == "Evaluate" && method.Parameters.Length == 1 && !method.IsStatic && interfaceType is not null
            && scalar.ConstraintTypes.Length == 1 && scalar.ConstraintTypes[0].Name == "IFloatingPointIeee754";

        return Wrap(method, code =>
        {
            string name = method.Name;
            string span = "global::System.ReadOnlySpan";
            void Passives()
            {
                foreach (var p in passives) code.Line($"/// <param name=\"{p.Name}\">The argument {p.Name} of {name}.</param>");
            }
            code.Line($"/// <summary>{name}(x) and its gradient, by the adjoint code the derivative generator wrote from {name}&lt;{t}&gt; (reverse mode by source transformation). Over a dual-number {t} it gives Hessian-vector products (forward over reverse).</summary>");
            code.Line($"/// <typeparam name=\"{t}\">The scalar type.</typeparam>");
            Passives();
            Parameters(code, x, "gradient", "Destination for the gradient, as long as the point; every entry is overwritten.", name);
            code.Open($"{Modifiers(name + "Gradient", true, 1)} {t} {name}Gradient<{t}>({lead}{span}<{t}> {x}, global::System.Span<{t}> gradient){Where(name + "Gradient", 1)}");
            code.Append(gradient);
            code.Close();
            code.Line($"/// <summary>{name}(x) and its gradient over double, by the generated adjoint code.</summary>");
            Passives();
            Parameters(code, x, "gradient", "Destination for the gradient, as long as the point; every entry is overwritten.", name);
            code.Line($"{Modifiers(name + "Gradient", false, 1)} double {name}Gradient({lead}{span}<double> {x}, global::System.Span<double> gradient) => {name}Gradient<double>({pass}{x}, gradient);");
            code.Line($"/// <summary>{name}(x) and its derivative along a direction, ∇f(x)·p, by the tangent code the derivative generator wrote from {name}&lt;{t}&gt; (forward mode by source transformation).</summary>");
            code.Line($"/// <typeparam name=\"{t}\">The scalar type.</typeparam>");
            Passives();
            Parameters(code, x, "direction", "The direction p, as long as the point.", name);
            code.Line("/// <param name=\"derivative\">∇f(x)·p.</param>");
            code.Open($"{Modifiers(name + "DirectionalDerivative", true, 2)} {t} {name}DirectionalDerivative<{t}>({lead}{span}<{t}> {x}, {span}<{t}> direction, out {t} derivative){Where(name + "DirectionalDerivative", 2)}");
            code.Append(tangent);
            code.Close();
            code.Line($"/// <summary>{name}(x) and ∇f(x)·p over double, by the generated tangent code.</summary>");
            Passives();
            Parameters(code, x, "direction", "The direction p, as long as the point.", name);
            code.Line("/// <param name=\"derivative\">∇f(x)·p.</param>");
            code.Line($"{Modifiers(name + "DirectionalDerivative", false, 2)} double {name}DirectionalDerivative({lead}{span}<double> {x}, {span}<double> direction, out double derivative) => {name}DirectionalDerivative<double>({pass}{x}, direction, out derivative);");
            string writable = "global::System.Span";
            code.Line($"/// <summary>{name}(x), its gradient and the Hessian-vector product ∇²f(x)·v, by the second-order adjoint code the derivative generator wrote from {name}&lt;{t}&gt;: one forward sweep carries the values and their tangents along v, one backward sweep the adjoints and their tangents (the tangent of the adjoint code; Griewank &amp; Walther 2008, §5.4).</summary>");
            code.Line($"/// <typeparam name=\"{t}\">The scalar type.</typeparam>");
            Passives();
            HessianVectorParameters(code, x, name);
            code.Open($"{Modifiers(name + "HessianVector", true, 3)} {t} {name}HessianVector<{t}>({lead}{span}<{t}> {x}, {span}<{t}> direction, {writable}<{t}> gradient, {writable}<{t}> hessianVector){Where(name + "HessianVector", 3)}");
            code.Append(hessianVector);
            code.Line($"return gradient.IsEmpty ? __{name}HessianVector<{t}, byte>({pass}{x}, direction, gradient, hessianVector) : __{name}HessianVector<{t}, bool>({pass}{x}, direction, gradient, hessianVector);");
            code.Close();
            code.Line($"// The second-order adjoint code; __W is bool where it writes the gradient, byte where it does not.");
            code.Open($"{(method.IsStatic ? "private static" : "private")} {t} __{name}HessianVector<{t}, __W>({lead}{span}<{t}> {x}, {span}<{t}> direction, {writable}<{t}> gradient, {writable}<{t}> hessianVector){constraints} where __W : struct");
            code.Append(secondOrderBody);
            code.Close();
            code.Line($"/// <summary>{name}(x), its gradient and ∇²f(x)·v over double, by the generated second-order adjoint code.</summary>");
            Passives();
            HessianVectorParameters(code, x, name);
            code.Line($"{Modifiers(name + "HessianVector", false, 3)} double {name}HessianVector({lead}{span}<double> {x}, {span}<double> direction, {writable}<double> gradient, {writable}<double> hessianVector) => {name}HessianVector<double>({pass}{x}, direction, gradient, hessianVector);");
        }, implements);
    }
}
