using System.Numerics;
using CsCheck;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests;

/// <summary>
/// A random expression DAG over three inputs, decoded from integers: each instruction (op, a, b) applies an
/// elementary operation to two earlier values. Every operation is smooth on the whole real line, so central
/// differences are a valid reference everywhere.
/// </summary>
internal sealed class RandomExpression(int[] program) : IScalarFunction
{
    private const int Operations = 14;

    public int Dimension => 3;

    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        var values = new List<T>(x.ToArray());
        for (int k = 0; k + 2 < program.Length; k += 3)
        {
            T a = values[program[k + 1] % values.Count], b = values[program[k + 2] % values.Count];
            T one = T.One;
            values.Add((program[k] % Operations) switch
            {
                0 => a + b,
                1 => a - b,
                2 => a * b,
                3 => a / (one + b * b),
                4 => T.Sin(a),
                5 => T.Cos(b) * a,
                6 => T.Exp(a / (one + a * a)),
                7 => T.Log(one + a * a),
                8 => T.Sqrt(one + a * a + b * b),
                9 => T.Atan(a) - T.Tanh(b),
                10 => T.Hypot(a, one),
                11 => T.Pow(one + a * a, b / (one + b * b)),
                12 => T.Atan2(a, one + b * b),
                _ => -a * T.CreateChecked(0.5) + T.Asinh(b),
            });
        }
        T result = T.Zero;
        for (int i = Math.Max(0, values.Count - 3); i < values.Count; i++) result += values[i];
        return result;
    }

    public override string ToString() => $"program [{string.Join(", ", program)}]";
}

public class ExpressionPropertyTests
{
    private static readonly Gen<(int[] Program, double[] X)> Expressions =
        Gen.Select(Gen.Int[0, 1000].Array[3, 36], Gen.Double[-2, 2].Array[3]);

    private static bool Tame(IScalarFunction f, double[] x)
    {
        double value = f.Evaluate<double>(x);
        return double.IsFinite(value) && Math.Abs(value) < 1e4;
    }

    [Fact]
    public void ForwardReverseAndComplexStepGradientsAgreeWithCentralDifferences()
    {
        Expressions.Sample((program, x) =>
        {
            var f = new RandomExpression(program);
            if (!Tame(f, x)) return;
            double[] reference = CentralGradient(p => f.Evaluate<double>(p), x);
            var forward = new double[3];
            var reverse = new double[3];
            var complex = new double[3];
            ForwardMode.ValueAndGradient<Chunk4>(f, x, forward);
            ReverseMode.ValueAndGradient(f, x, reverse);
            ComplexStep.Gradient(f, x, complex);
            Close(reference, forward, 1e-6, $"forward, {f}");
            Close(forward, reverse, 1e-12, $"reverse, {f}");
            Close(forward, complex, 1e-12, $"complex step, {f}");
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void HessianVectorProductsAgreeWithCentralDifferencesOfTheGradient()
    {
        Gen.Select(Expressions, Gen.Double[-1, 1].Array[3]).Sample((sample, v) =>
        {
            var (program, x) = sample;
            var f = new RandomExpression(program);
            if (!Tame(f, x)) return;
            double[] reference = new double[3];
            for (int i = 0; i < 3; i++)
            {
                int row = i;
                reference[i] = CentralDifference(t =>
                {
                    var g = new double[3];
                    ReverseMode.ValueAndGradient(f, x.Select((xi, j) => xi + t * v[j]).ToArray(), g);
                    return g[row];
                }, 0);
            }
            var overReverse = new double[3];
            var overForward = new double[3];
            ReverseMode.HessianVector(f, x, v, overReverse);
            ForwardMode.HessianVector<Chunk2>(f, x, v, overForward);
            Close(reference, overReverse, 1e-6, $"forward over reverse, {f}");
            Close(overReverse, overForward, 1e-11, $"forward over forward, {f}");
        }, iter: 200, threads: 1);
    }
}
