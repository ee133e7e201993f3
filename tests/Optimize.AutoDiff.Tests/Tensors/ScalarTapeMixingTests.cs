using Optimize.AutoDiff.Tensors;
using Optimize.AutoDiff.Reverse;
using static Optimize.AutoDiff.Tests.Support;

namespace Optimize.AutoDiff.Tests.Tensors;

/// <summary>Scalar variables flowing into tensor expressions and tensor scalars continuing on the scalar tape: one gradient through both.</summary>
public class ScalarTapeMixingTests
{
    private static readonly double[] Input = [0.7, -1.2];

    /// <summary>Records <paramref name="record"/> on the thread's scalar tape with inputs <paramref name="scalars"/>, sweeps from its result and returns the result and the scalar inputs' gradient.</summary>
    private static (Variable Output, double[] Gradient) RecordAndSweep(ReadOnlySpan<double> scalars, Func<Variable[], Variable> record)
    {
        var tape = Tape.ForCurrentThread;
        var inputs = new Variable[scalars.Length];
        Variable output;
        tape.Begin();
        try
        {
            tape.Inputs(scalars, inputs);
            output = record(inputs);
        }
        finally
        {
            tape.End();
        }
        tape.Seed(output, 1.0);
        var gradient = new double[scalars.Length];
        tape.Sweep(gradient);
        return (output, gradient);
    }

    /// <summary>f(a, b, W) = a·L + b² with L = ‖tanh(a·(W·x)) + b‖², W 3×2; the reference is plain arithmetic.</summary>
    private static double Reference(double a, double b, ReadOnlySpan<double> w)
    {
        double l = 0;
        for (int i = 0; i < 3; i++)
        {
            double z = Math.Tanh(a * (w[2 * i] * Input[0] + w[2 * i + 1] * Input[1])) + b;
            l += z * z;
        }
        return a * l + b * b;
    }

    [Fact]
    public void GradientRunsThroughTheScalarAndTheTensorTape()
    {
        double[] point = [0.8, -0.3, 0.5, -0.4, 0.9, 0.1, -0.6, 0.3];
        var tensors = new TensorTape();
        Tensor w = default;
        var (f, scalarGradient) = RecordAndSweep(point.AsSpan(0, 2), s =>
        {
            tensors.Begin();
            w = tensors.Parameter(point.AsSpan(2), 3, 2);
            var z = tensors.Tanh(s[0] * tensors.MatrixProduct(w, tensors.Constant(Input, 2, 1))) + s[1];
            return s[0] * tensors.ToVariable(tensors.SquaredNorm(z)) + s[1] * s[1];
        });
        double[] gradient = [.. scalarGradient, .. tensors.Adjoint(w)];
        Close(Reference(point[0], point[1], point.AsSpan(2)), f.Value, 1e-14, "value");
        Close(CentralGradient(p => Reference(p[0], p[1], p.AsSpan(2)), point), gradient, 1e-8, "gradient through both tapes");
    }

    [Fact]
    public void ScalarsAndTensorsMayAlternate()
    {
        // L₁ = ΣW; c = a·L₁; L₂ = ‖c·W‖²; f = L₁ + L₂ + a, with W 2×2.
        static double Plain(double[] p)
        {
            double a = p[0], sum = p[1] + p[2] + p[3] + p[4], c = a * sum;
            return sum + c * c * (p[1] * p[1] + p[2] * p[2] + p[3] * p[3] + p[4] * p[4]) + a;
        }
        double[] point = [0.6, 0.2, -0.5, 0.7, 0.3];
        var tensors = new TensorTape();
        Tensor w = default;
        var (f, scalarGradient) = RecordAndSweep(point.AsSpan(0, 1), a =>
        {
            tensors.Begin();
            w = tensors.Parameter(point.AsSpan(1), 2, 2);
            var l1 = tensors.ToVariable(tensors.Sum(w));
            var l2 = tensors.ToVariable(tensors.SquaredNorm(w * (a[0] * l1)));
            return l1 + l2 + a[0];
        });
        double[] gradient = [.. scalarGradient, .. tensors.Adjoint(w)];
        Close(Plain(point), f.Value, 1e-14, "value");
        Close(CentralGradient(Plain, point), gradient, 1e-8, "gradient through alternating tapes");
    }

    [Fact]
    public void TwoTensorTapesContinueOnOneScalarRecording()
    {
        // f = ‖U‖² · Σ(a·V) with U, V 1×2 on separate tensor tapes and a on the scalar tape.
        static double Plain(double[] p) => (p[1] * p[1] + p[2] * p[2]) * (p[0] * (p[3] + p[4]));
        double[] point = [0.9, 0.4, -0.7, 1.1, 0.2];
        TensorTape first = new(), second = new();
        Tensor u = default, v = default;
        var (_, scalarGradient) = RecordAndSweep(point.AsSpan(0, 1), a =>
        {
            first.Begin();
            second.Begin();
            u = first.Parameter(point.AsSpan(1, 2), 1, 2);
            v = second.Parameter(point.AsSpan(3, 2), 1, 2);
            return first.ToVariable(first.SquaredNorm(u)) * second.ToVariable(second.Sum(a[0] * v));
        });
        double[] gradient = [.. scalarGradient, .. first.Adjoint(u), .. second.Adjoint(v)];
        Close(CentralGradient(Plain, point), gradient, 1e-8, "gradient through two tensor tapes");
    }

    [Fact]
    public void ContinuingATangentRecordingOnTheScalarTapeIsRefused()
    {
        var tensors = new TensorTape();
        tensors.Begin(tangents: true);
        var x = tensors.Parameter([1.0], 1, 1);
        Assert.Throws<InvalidOperationException>(() => RecordAndSweep([1.0], _ => tensors.ToVariable(tensors.SquaredNorm(x))));
    }

    [Fact]
    public void ASecondOrderSweepOverAContinuedTensorIsRefused()
    {
        var tensors = new TensorTape();
        RecordAndSweep([], _ =>
        {
            tensors.Begin();
            return tensors.ToVariable(tensors.SquaredNorm(tensors.Parameter([2.0], 1, 1)));
        });
        Assert.Throws<InvalidOperationException>(() => Tape.ForCurrentThread.SweepSecondOrder([], []));
    }
}
