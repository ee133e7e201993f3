using Optimize.AutoDiff;
using Optimize.Problems;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;
using Optimize.AutoDiff.Separable;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests;

public class TapeTests
{
    [Fact]
    public void GradientsOnSeveralThreadsAtOnceEqualTheSingleThreadedOne()
    {
        TestProblem problem = ProblemLibrary.ExtendedRosenbrock(2_000);
        var expected = new double[problem.Dimension];
        var x = Perturbed(problem.StartingPoint, 1);
        ReverseMode.ValueAndGradient(problem, x, expected);
        var failures = 0;
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            var gradient = new double[problem.Dimension];
            var product = new double[problem.Dimension];
            for (int repeat = 0; repeat < 5; repeat++)
            {
                ReverseMode.ValueAndGradient(problem, x, gradient);
                ReverseMode.HessianVector(problem, x, x, product);
                if (!gradient.AsSpan().SequenceEqual(expected)) Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void MoreThreadsThanTapeIdsStillGetExactGradients()
    {
        // Only fifteen tapes carry an id in their node numbers; the tapes of further threads are found through
        // the thread. Twenty dedicated threads recording at once exercise both kinds.
        TestProblem problem = ProblemLibrary.ExtendedRosenbrock(200);
        var x = Perturbed(problem.StartingPoint, 3);
        var expected = new double[problem.Dimension];
        problem.ValueAndGradient(x, expected);
        var results = new double[20][];
        using var start = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, results.Length).Select(t => new Thread(() =>
        {
            var gradient = new double[problem.Dimension];
            start.Wait();
            for (int repeat = 0; repeat < 20; repeat++) ReverseMode.ValueAndGradient(problem, x, gradient);
            results[t] = gradient;
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        start.Set();
        foreach (var thread in threads) thread.Join();
        foreach (var gradient in results)
            for (int i = 0; i < expected.Length; i++) Close(expected[i], gradient[i], 1e-12);
    }

    [Theory]
    [InlineData(0)] // x one node, y another: a pair in registers
    [InlineData(1)] // x on (a, b), y on b: merged into the second slot
    [InlineData(2)] // x on (a, b), y on (b, a): swapped slots
    [InlineData(3)] // x on a, y on (b, a): x merged into y's second slot
    [InlineData(4)] // x on (a, b), y on c: three nodes, one record
    [InlineData(5)] // x on (a, b), y on (c, d): four nodes, one record
    [InlineData(6)] // x on (a, b), y on (a, c): three nodes sharing the first, one record
    public void EveryWayOfMergingTwoOperandsGivesTheExactGradient(int pattern)
    {
        double[] point = [0.7, -1.3, 2.1, 0.4];
        Variable F(Variable a, Variable b, Variable c, Variable d) => pattern switch
        {
            0 => G.Sin(a) * G.Exp(b),
            1 => (a * b) * G.Cos(b),
            2 => (a + 2 * b) / (b * b - a),
            3 => G.Sqrt(a * a + 1) * (b - G.Atan(a)),
            4 => (a * b) - G.Tanh(c),
            5 => (a - b) * (c + d * d),
            _ => (a * b) / (a + G.Exp(c)),
        };
        double FDouble(double[] v) => pattern switch
        {
            0 => Math.Sin(v[0]) * Math.Exp(v[1]),
            1 => v[0] * v[1] * Math.Cos(v[1]),
            2 => (v[0] + 2 * v[1]) / (v[1] * v[1] - v[0]),
            3 => Math.Sqrt(v[0] * v[0] + 1) * (v[1] - Math.Atan(v[0])),
            4 => v[0] * v[1] - Math.Tanh(v[2]),
            5 => (v[0] - v[1]) * (v[2] + v[3] * v[3]),
            _ => v[0] * v[1] / (v[0] + Math.Exp(v[2])),
        };
        Tape tape = Tape.ForCurrentThread;
        var inputs = new Variable[4];
        tape.Begin();
        tape.Inputs(point, inputs);
        Variable y = F(inputs[0], inputs[1], inputs[2], inputs[3]);
        tape.End();
        Assert.Equal(pattern >= 4 ? 6 : 5, tape.NodeCount);
        var gradient = new double[4];
        tape.Seed(y, 1);
        tape.Sweep(gradient);
        Assert.Equal(FDouble(point), y.Value, 14);
        for (int i = 0; i < 4; i++)
        {
            double h = 1e-5;
            double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
            plus[i] += h;
            minus[i] -= h;
            Close((FDouble(plus) - FDouble(minus)) / (2 * h), gradient[i], 1e-8);
        }
    }

    [Fact]
    public void SteadyStateReverseGradientAllocatesNothing()
    {
        TestProblem problem = ProblemLibrary.ExtendedRosenbrock(1_000);
        var objective = new ReverseModeObjective(problem);
        var terms = PartiallySeparable.Objective(new ExtendedRosenbrockTerms(1_000));
        var x = problem.StartingPoint;
        var gradient = new double[x.Length];
        // Warm up past tiered compilation, so the measurement sees steady-state code.
        for (int i = 0; i < 100; i++)
        {
            objective.ValueAndGradient(x, gradient);
            terms.ValueAndGradient(x, gradient);
            objective.HessianVector(x, x, gradient);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            objective.ValueAndGradient(x, gradient);
            objective.HessianVector(x, x, gradient);
            terms.ValueAndGradient(x, gradient);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TapeIsReusedAndRecordsCompactly()
    {
        TestProblem problem = ProblemLibrary.ExtendedRosenbrock(100);
        var gradient = new double[100];
        ReverseMode.ValueAndGradient(problem, problem.StartingPoint, gradient);
        Tape tape = Tape.ForCurrentThread;
        int nodes = tape.NodeCount;
        long bytes = tape.RecordBytes;
        ReverseMode.ValueAndGradient(problem, problem.StartingPoint, gradient);
        Assert.Equal(nodes, tape.NodeCount);
        Assert.Equal(bytes, tape.RecordBytes);
        Assert.Equal(100, tape.InputCount);
        // 50 terms of 8 elementary operations each: a node-per-operation tape would hold 400 nodes. Each term
        // depends on two inputs and stays in registers; adding it to the running sum records one node: 48 bytes
        // for the first two terms together (four inputs, two pairs), then 24 per term (two partials and two input
        // indices; the running sum is the previous node with partial 1, which the record does not store).
        Assert.True(nodes - 101 <= 50, $"{nodes - 101} recorded nodes for 50 terms");
        Assert.Equal(48L + 24L * (nodes - 102), bytes);
    }

    [Fact]
    public void SecondOrderSweepGivesTheGradientAndTheHessianVectorProduct()
    {
        // f = x²y + sin(y): ∇f = (2xy, x² + cos y), ∇²f = [[2y, 2x], [2x, −sin y]].
        Tape tape = Tape.ForCurrentThread;
        var inputs = new HessianVectorVariable[2];
        tape.Begin();
        tape.Inputs([1.5, 0.5], [2.0, -1.0], inputs);
        HessianVectorVariable x = inputs[0], y = inputs[1], f = x * x * y + G.Sin(y);
        tape.End();
        var gradient = new double[2];
        var product = new double[2];
        tape.Seed(f, 1);
        tape.SweepSecondOrder(gradient, product);
        Close(1.5, gradient[0], 1e-15);
        Close(2.25 + Math.Cos(0.5), gradient[1], 1e-15);
        Close(2 * 0.5 * 2 + 2 * 1.5 * -1, product[0], 1e-15);
        Close(2 * 1.5 * 2 - Math.Sin(0.5) * -1, product[1], 1e-15);
    }

    [Fact]
    public void SecondOrderSweepsOfOneRecordingAreIndependent()
    {
        // u = x·y (on the inputs directly), z = x·y·w (a recorded node); direction v = (1, 2, −1).
        Tape tape = Tape.ForCurrentThread;
        var inputs = new HessianVectorVariable[3];
        tape.Begin();
        tape.Inputs([2.0, 5.0, -3.0], [1.0, 2.0, -1.0], inputs);
        HessianVectorVariable x = inputs[0], y = inputs[1], w = inputs[2], u = x * y, z = u * w;
        tape.End();
        var gradient = new double[3];
        var product = new double[3];
        for (int repeat = 0; repeat < 2; repeat++)
        {
            tape.Seed(z, 1);
            tape.SweepSecondOrder(gradient, product);
            // ∇z = (yw, xw, xy), ∇²z·v = (w·v₂ + y·v₃, w·v₁ + x·v₃, y·v₁ + x·v₂).
            Assert.Equal([-15.0, -6.0, 10.0], gradient);
            Assert.Equal([-3.0 * 2 + 5 * -1, -3.0 * 1 + 2 * -1, 5.0 * 1 + 2 * 2], product);
            tape.Seed(u, 1);
            tape.SweepSecondOrder(gradient, product);
            Assert.Equal([5.0, 2.0, 0.0], gradient);
            Assert.Equal([2.0, 1.0, 0.0], product);
        }
    }

    [Fact]
    public void ConstantOperandsContributeNothingEvenWhereTheirLocalPartialIsInfinite()
    {
        // f(y) = 0^y + √0·y + y: the partial of 0^y with respect to its constant base is infinite at y = ½,
        // and so is that of √ at the constant 0, yet neither constant depends on y: f′(½) = 0 + 0 + 1.
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        Variable y = tape.Input(0.5), zero = 0.0;
        Variable f = G.Pow(zero, y) + G.Sqrt(zero) * y + y;
        tape.End();
        var gradient = new double[1];
        tape.Seed(f, 1);
        tape.Sweep(gradient);
        Assert.Equal(1.0, gradient[0]);

        var inputs = new HessianVectorVariable[1];
        tape.Begin();
        tape.Inputs([0.5], [1.0], inputs);
        HessianVectorVariable z = HessianVectorVariable.Constant(new Dual<double>(0, 0));
        HessianVectorVariable g = G.Pow(z, inputs[0]) + G.Sqrt(z) * inputs[0] + inputs[0];
        tape.End();
        var product = new double[1];
        tape.Seed(g, 1);
        tape.SweepSecondOrder(gradient, product);
        Assert.Equal(1.0, gradient[0]);
        Assert.Equal(0.0, product[0]);
    }

    [Fact]
    public void RecordingCannotBeNestedOnOneThread()
    {
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        try { Assert.Throws<InvalidOperationException>(tape.Begin); }
        finally { tape.End(); }
    }

    [Fact]
    public void OperationsOnVariablesOfAFinishedRecordingAreRejected()
    {
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        Variable x = tape.Input(2), y = tape.Input(3), z = tape.Input(4);
        tape.End();
        Assert.Throws<InvalidOperationException>(() => x * y * z);
        Assert.Throws<InvalidOperationException>(() => tape.Input(1));
    }

    [Fact]
    public void ChainsOfOperationsOnFewNodesRecordNothing()
    {
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        Variable x = tape.Input(2);
        Variable c = 3.0;
        Variable y = G.Sin((x + c) * x - c + c * c) / x;
        tape.End();
        Assert.True(c.IsConstant);
        Assert.False(y.IsConstant);
        Assert.Equal(2, tape.NodeCount);
        var g = new double[1];
        tape.Seed(y, 1);
        tape.Sweep(g);
        Assert.Equal(Differentiate.Derivative<double>(d => G.Sin((d + 3.0) * d - 3.0 + 9.0) / d, 2), g[0], 15);
    }

    [Fact]
    public void SeedsOnInputsAndOnRecordedNodesMixInOneSweepAndLeaveNothingBehind()
    {
        // w = a (an input itself), u = a·b (two nodes, in registers), z = a·b·c (a recorded node).
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        Variable a = tape.Input(2), b = tape.Input(5), c = tape.Input(-3);
        Variable w = a, u = a * b, z = u * c;
        tape.End();
        var g = new double[3];
        tape.Seed(w, 1);
        tape.Seed(z, 2);
        tape.Sweep(g);
        Assert.Equal([1 + 2 * -15.0, 2 * -6.0, 2 * 10.0], g);
        tape.Seed(u, 1);
        tape.Sweep(g);
        Assert.Equal([5.0, 2.0, 0.0], g);
        tape.Seed(z, 1);
        tape.Sweep(g);
        Assert.Equal([-15.0, -6.0, 10.0], g);
    }

    [Fact]
    public void AdjointsAreClearedBetweenSweepsSoJacobianRowsAreIndependent()
    {
        Tape tape = Tape.ForCurrentThread;
        tape.Begin();
        Variable a = tape.Input(2), b = tape.Input(5);
        Variable u = a * b, v = a - b;
        tape.End();
        var g = new double[2];
        tape.Seed(u, 1);
        tape.Sweep(g);
        Assert.Equal([5.0, 2.0], g);
        tape.Seed(v, 1);
        tape.Sweep(g);
        Assert.Equal([1.0, -1.0], g);
        tape.TrimExcess();
        Assert.Equal(1, tape.NodeCount);
    }
}
