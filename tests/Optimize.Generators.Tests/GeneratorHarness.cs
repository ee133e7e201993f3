using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Optimize.Oracles;

namespace Optimize.Generators.Tests;

/// <summary>Runs the derivative generator on source text in memory, as the compiler does in a build.</summary>
internal static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The runtime's own assemblies and Optimize.Core (the attribute and the interface).</summary>
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => string.Equals(Path.GetDirectoryName(p), runtime, StringComparison.Ordinal))
            .Append(typeof(GenerateDerivativesAttribute).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });

    /// <summary>The usings every probe source starts with.</summary>
    public const string Usings = "using System;\nusing System.Numerics;\nusing Optimize.Oracles;\n";

    /// <summary>What one run of the generator gave.</summary>
    /// <param name="Input">The compilation of the source alone.</param>
    /// <param name="Output">The compilation with the generated sources added.</param>
    /// <param name="Diagnostics">The generator's diagnostics.</param>
    /// <param name="GeneratedSources">The generated source texts.</param>
    public sealed record Run(Compilation Input, Compilation Output, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> GeneratedSources)
    {
        /// <summary>Errors of the compilation with the generated code (the source's own ones included).</summary>
        public IEnumerable<Diagnostic> OutputErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
    }

    public static Run Generate(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Probe.cs");
        var compilation = CSharpCompilation.Create("Probe" + Guid.NewGuid().ToString("N"), [tree], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new DerivativeGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = driver.GetRunResult().GeneratedTrees.Select(t => t.GetText().ToString()).ToImmutableArray();
        return new Run(compilation, output, diagnostics, generated);
    }

    /// <summary>A static partial class holding one marked method with the given body.</summary>
    public static string StaticMethod(string body, string members = "") => Usings + $$"""
        namespace Probes;
        public static partial class Probe
        {
            {{members}}
            [GenerateDerivatives]
            public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
            {
                {{body}}
            }
        }
        """;

    /// <summary>The generic adjoint (gradient) method generated for a <see cref="StaticMethod"/> probe, as text.</summary>
    public static string GradientCode(string body)
    {
        var run = Generate(StaticMethod(body));
        Assert.Empty(run.OutputErrors);
        string source = Assert.Single(run.GeneratedSources);
        var method = System.Text.RegularExpressions.Regex.Match(source, @"public static T FGradient<T>\(.*?\n        }\n", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(method.Success, source);
        return method.Value;
    }

    /// <summary>How many times a text occurs in generated code.</summary>
    public static int Count(string code, string text) =>
        System.Text.RegularExpressions.Regex.Matches(code, System.Text.RegularExpressions.Regex.Escape(text)).Count;

    /// <summary>The generated <c>NameGradient</c> over double (beside it is the one generic over the scalar).</summary>
    public static MethodInfo? GradientOverDouble(Type type, string name) =>
        type.GetMethod(name + "Gradient", [typeof(ReadOnlySpan<double>), typeof(Span<double>)]);

    /// <summary>The generated <c>NameDirectionalDerivative</c> over double.</summary>
    public static MethodInfo? DirectionalDerivativeOverDouble(Type type, string name) =>
        type.GetMethod(name + "DirectionalDerivative", [typeof(ReadOnlySpan<double>), typeof(ReadOnlySpan<double>), typeof(double).MakeByRefType()]);

    /// <summary>The generated <c>NameHessianVector</c> over double: the second-order adjoint code.</summary>
    public static MethodInfo? HessianVectorOverDouble(Type type, string name) =>
        type.GetMethod(name + "HessianVector", [typeof(ReadOnlySpan<double>), typeof(ReadOnlySpan<double>), typeof(Span<double>), typeof(Span<double>)]);

    /// <summary>Emits the compilation with the generated code and loads it into a collectible context.</summary>
    public static Assembly Load(Run run)
    {
        using var stream = new MemoryStream();
        var result = run.Output.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return new AssemblyLoadContext(run.Output.AssemblyName, isCollectible: true).LoadFromStream(stream);
    }
}
