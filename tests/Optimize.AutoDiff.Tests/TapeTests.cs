using Optimize.AutoDiff;
using Optimize.Problems;
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
        // 50 terms of 8 elementary operations each: a node-per-operation tape would hold 400 nodes.
        Assert.True(nodes - 101 <= 3 * 50, $"{nodes - 101} recorded nodes for 50 terms");
        Assert.Equal(24L * (nodes - 101), bytes);
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
