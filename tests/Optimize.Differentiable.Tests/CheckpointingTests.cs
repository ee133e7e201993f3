using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Differentiable.Checkpointing;
using Optimize.Oracles;
using Xunit.Abstractions;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Differentiable.Tests;

public sealed class CheckpointingTests(ITestOutputHelper output)
{
    /// <summary>J(x_N, θ) = x₁² + x₂ + 0.1 θ₁.</summary>
    private sealed class FinalLoss : IScalarFunction
    {
        public int Dimension => 4;

        public T Evaluate<T>(ReadOnlySpan<T> z) where T : IFloatingPointIeee754<T> => z[0] * z[0] + z[1] + T.CreateChecked(0.1) * z[2];
    }

    [Fact]
    public void SquareRootCheckpointingGivesTheFullTapeGradientWithSquareRootMemoryAtOneHundredThousandSteps()
    {
        const int steps = 100_000;
        var stepper = new RungeKutta4Stepper(new DampedPendulum(), 0.0, 1e-4);
        double[] x0 = [1.0, 0.0], theta = [9.81, 0.3];
        var loss = new FinalLoss();

        var fullState = new double[2];
        var fullParameters = new double[2];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var full = CheckpointedReverseMode.ValueAndGradient(stepper, loss, x0, theta, steps, steps, fullState, fullParameters);
        var fullTime = clock.Elapsed;
        Tape.ForCurrentThread.TrimExcess();

        var state = new double[2];
        var parameters = new double[2];
        clock.Restart();
        var checkpointed = CheckpointedReverseMode.ValueAndGradient(stepper, loss, x0, theta, steps, 0, state, parameters);
        var checkpointedTime = clock.Elapsed;

        Assert.Equal(1, full.Segments);
        Assert.Equal(317, checkpointed.Interval);
        Assert.Equal(316, checkpointed.Segments);
        Assert.Equal(full.Value, checkpointed.Value, 1e-13);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(fullState[i], state[i], 1e-10 * Math.Max(1, Math.Abs(fullState[i])));
            Assert.Equal(fullParameters[i], parameters[i], 1e-10 * Math.Max(1, Math.Abs(fullParameters[i])));
        }
        // O(N) against O(√N): more than a hundredfold less memory at N = 10⁵.
        Assert.True(checkpointed.PeakMemoryBytes * 100 < full.PeakMemoryBytes);
        // The price: one extra forward evaluation of the loop, at most.
        Assert.InRange(checkpointed.StepsEvaluated, steps + 1, 2L * steps);
        output.WriteLine($"full tape:    {full.PeakTapeNodes:N0} nodes, {full.PeakTapeBytes / 1e6:F2} MB tape, peak {full.PeakMemoryBytes / 1e6:F2} MB");
        output.WriteLine($"checkpointed: interval {checkpointed.Interval}, {checkpointed.Segments} segments, {checkpointed.PeakTapeNodes:N0} nodes, "
            + $"{checkpointed.PeakTapeBytes / 1e3:F1} kB tape + {checkpointed.CheckpointBytes / 1e3:F1} kB checkpoints = {checkpointed.PeakMemoryBytes / 1e3:F1} kB, "
            + $"{checkpointed.StepsEvaluated:N0} steps evaluated; ratio {(double)full.PeakMemoryBytes / checkpointed.PeakMemoryBytes:F0}x");
        output.WriteLine($"wall time (one run, not a benchmark): full {fullTime.TotalMilliseconds:F0} ms, checkpointed {checkpointedTime.TotalMilliseconds:F0} ms");
        output.WriteLine($"gradient x0 {state[0]:R} {state[1]:R}, theta {parameters[0]:R} {parameters[1]:R}");
    }

    [Fact]
    public void CheckpointedMemoryGrowsLikeTheSquareRootOfTheStepsAndTheFullTapeLinearly()
    {
        var stepper = new RungeKutta4Stepper(new DampedPendulum(), 0.0, 1e-3);
        double[] x0 = [1.0, 0.0], theta = [9.81, 0.3];
        var gx = new double[2];
        var gp = new double[2];
        long[] full = new long[3], checkpointed = new long[3];
        int[] steps = [1_000, 10_000, 100_000];
        for (int i = 0; i < steps.Length; i++)
        {
            checkpointed[i] = CheckpointedReverseMode.ValueAndGradient(stepper, new FinalLoss(), x0, theta, steps[i], 0, gx, gp).PeakMemoryBytes;
            if (i < 2) full[i] = CheckpointedReverseMode.ValueAndGradient(stepper, new FinalLoss(), x0, theta, steps[i], steps[i], gx, gp).PeakMemoryBytes;
            output.WriteLine($"N = {steps[i],7:N0}: checkpointed {checkpointed[i] / 1e3,8:F1} kB" + (i < 2 ? $", full tape {full[i] / 1e3,9:F1} kB" : ""));
        }
        Tape.ForCurrentThread.TrimExcess();
        // Ten times the steps: about √10 ≈ 3.2 times the checkpointed memory, ten times the full tape.
        Assert.InRange((double)checkpointed[1] / checkpointed[0], 2.5, 4.0);
        Assert.InRange((double)checkpointed[2] / checkpointed[1], 2.5, 4.0);
        Assert.InRange((double)full[1] / full[0], 9.5, 10.5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    public void EveryIntervalGivesTheSameGradientAsCentralDifferences(int interval)
    {
        const int steps = 200;
        var stepper = new RungeKutta4Stepper(new ForcedLotkaVolterra(), 0.0, 0.02);
        double[] point = [1.2, 0.8, 1.1, 0.6, 0.4, 0.9];
        var loss = new FiniteLoss();
        var gx = new double[2];
        var gp = new double[4];
        var report = CheckpointedReverseMode.ValueAndGradient(stepper, loss, point.AsSpan(0, 2), point.AsSpan(2), steps, interval, gx, gp);
        Assert.Equal((steps + interval - 1) / interval, report.Segments);
        double[] gradient = [.. gx, .. gp];
        double Value(double[] z)
        {
            double[] x = z[..2], next = new double[2];
            for (int i = 0; i < steps; i++)
            {
                stepper.Step<double>(i, x, z.AsSpan(2), next);
                (x, next) = (next, x);
            }
            return loss.Evaluate<double>([x[0], x[1], z[2], z[3], z[4], z[5]]);
        }
        Assert.Equal(Value(point), report.Value, 1e-12);
        Numerical.AssertMatchesCentralDifferences(Value, point, gradient, 1e-6, 1e-7);
    }

    /// <summary>J = x₁x₂ + θ₄² over (x₁, x₂, θ₁…θ₄).</summary>
    private sealed class FiniteLoss : IScalarFunction
    {
        public int Dimension => 6;

        public T Evaluate<T>(ReadOnlySpan<T> z) where T : IFloatingPointIeee754<T> => z[0] * z[1] + z[5] * z[5];
    }

    [Fact]
    public void RejectsMismatchedLossDimensionAndNegativeInterval()
    {
        var stepper = new RungeKutta4Stepper(new DampedPendulum(), 0.0, 0.01);
        Assert.Throws<ArgumentException>(() => CheckpointedReverseMode.ValueAndGradient(
            stepper, new FiniteLoss(), [1.0, 0.0], [1.0, 0.1], 10, 0, new double[2], new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointedReverseMode.ValueAndGradient(
            stepper, new FinalLoss(), [1.0, 0.0], [1.0, 0.1], 10, -1, new double[2], new double[2]));
    }
}
