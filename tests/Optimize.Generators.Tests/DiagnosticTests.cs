using Microsoft.CodeAnalysis;

namespace Optimize.Generators.Tests;

public sealed class DiagnosticTests
{
    /// <summary>Runs the generator on a source that compiles by itself and returns its one diagnostic.</summary>
    private static Diagnostic OnlyDiagnostic(string source)
    {
        var run = GeneratorHarness.Generate(source);
        Assert.Empty(run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(run.GeneratedSources);
        return Assert.Single(run.Diagnostics);
    }

    /// <summary>The source text a diagnostic points at, which must be in the probe's file.</summary>
    private static string Located(string source, Diagnostic d)
    {
        Assert.Equal("Probe.cs", d.Location.GetLineSpan().Path);
        return source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);
    }

    [Theory]
    [InlineData("return inside a loop", "T s = T.Zero; for (int i = 0; i < x.Length; i++) { s += x[i]; if (i == 2) return s; } return s;", "return s;")]
    [InlineData("break in a loop whose counter is declared outside it", "T s = T.Zero; int i = 0; for (; i < x.Length; i++) { if (i == 3) break; s += x[i]; } return s * T.CreateChecked(i);", "break;")]
    [InlineData("break in a do loop", "T s = T.Zero; int i = 0; do { s += x[i]; if (s > T.One) break; i++; } while (i < x.Length); return s;", "break;")]
    [InlineData("local function that returns nothing", "T s = x[0]; Check(); return s; void Check() { if (Calls < 0) throw new InvalidOperationException(); }", "void Check()")]
    [InlineData("recursive helper", "return Power(x[0], 3);", "Power(")]
    [InlineData("call with an active argument to a method of another type", "T y = Helpers.Square(x[0]); return y;", "Helpers.Square(x[0])")]
    [InlineData("call of a helper that returns early", "T y = Clip(x[0]); return y;", "Clip(x[0])")]
    [InlineData("switch expression inside a larger expression", "T y = x[0] * (x.Length switch { 1 => x[0], _ => x[1] }); return y;", "x.Length switch")]
    [InlineData("pattern outside the subset", "return x.Length switch { int n when n > 2 => x[0], _ => x[1] };", "int n")]
    [InlineData("break inside a switch section", "T y = x[0]; switch (x.Length) { case 1: if (y > T.Zero) break; y = y * y; break; } return y;", "break;")]
    [InlineData("return inside a foreach loop", "T s = T.Zero; foreach (T v in x) { if (v > T.One) return v; s += v; } return s;", "return v;")]
    [InlineData("function outside the subset", "return T.Cbrt(x[0]);", "T.Cbrt(x[0])")]
    [InlineData("write to x", "x = x.Slice(1); return x[0];", "x = x.Slice(1)")]
    [InlineData("write to a field", "Calls = Calls + 1; return x[0];", "Calls = Calls + 1")]
    [InlineData("array of T in a loop that is not a reduction", "T p = T.One; for (int i = 0; i < x.Length; i++) { var a = new T[2]; a[0] = x[i]; p *= a[0]; } return p;", "a = new T[2]")]
    [InlineData("array of T in a loop, not created by new", "T s = T.Zero; for (int i = 0; i < x.Length; i++) { T[] a = Array.Empty<T>(); s += x[i]; } return s;", "a = Array.Empty<T>()")]
    [InlineData("span of T local that is written", "ReadOnlySpan<T> a = x.Slice(1); if (x.Length > 2) a = x.Slice(2); return a[0];", "a = x.Slice(1)")]
    [InlineData("span of T local read other than by index and length", "ReadOnlySpan<T> a = x.Slice(1); T[] b = a.ToArray(); return b[0];", "a = x.Slice(1)")]
    [InlineData("increment of an active local", "T a = x[0]; a++; return a;", "a++;")]
    [InlineData("assignment inside an expression", "T a = x[0]; T b = (a = x[1]) * a; return b;", "a = x[1]")]
    [InlineData("call statement with an active argument", "Console.WriteLine(x[0]); return x[0];", "Console.WriteLine(x[0]);")]
    public void UnsupportedConstructsAreReportedAsOptad001(string what, string body, string at)
    {
        string source = GeneratorHarness.StaticMethod(body, "static int Calls; static T Square<T>(T a) where T : INumber<T> => a * a; "
            + "static T Clip<T>(T a) where T : INumber<T> { if (a > T.Zero) return a; return -a; } "
            + "static class Helpers { public static T Square<T>(T a) where T : INumber<T> => a * a; } "
            + "static T Power<T>(T a, int k) where T : INumber<T> => k == 0 ? T.One : a * Power(a, k - 1);");
        var d = OnlyDiagnostic(source);
        Assert.Equal("OPTAD001", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        string message = d.GetMessage();
        Assert.StartsWith("Cannot generate derivatives of 'F':", message);
        string located = Located(source, d);
        Assert.True(located.Contains(at, StringComparison.Ordinal), $"{what}: the diagnostic points at '{located}', not at '{at}' ({message})");
    }

    [Theory]
    [InlineData("loop in a function with several outputs", "T s = T.Zero; for (int i = 0; i < x.Length; i++) s += x[i]; y[0] = s; y[1] = x[0];", "for (int i")]
    [InlineData("output written before the end", "y[0] = x[0]; T s = x[1] * x[1]; y[1] = s;", "y[0] = x[0]")]
    [InlineData("outputs out of order", "y[1] = x[0]; y[0] = x[1];", "G")]
    public void UnsupportedVectorFunctionsAreReportedAsOptad001(string what, string body, string at)
    {
        string source = GeneratorHarness.Usings + "namespace Probes;\npublic static partial class Probe { [GenerateDerivatives] public static void G<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T> { " + body + " } }";
        var d = OnlyDiagnostic(source);
        Assert.Equal("OPTAD001", d.Id);
        string located = Located(source, d);
        Assert.True(located.Contains(at, StringComparison.Ordinal), $"{what}: the diagnostic points at '{located}', not at '{at}' ({d.GetMessage()})");
    }

    [Theory]
    [InlineData("non-partial type", "public static class Probe { [GenerateDerivatives] public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0]; }", "must be declared partial")]
    [InlineData("non-partial containing type", "public static class Outer { public static partial class Probe { [GenerateDerivatives] public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0]; } }", "'Outer' must be declared partial")]
    [InlineData("two parameters", "public static partial class Probe { [GenerateDerivatives] public static T F<T>(ReadOnlySpan<T> x, T y) where T : IFloatingPointIeee754<T> => x[0] * y; }", "one parameter of type ReadOnlySpan<T>, last")]
    [InlineData("span parameter", "public static partial class Probe { [GenerateDerivatives] public static T F<T>(Span<T> x) where T : IFloatingPointIeee754<T> => x[0]; }", "one parameter of type ReadOnlySpan<T>, last")]
    [InlineData("parameter of type T before the point", "public static partial class Probe { [GenerateDerivatives] public static T F<T>(T y, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * y; }", "parameter 'y' before the point")]
    [InlineData("array of T before the point", "public static partial class Probe { [GenerateDerivatives] public static T F<T>(T[] y, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * y[0]; }", "parameter 'y' before the point")]
    [InlineData("ref parameter before the point", "public static partial class Probe { [GenerateDerivatives] public static T F<T>(ref int k, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[k]; }", "parameter 'k' before the point")]
    [InlineData("passive parameter named direction", "public static partial class Probe { [GenerateDerivatives] public static T F<T>(int direction, ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[direction]; }", "must not be named 'direction'")]
    [InlineData("generic containing type", "public partial class Probe<U> { [GenerateDerivatives] public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0]; }", "must not be generic")]
    [InlineData("non-generic method", "public static partial class Probe { [GenerateDerivatives] public static double F(ReadOnlySpan<double> x) => x[0]; }", "exactly one type parameter")]
    [InlineData("return type other than T", "public static partial class Probe { [GenerateDerivatives] public static double F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => double.CreateChecked(x[0]); }", "must return T")]
    [InlineData("parameter named gradient", "public partial class Probe { [GenerateDerivatives] public static T F<T>(ReadOnlySpan<T> gradient) where T : IFloatingPointIeee754<T> => gradient[0]; }", "must not be named 'gradient'")]
    [InlineData("parameter named direction", "public partial class Probe { [GenerateDerivatives] public T F<T>(ReadOnlySpan<T> direction) where T : IFloatingPointIeee754<T> => direction[0]; }", "must not be named 'direction'")]
    [InlineData("parameter named derivative", "public partial class Probe { [GenerateDerivatives] public T F<T>(ReadOnlySpan<T> derivative) where T : IFloatingPointIeee754<T> => derivative[0]; }", "must not be named 'derivative'")]
    [InlineData("parameter named hessianVector", "public partial class Probe { [GenerateDerivatives] public T F<T>(ReadOnlySpan<T> hessianVector) where T : IFloatingPointIeee754<T> => hessianVector[0]; }", "must not be named 'hessianVector'")]
    [InlineData("no body", "public abstract partial class Probe { [GenerateDerivatives] public abstract T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>; }", "must have a body")]
    public void WrongShapesAreReportedAsOptad002(string what, string declaration, string expected)
    {
        string source = GeneratorHarness.Usings + "namespace Probes;\n" + declaration;
        var d = OnlyDiagnostic(source);
        Assert.Equal("OPTAD002", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.True(d.GetMessage().Contains(expected, StringComparison.Ordinal), $"{what}: {d.GetMessage()}");
        Assert.Equal("F", Located(source, d));
    }

    [Fact]
    public void SupportedMethodsGiveNoDiagnosticsAndGeneratedCodeThatCompiles()
    {
        var run = GeneratorHarness.Generate(GeneratorHarness.Usings + """
            namespace Probes;
            public sealed partial class Model : IScalarFunction
            {
                private static readonly double[] Weights = [1.0, 2.0, 0.5];
                public int Dimension => 3;

                [GenerateDerivatives]
                public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
                {
                    T sum = T.Zero, scale = x[0] * x[0] + T.One;
                    int k = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        T w = T.CreateChecked(Weights[i]);
                        if (x[i] > T.Zero) sum += w * T.Log(scale + x[i]);
                        else sum -= w * T.Exp(x[i]) * scale;
                        k += 2;
                    }
                    T y = sum > T.One ? T.Sqrt(sum) : T.Pow(T.Abs(sum) + T.One, x[1]);
                    y *= T.Atan2(x[2], scale);
                    return T.Max(y, T.Min(x[0], x[1])) + T.CreateChecked(k);
                }

                [GenerateDerivatives]
                public static T Other<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T> => T.Tanh(v[0]) * T.Cosh(v[1]);
            }
            """);
        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.GeneratedSources.Length);
        Assert.Empty(run.OutputErrors);
        var model = GeneratorHarness.Load(run).GetType("Probes.Model")!;
        Assert.Contains(typeof(Optimize.Oracles.IGeneratedDerivatives), model.GetInterfaces());
        Assert.NotNull(GeneratorHarness.GradientOverDouble(model, "Other"));
        Assert.NotNull(GeneratorHarness.DirectionalDerivativeOverDouble(model, "Other"));
    }

    private const string Marked = "[GenerateDerivatives] public static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> => x[0] * x[0];";

    [Theory]
    [InlineData("public readonly partial struct Probe { " + Marked + " }")]
    [InlineData("public static partial class Probe { " + Marked + " }")]
    [InlineData("public abstract partial class Probe { " + Marked + " }")]
    [InlineData("public sealed partial record Probe(int Size) { " + Marked + " }")]
    [InlineData("public partial record struct Probe(int Size) { " + Marked + " }")]
    [InlineData("file sealed partial class Probe { " + Marked + " }")]
    [InlineData("internal partial struct Outer { private sealed partial class Probe { " + Marked + " } }")]
    public void GeneratedCodeCompilesInEveryKindOfPartialType(string declaration)
    {
        var run = GeneratorHarness.Generate(GeneratorHarness.Usings + "namespace Probes;\n" + declaration);
        Assert.Empty(run.Diagnostics);
        Assert.Single(run.GeneratedSources);
        Assert.Empty(run.OutputErrors);
    }

    [Fact]
    public void GeneratedCodeCompilesWithoutWarnings()
    {
        var run = GeneratorHarness.Generate(GeneratorHarness.StaticMethod(
            "T s = T.Zero; for (int i = 0; i < x.Length; i++) { T t = x[i] * x[i]; s += t; } T r = s; r = r * r; return r;"));
        Assert.Empty(run.Diagnostics);
        var generatedTrees = run.Output.SyntaxTrees.Where(t => !run.Input.SyntaxTrees.Contains(t)).ToHashSet();
        var warnings = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && generatedTrees.Contains(d.Location.SourceTree!));
        Assert.Empty(warnings);
    }
}
