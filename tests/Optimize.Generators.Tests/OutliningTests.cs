namespace Optimize.Generators.Tests;

/// <summary>
/// The shape of the adjoint code of a last loop run forward and backwards one iteration at a time: an iteration body
/// with nested loops is a local function compiled with full optimization, taking what it assigns by reference and the
/// rest by value.
/// <c>OutlinedIterationCases.cs</c> checks that the derivatives stay right.
/// </summary>
public sealed class OutliningTests
{
    private const string LogSumExps = """
        int n = x.Length;
        T scale = T.Sin(x[0]);
        T total = T.Zero;
        int start = 0;
        for (int i = 0; i < n; i++)
        {
            T sum = T.Zero;
            for (int j = 0; j < n; j++)
            {
                T y = x[(start + j) % n];
                for (int k = 0; k <= j; k++) y += scale * x[k];
                sum += T.Exp(y);
            }
            total += T.Log(sum);
            start += 3;
        }
        return total;
        """;

    [Fact]
    public void TheIterationBodyOfTheLastLoopIsALocalFunctionCompiledWithFullOptimization()
    {
        string code = GeneratorHarness.GradientCode(LogSumExps);
        Assert.Equal(1, GeneratorHarness.Count(code, "void __Iteration("));
        Assert.Contains("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]", code);
        Assert.Matches(@"for \(int i = 0; i < n; i\+\+\)\s*\{\s*__Iteration\(", code);
        // The body's own work is inside the function, not in the loop.
        Assert.True(code.IndexOf("T.Exp(", StringComparison.Ordinal) > code.IndexOf("void __Iteration(", StringComparison.Ordinal));
        Assert.True(code.IndexOf("T.Log(", StringComparison.Ordinal) > code.IndexOf("void __Iteration(", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatTheBodyAssignsGoesByReferenceAndTheRestByValue()
    {
        string code = GeneratorHarness.GradientCode(LogSumExps);
        string header = System.Text.RegularExpressions.Regex.Match(code, @"void __Iteration\(([^)]*)\)").Groups[1].Value;
        var parameters = header.Split(", ");
        Assert.Contains("ref T __o_total", parameters);   // the accumulator
        Assert.Contains("ref int __o_start", parameters); // a passive index the iterations advance
        Assert.Contains("T scale", parameters);           // read only
        Assert.Contains("int n", parameters);
        Assert.Contains("global::System.ReadOnlySpan<T> x", parameters);
        Assert.Contains("global::System.Span<T> gradient", parameters);
        Assert.DoesNotContain(parameters, p => p.EndsWith(" y", StringComparison.Ordinal) || p.EndsWith(" sum", StringComparison.Ordinal));
        Assert.Contains("start = __o_start;", code);
        Assert.Contains("__o_start = start;", code);
    }

    [Fact]
    public void TheSecondOrderIterationDeclaresItsTypeTestAgainSoTheJitCanFoldIt()
    {
        var run = GeneratorHarness.Generate(GeneratorHarness.StaticMethod(LogSumExps));
        Assert.Empty(run.OutputErrors);
        string source = Assert.Single(run.GeneratedSources);
        string secondOrder = System.Text.RegularExpressions.Regex.Match(source, @"private static T __FHessianVector<T, __W>\(.*?\n        }\n",
            System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        string header = System.Text.RegularExpressions.Regex.Match(secondOrder, @"void __Iteration\(([^)]*)\)").Groups[1].Value;
        Assert.NotEmpty(header);
        Assert.DoesNotContain("__writesGradient", header);
        // Once for the method, once inside the iteration: typeof(__W) == typeof(bool) is a constant to the JIT in both.
        Assert.Equal(2, GeneratorHarness.Count(secondOrder, "bool __writesGradient = typeof(__W) == typeof(bool);"));
        Assert.Contains("if (__writesGradient) gradient[", secondOrder[secondOrder.IndexOf("void __Iteration(", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void ABodyWithAContinueIsLoweredFirstAndThenOutlined()
    {
        string code = GeneratorHarness.GradientCode("""
            T total = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                if (i == 1) continue;
                T s = T.Zero;
                for (int j = 0; j <= i; j++)
                    for (int k = 0; k <= j; k++) s += x[k] * x[j] * x[i];
                total += s * s;
            }
            return total;
            """);
        Assert.Equal(1, GeneratorHarness.Count(code, "void __Iteration("));
        Assert.Contains("int i", System.Text.RegularExpressions.Regex.Match(code, @"void __Iteration\(([^)]*)\)").Groups[1].Value);
        Assert.DoesNotContain("continue", code);
        Assert.DoesNotContain("/*__iteration", code);
    }

    [Fact]
    public void AFunctionThatDoesNotEndInALoopHasNoIterationFunction()
    {
        KeepsItsBodyInPlace("""
            T total = T.Zero;
            for (int i = 0; i < x.Length; i++) total += T.Sin(x[i]);
            return total * total;
            """);
    }

    [Fact]
    public void ALastLoopWhoseBodyHoldsNoLoopKeepsItsBodyInPlace()
    {
        // A call per iteration would cost more than a short body saves.
        KeepsItsBodyInPlace("""
            T total = T.Zero;
            for (int i = 0; i + 1 < x.Length; i++)
            {
                T a = x[i + 1] - x[i] * x[i];
                total += a * a;
            }
            return total;
            """);
    }

    [Fact]
    public void ALastLoopWithOneLevelOfInnerLoopsKeepsItsBodyInPlace()
    {
        // Least squares' rows: the body compiles well in place, and a call per iteration would slow it.
        KeepsItsBodyInPlace("""
            T sum = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                T r = T.CreateChecked(i);
                for (int j = 0; j < x.Length; j++) r -= T.CreateChecked(i + j) * x[j];
                sum += r * r;
            }
            return sum;
            """);
    }

    private static void KeepsItsBodyInPlace(string body)
    {
        string code = GeneratorHarness.GradientCode(body);
        Assert.DoesNotContain("__Iteration", code);
        Assert.DoesNotContain("/*__iteration", code);
    }

    [Fact]
    public void AStructKeepsTheIterationInTheLoop()
    {
        var run = GeneratorHarness.Generate(GeneratorHarness.Usings + """
            namespace Probes;
            public partial struct Probe
            {
                public double Scale;
                [GenerateDerivatives]
                public T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
                {
                    T total = T.Zero;
                    for (int i = 0; i < x.Length; i++)
                    {
                        T s = T.Zero;
                        for (int j = 0; j <= i; j++)
                            for (int k = 0; k <= j; k++) s += x[k] * x[j] * T.CreateChecked(Scale);
                        total += s * s;
                    }
                    return total;
                }
            }
            """);
        Assert.Empty(run.OutputErrors);
        string source = Assert.Single(run.GeneratedSources);
        Assert.DoesNotContain("__Iteration", source);
        Assert.DoesNotContain("/*__iteration", source);
    }
}
