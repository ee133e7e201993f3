using System.Numerics;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using Optimize.Oracles;
using Optimize.Problems;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests;

/// <summary>
/// Every kind of tape record (one pair accumulating onto the previous node through either operand, two pairs from
/// one or two nodes per operand, a parent repeated, the previous node with a partial other than 1, an older node
/// as a parent), first and second order, against derivatives written out by hand.
/// </summary>
public class TapeRecordTests
{
    /// <summary>
    /// Blocks of five variables, each f(x₀…x₄) = r₇ + r₈ built so that every statement writes a different kind of
    /// record (see the comments); the blocks are summed, which adds records on the nodes of earlier blocks.
    /// </summary>
    private sealed class RecordKinds(int blocks) : IScalarFunction
    {
        public int Dimension => 5 * blocks;

        public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
        {
            T total = T.Zero, half = T.CreateChecked(0.5);
            for (int k = 0; k < x.Length; k += 5)
            {
                T x0 = x[k], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3], x4 = x[k + 4];
                T r1 = x0 * x1 + x2 * x3;          // two pairs: four inputs
                T r2 = r1 + x1 * x4;               // one pair, accumulating onto the previous node (left operand)
                T r3 = x2 * x0 + r2;               // one pair, accumulating onto the previous node (right operand)
                T r4 = half * r3 + x3 * x4;        // two pairs: the previous node with partial ½, then two inputs
                T r5 = r4 * x2 + T.Sin(x0) * x1;   // two pairs: two nodes per operand
                T r6 = r5 * x1 + x2;               // two pairs: two nodes and one, the fourth slot unused
                T r7 = r6 + r1 * x4;               // one pair accumulating, one parent an older recorded node
                T r8 = x0 * x1 * (x0 + x2);        // two pairs with x₀ twice
                total += r7 + r8;
            }
            return total;
        }

        /// <summary>f, its gradient and its Hessian for one block, written out by hand (f expanded in the comment).</summary>
        public static (double Value, double[] Gradient, double[,] Hessian) ByHand(ReadOnlySpan<double> x)
        {
            // f = r₄·x₁x₂ + x₁² sin x₀ + x₂ + x₀x₁x₄ + x₂x₃x₄ + x₀²x₁ + x₀x₁x₂, r₄ = ½(x₀x₂ + x₀x₁ + x₂x₃ + x₁x₄) + x₃x₄.
            double x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4];
            double r4 = 0.5 * (x0 * x2 + x0 * x1 + x2 * x3 + x1 * x4) + x3 * x4, p = x1 * x2;
            double[] dr4 = [0.5 * (x2 + x1), 0.5 * (x0 + x4), 0.5 * (x0 + x3), 0.5 * x2 + x4, 0.5 * x1 + x3];
            double[] dp = [0, x2, x1, 0, 0];
            double value = r4 * p + x1 * x1 * Math.Sin(x0) + x2 + x0 * x1 * x4 + x2 * x3 * x4 + x0 * x0 * x1 + x0 * x1 * x2;
            double[] rest =
            [
                x1 * x1 * Math.Cos(x0) + x1 * x4 + 2 * x0 * x1 + x1 * x2,
                2 * x1 * Math.Sin(x0) + x0 * x4 + x0 * x0 + x0 * x2,
                1 + x3 * x4 + x0 * x1,
                x2 * x4,
                x0 * x1 + x2 * x3,
            ];
            var gradient = new double[5];
            for (int i = 0; i < 5; i++) gradient[i] = dr4[i] * p + r4 * dp[i] + rest[i];
            // ∇²f = ∇²r₄·p + ∇r₄∇pᵀ + ∇p∇r₄ᵀ + r₄∇²p + ∇²(the rest).
            var hessian = new double[5, 5];
            void Both(int i, int j, double h)
            {
                hessian[i, j] += h;
                if (i != j) hessian[j, i] += h;
            }
            Both(0, 1, 0.5 * p); Both(0, 2, 0.5 * p); Both(1, 4, 0.5 * p); Both(2, 3, 0.5 * p); Both(3, 4, p);
            for (int i = 0; i < 5; i++)
                for (int j = 0; j < 5; j++) hessian[i, j] += dr4[i] * dp[j] + dp[i] * dr4[j];
            Both(1, 2, r4);
            Both(0, 0, -x1 * x1 * Math.Sin(x0) + 2 * x1);
            Both(0, 1, 2 * x1 * Math.Cos(x0) + x4 + 2 * x0 + x2);
            Both(0, 2, x1); Both(0, 4, x1);
            Both(1, 1, 2 * Math.Sin(x0));
            Both(1, 2, x0); Both(1, 4, x0);
            Both(2, 3, x4); Both(2, 4, x3); Both(3, 4, x2);
            return (value, gradient, hessian);
        }

        /// <summary>The sum over blocks of the hand-written value, gradient and Hessian-vector product.</summary>
        public static (double Value, double[] Gradient, double[] Product) Expected(double[] x, double[] v)
        {
            double value = 0;
            double[] gradient = new double[x.Length], product = new double[x.Length];
            for (int k = 0; k < x.Length; k += 5)
            {
                var (f, g, h) = ByHand(x.AsSpan(k, 5));
                value += f;
                for (int i = 0; i < 5; i++)
                {
                    gradient[k + i] = g[i];
                    for (int j = 0; j < 5; j++) product[k + i] += h[i, j] * v[k + j];
                }
            }
            return (value, gradient, product);
        }
    }

    private static double[] Point(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }

    [Fact]
    public void EveryRecordKindGivesTheHandWrittenGradientAndHessianVectorProduct()
    {
        var f = new RecordKinds(1);
        double[] x = Point(5, 1), v = Point(5, 2);
        var (value, expectedGradient, expectedProduct) = RecordKinds.Expected(x, v);

        var gradient = new double[5];
        Close(value, ReverseMode.ValueAndGradient(f, x, gradient), 1e-13, "value");
        Close(expectedGradient, gradient, 1e-12, "gradient");
        // Node 0, five inputs and one node per statement r₁…r₈ (r₇ + r₈ and the sum stay in registers). Words:
        // three for a record of one pair, six for two pairs (r₁, r₄, r₅, r₆, r₈).
        Tape tape = Tape.ForCurrentThread;
        Assert.Equal(14, tape.NodeCount);
        Assert.Equal(8L * (3 * 3 + 5 * 6), tape.RecordBytes);

        var product = new double[5];
        Close(value, ReverseMode.HessianVector(f, x, v, product), 1e-13, "value");
        Close(expectedProduct, product, 1e-12, "Hessian-vector product");
        Assert.Equal(14, tape.NodeCount);
        Assert.Equal(8L * (3 * 5 + 5 * 10), tape.RecordBytes); // the partials are dual numbers: two words each
    }

    [Fact]
    public void SecondOrderSweepGivesTheGradientAlongsideTheProduct()
    {
        var f = new RecordKinds(3);
        double[] x = Point(15, 3), v = Point(15, 4);
        var (_, expectedGradient, expectedProduct) = RecordKinds.Expected(x, v);
        Tape tape = Tape.ForCurrentThread;
        var inputs = new HessianVectorVariable[15];
        tape.Begin();
        tape.Inputs(x, v, inputs);
        HessianVectorVariable y = f.Evaluate<HessianVectorVariable>(inputs);
        tape.End();
        var gradient = new double[15];
        var product = new double[15];
        tape.Seed(y, 1);
        tape.SweepSecondOrder(gradient, product);
        Close(expectedGradient, gradient, 1e-12, "gradient");
        Close(expectedProduct, product, 1e-12, "Hessian-vector product");
    }

    [Fact]
    public void APartialOfOneWithATangentIsRecordedWithItsTangent()
    {
        // g = k·r₁ + x₀x₂ with r₁ = x₀x₁ + x₂² and k = 1 + ½ε a constant with a tangent: the previous node r₁ has
        // the partial 1 + ½ε, which is not the accumulation of partial exactly 1, so its tangent must reach
        // ∇g·v's gradient: ∇²g·v = ∇²r₁·v + ½∇r₁ + ∇²(x₀x₂)·v.
        double[] x = [0.7, -1.1, 0.4], v = [0.3, 0.9, -0.5];
        Tape tape = Tape.ForCurrentThread;
        var inputs = new HessianVectorVariable[3];
        tape.Begin();
        tape.Inputs(x, v, inputs);
        HessianVectorVariable x0 = inputs[0], x1 = inputs[1], x2 = inputs[2];
        HessianVectorVariable r1 = x0 * x1 + x2 * x2;
        HessianVectorVariable g = r1 * HessianVectorVariable.Constant(new Dual<double>(1, 0.5)) + x0 * x2;
        tape.End();
        Assert.Equal(6, tape.NodeCount);
        var gradient = new double[3];
        var product = new double[3];
        tape.Seed(g, 1);
        tape.SweepSecondOrder(gradient, product);
        double[] dr1 = [x[1], x[0], 2 * x[2]];
        Close([dr1[0] + x[2], dr1[1], dr1[2] + x[0]], gradient, 1e-15, "gradient");
        double[] expected =
        [
            v[1] + 0.5 * dr1[0] + v[2],
            v[0] + 0.5 * dr1[1],
            2 * v[2] + 0.5 * dr1[2] + v[0],
        ];
        Close(expected, product, 1e-15, "Hessian-vector product");
    }

    [Fact]
    public void InputsBeyondTheCachesAreStreamedAndGiveTheHandWrittenDerivatives()
    {
        // 600 000 variables of 32 bytes exceed the 16 MiB from which the tape writes its inputs with non-temporal
        // stores; the second-order inputs (56 bytes each) are written with ordinary stores at every size.
        TestProblem large = ProblemLibrary.ExtendedRosenbrock(600_000);
        double[] x = Perturbed(large.StartingPoint, 7), expected = new double[x.Length], gradient = new double[x.Length];
        Close(large.ValueAndGradient(x, expected), ReverseMode.ValueAndGradient(large, x, gradient), 1e-12, "value");
        Close(expected, gradient, 1e-12, "gradient");

        TestProblem medium = ProblemLibrary.ExtendedRosenbrock(320_000);
        double[] y = Perturbed(medium.StartingPoint, 8), v = Point(y.Length, 9);
        double[] product = new double[y.Length], expectedProduct = new double[y.Length];
        medium.HessianVector(y, v, expectedProduct);
        ReverseMode.HessianVector(medium, y, v, product);
        Close(expectedProduct, product, 1e-12, "Hessian-vector product");
    }

    [Fact]
    public void EveryRecordKindGivesExactDerivativesOnManyThreadsAtOnce()
    {
        var f = new RecordKinds(400);
        double[] x = Point(f.Dimension, 5), v = Point(f.Dimension, 6);
        var (_, expectedGradient, expectedProduct) = RecordKinds.Expected(x, v);
        var worst = new double[32];
        Parallel.For(0, worst.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, task =>
        {
            var gradient = new double[f.Dimension];
            var product = new double[f.Dimension];
            for (int repeat = 0; repeat < 4; repeat++)
            {
                ReverseMode.ValueAndGradient(f, x, gradient);
                ReverseMode.HessianVector(f, x, v, product);
                for (int i = 0; i < gradient.Length; i++)
                    worst[task] = Math.Max(worst[task], Math.Max(
                        Math.Abs(gradient[i] - expectedGradient[i]) / Math.Max(1, Math.Abs(expectedGradient[i])),
                        Math.Abs(product[i] - expectedProduct[i]) / Math.Max(1, Math.Abs(expectedProduct[i]))));
            }
        });
        Assert.All(worst, error => Assert.True(error <= 1e-12, $"relative error {error:E2}"));
    }
}
