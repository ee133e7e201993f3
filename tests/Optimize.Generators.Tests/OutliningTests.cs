namespace Optimize.Generators.Tests;

/// <summary>
/// The shape of the adjoint code of a last loop run forward and backwards one iteration at a time: the iteration body
/// is a local function compiled with full optimization, taking what it assigns by reference and the rest by value.
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
            T largest = x[start % n];
            for (int j = 0; j < n; j++) largest = T.Max(largest, scale * x[j]);
            T sum = T.Zero;
            for (int j = 0; j < n; j++) sum += T.Exp(scale * x[j] - largest);
            total += largest + T.Log(sum);
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
        Assert.Equal(2, GeneratorHarness.Count(code, "T.Exp("));
        Assert.True(code.IndexOf("T.Exp(", StringComparison.Ordinal) > code.IndexOf("void __Iteration(", StringComparison.Ordinal));
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
        Assert.DoesNotContain(parameters, p => p.EndsWith(" largest", StringComparison.Ordinal) || p.EndsWith(" sum", StringComparison.Ordinal));
        Assert.Contains("start = __o_start;", code);
        Assert.Contains("__o_start = start;", code);
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
                for (int j = 0; j <= i; j++) s += x[j] * x[i];
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
        string code = GeneratorHarness.GradientCode("""
            T total = T.Zero;
            for (int i = 0; i < x.Length; i++) total += T.Sin(x[i]);
            return total * total;
            """);
        Assert.DoesNotContain("__Iteration", code);
        Assert.DoesNotContain("/*__iteration", code);
    }

    [Fact]
    public void ALastLoopWhoseBodyHoldsNoLoopKeepsItsBodyInPlace()
    {
        // A call per iteration would cost more than a short body saves.
        string code = GeneratorHarness.GradientCode("""
            T total = T.Zero;
            for (int i = 0; i + 1 < x.Length; i++)
            {
                T a = x[i + 1] - x[i] * x[i];
                total += a * a;
            }
            return total;
            """);
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
                        for (int j = 0; j <= i; j++) s += x[j] * x[i] * T.CreateChecked(Scale);
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
