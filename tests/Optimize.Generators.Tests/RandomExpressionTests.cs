using System.Globalization;
using System.Reflection;
using System.Text;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Generators.Tests;

/// <summary>
/// Property test: seeded random expressions over the whole subset, written as source text, run through the
/// generator, compiled and loaded; the generated derivatives must agree with the runtime modes and with
/// central differences, and the adjoint code over dual numbers with the runtime's ∇²f·v. Half of them put
/// the expression in a reduction loop beside an outer active value.
/// </summary>
public sealed class RandomExpressionTests
{
    private const int Count = 60;
    private const int Dimension = 3;

    private delegate T ScalarCode<T>(ReadOnlySpan<T> x);
    private delegate double GradientCode(ReadOnlySpan<double> x, Span<double> gradient);
    private delegate double DirectionalCode(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, out double derivative);

    /// <summary>The random functions' source texts and the type that holds them with their derivatives.</summary>
    private static readonly Lazy<(string[] Bodies, Type Type)> Compiled = new(() =>
    {
        var random = new Random(20261126);
        var bodies = Enumerable.Range(0, Count).Select(k => k % 2 == 0 ? PlainBody(random) : LoopBody(random)).ToArray();
        var source = new StringBuilder(GeneratorHarness.Usings).Append("namespace Probes;\npublic static partial class RandomFunctions\n{\n");
        for (int k = 0; k < Count; k++)
            source.Append($"    [GenerateDerivatives]\n    public static T F{k}<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>\n    {{\n        {bodies[k]}\n    }}\n");
        source.Append("}\n");
        var run = GeneratorHarness.Generate(source.ToString());
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.OutputErrors);
        return (bodies, GeneratorHarness.Load(run).GetType("Probes.RandomFunctions")!);
    });

    public static TheoryData<int> Indices => new(Enumerable.Range(0, Count));

    [Theory]
    [MemberData(nameof(Indices))]
    public void GeneratedDerivativesOfRandomExpressionsAgreeWithRuntimeModesAndCentralDifferences(int index)
    {
        var (bodies, type) = Compiled.Value;
        MethodInfo method = type.GetMethod("F" + index)!;
        var function = new Reflected(method);
        var gradientCode = GeneratorHarness.GradientOverDouble(type, "F" + index)!.CreateDelegate<GradientCode>();
        var directionalCode = GeneratorHarness.DirectionalDerivativeOverDouble(type, "F" + index)!.CreateDelegate<DirectionalCode>();
        var dualCode = type.GetMethods().Single(m => m.Name == $"F{index}Gradient" && m.IsGenericMethodDefinition)
            .MakeGenericMethod(typeof(Dual<double>)).CreateDelegate<Check.DualGradient>();
        var hessianVectorCode = GeneratorHarness.HessianVectorOverDouble(type, "F" + index)!.CreateDelegate<Check.HessianVectorCode>();
        var random = new Random(index);
        for (int trial = 0; trial < 3; trial++)
        {
            double[] x = Enumerable.Range(0, Dimension).Select(_ => Math.Round(3 * random.NextDouble() - 1.5, 3)).ToArray();
            string at = $"F{index} at ({string.Join(", ", x)}): {bodies[index]}";
            var gradient = new double[Dimension];
            var reverse = new double[Dimension];
            double value = gradientCode(x, gradient);
            double reverseValue = ReverseMode.ValueAndGradient(function, x, reverse);
            Assert.True(double.IsFinite(value), $"{at}: value {value}");
            Assert.Equal(function.Evaluate<double>(x), value); // the same operations on doubles
            Close(reverseValue, value, Check.RuntimeTolerance, $"{at}: value against reverse mode");
            Close(reverse, gradient, Check.RuntimeTolerance, $"{at}: gradient against reverse mode");
            Close(CentralGradient(y => function.Evaluate<double>(y), x), gradient, 1e-6, $"{at}: gradient against central differences");

            double[] p = Check.Direction(Dimension, 1000 * index + trial);
            double tangentValue = directionalCode(x, p, out double derivative);
            ForwardMode.ValueAndJvp(function, x, p, out double forward);
            double dot = 0, magnitude = 1;
            for (int i = 0; i < Dimension; i++) { dot += gradient[i] * p[i]; magnitude += Math.Abs(gradient[i] * p[i]); }
            Assert.Equal(value, tangentValue);
            Close(dot / magnitude, derivative / magnitude, Check.RuntimeTolerance, $"{at}: directional derivative against gradient·p");
            Close(forward / magnitude, derivative / magnitude, Check.RuntimeTolerance, $"{at}: directional derivative against forward mode");

            var runtimeHessianVector = new double[Dimension];
            ReverseMode.HessianVector(function, x, p, runtimeHessianVector);
            Close(runtimeHessianVector, Check.HessianVector(dualCode, x, p, gradient), Check.HessianVectorTolerance, $"{at}: ∇²f·p by the adjoint code over duals");
            Check.CompiledHessianVector(hessianVectorCode, function, x, p, gradient, at);
        }
    }

    /// <summary>f(x) = E(x).</summary>
    private static string PlainBody(Random random) => $"return {Expression(random, 4, ["x[0]", "x[1]", "x[2]"])};";

    /// <summary>An outer active value, a reduction loop whose terms read it and x[i], and a result of both.</summary>
    private static string LoopBody(Random random) =>
        $"T a = {Expression(random, 2, ["x[0]", "x[1]", "x[2]"])}; T s = T.Zero; " +
        $"for (int i = 0; i < x.Length; i++) {{ T v = {Expression(random, 3, ["x[i]", "a", "x[0]"])}; s {(random.Next(2) == 0 ? "+=" : "-=")} v; }} " +
        $"return {Expression(random, 2, ["s", "a", "x[1]"])};";

    /// <summary>
    /// A random expression of T over the leaves, finite for every finite input: functions with a restricted
    /// domain get arguments inside it (√ and log of e² + 1, asin of sin/2, …).
    /// </summary>
    private static string Expression(Random random, int depth, string[] leaves)
    {
        if (depth == 0 || random.Next(5) == 0)
        {
            return random.Next(6) switch
            {
                0 => $"T.CreateChecked({(random.Next(-8, 9) / 4.0).ToString("R", CultureInfo.InvariantCulture)})",
                1 => "T.Pi",
                _ => leaves[random.Next(leaves.Length)],
            };
        }
        string E() => Expression(random, depth - 1, leaves);
        // e² + c with one e, so that it stays positive.
        string Positive(string c) { string e = E(); return $"{e} * {e} + {c}"; }
        return random.Next(27) switch
        {
            0 => $"({E()} + {E()})",
            1 => $"({E()} - {E()})",
            2 or 3 => $"({E()} * {E()})",
            4 => $"({E()} / ({Positive("T.One")}))",
            5 => $"(-{E()})",
            6 => $"T.Sqrt({Positive("T.One")})",
            7 => $"T.Exp(T.Sin({E()}))",
            8 => $"T.Log({Positive("T.CreateChecked(0.5)")})",
            9 => $"T.Sin({E()})",
            10 => $"T.Cos({E()})",
            11 => $"T.Tan(T.Sin({E()}))",
            12 => $"T.Asin(T.Sin({E()}) / T.CreateChecked(2))",
            13 => $"T.Acos(T.Cos({E()}) / T.CreateChecked(2))",
            14 => $"T.Atan({E()})",
            15 => $"T.Atan2({E()}, {Positive("T.One")})",
            16 => $"T.Sinh(T.Sin({E()}))",
            17 => $"T.Cosh(T.Cos({E()}))",
            18 => $"T.Tanh({E()})",
            19 => $"T.Abs({E()})",
            20 => $"T.Min({E()}, {E()})",
            21 => $"T.Max({E()}, {E()})",
            22 => $"T.Pow({Positive("T.One")}, T.Sin({E()}))",
            23 => $"T.Pow({E()}, T.CreateChecked(2))",
            24 => $"T.Pow(T.CreateChecked(1.5), T.Sin({E()}))",
            25 => $"({E()} > {E()} ? {E()} : {E()})",
            _ => $"({E()} * T.CreateChecked({(random.Next(1, 9) / 4.0).ToString("R", CultureInfo.InvariantCulture)}))",
        };
    }

    /// <summary>The loaded generic method as a function the runtime modes differentiate.</summary>
    private sealed class Reflected(MethodInfo method) : IScalarFunction
    {
        public int Dimension => RandomExpressionTests.Dimension;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : System.Numerics.IFloatingPointIeee754<T> =>
            method.MakeGenericMethod(typeof(T)).CreateDelegate<ScalarCode<T>>()(x);
    }
}
