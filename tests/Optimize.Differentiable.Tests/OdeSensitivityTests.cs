using Optimize.AutoDiff;
using Optimize.Differentiable.Ode;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Differentiable.Tests;

public sealed class OdeSensitivityTests
{
    private static readonly double[,] Matrix = { { -0.5, 2.0 }, { -1.5, -0.3 } };
    private const double EndTime = 1.5;

    [Fact]
    public void RungeKutta4ForwardModeGivesMatrixExponentialForLinearSystem()
    {
        var system = new LinearSystem(Matrix);
        var expected = system.Exponential(EndTime);
        var rk = new RungeKutta4<Dual<double>>(system);
        for (int column = 0; column < 2; column++)
        {
            var y = new Dual<double>[] { new(1.0, column == 0 ? 1 : 0), new(-0.5, column == 1 ? 1 : 0) };
            rk.Integrate(0.0, EndTime, 400, y, ReadOnlySpan<Dual<double>>.Empty);
            for (int row = 0; row < 2; row++) Assert.Equal(expected[row, column], y[row].Tangent, 1e-9);
        }
    }

    [Fact]
    public void DormandPrinceReverseModeGivesMatrixExponentialRowsForLinearSystem()
    {
        var system = new LinearSystem(Matrix);
        var expected = system.Exponential(EndTime);
        var dp = new DormandPrince<Variable>(system, new DormandPrinceOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-13 });
        var tape = Tape.ForCurrentThread;
        var y = new Variable[2];
        OdeIntegrationResult result;
        try
        {
            tape.Begin();
            tape.Inputs([1.0, -0.5], y);
            result = dp.Integrate(0, EndTime, y, ReadOnlySpan<Variable>.Empty);
        }
        finally { tape.End(); }
        Assert.True(result.Completed);
        Assert.True(result.AcceptedSteps > 10);
        var rows = Numerical.TapeRows(y);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) Assert.Equal(expected[i, j], rows[i, j], 1e-8);
    }

    [Fact]
    public void DecayRateSensitivityMatchesAnalyticInBothModes()
    {
        const double y0 = 2.0, k = 0.7, T = 3.0;
        double exact = -T * y0 * Math.Exp(-k * T);
        var options = new DormandPrinceOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-14 };

        var forward = new DormandPrince<Dual<double>>(new DecaySystem(), options);
        var yDual = new Dual<double>[] { new(y0, 0) };
        Assert.True(forward.Integrate(0, T, yDual, [new Dual<double>(k, 1)]).Completed);
        Assert.Equal(y0 * Math.Exp(-k * T), yDual[0].Value, 1e-10);
        Assert.Equal(exact, yDual[0].Tangent, 1e-9);

        var reverse = new DormandPrince<Variable>(new DecaySystem(), options);
        var tape = Tape.ForCurrentThread;
        var inputs = new Variable[2];
        try
        {
            tape.Begin();
            tape.Inputs([y0, k], inputs);
            Span<Variable> y = [inputs[0]];
            Assert.True(reverse.Integrate(0, T, y, inputs.AsSpan(1, 1)).Completed);
            inputs[0] = y[0];
        }
        finally { tape.End(); }
        tape.Seed(inputs[0], 1.0);
        var gradient = new double[2];
        tape.Sweep(gradient);
        Assert.Equal(Math.Exp(-k * T), gradient[0], 1e-9);
        Assert.Equal(exact, gradient[1], 1e-9);

        var rk = new RungeKutta4<Dual<double>>(new DecaySystem());
        var yRk = new Dual<double>[] { new(y0, 0) };
        rk.Integrate(0.0, T, 300, yRk, [new Dual<double>(k, 1)]);
        Assert.Equal(exact, yRk[0].Tangent, 1e-8);
    }

    [Fact]
    public void NonlinearSensitivitiesMatchCentralDifferencesWithinIntegratorError()
    {
        var system = new ForcedLotkaVolterra();
        double[] y0 = [1.2, 0.8], theta = [1.1, 0.6, 0.4, 0.9];
        const double T = 4.0;
        var options = new DormandPrinceOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-12 };

        // Reverse mode: gradient of y₁(T) + 2y₂(T) with respect to (y₀, θ).
        var dp = new DormandPrince<Variable>(system, options);
        var tape = Tape.ForCurrentThread;
        var inputs = new Variable[6];
        Variable objective;
        try
        {
            tape.Begin();
            tape.Inputs([.. y0, .. theta], inputs);
            var y = inputs[..2];
            Assert.True(dp.Integrate(0, T, y, inputs.AsSpan(2)).Completed);
            objective = y[0] + 2.0 * y[1];
        }
        finally { tape.End(); }
        tape.Seed(objective, 1.0);
        var gradient = new double[6];
        tape.Sweep(gradient);

        var plain = new DormandPrince<double>(system, options);
        double Objective(double[] z)
        {
            var y = z[..2];
            plain.Integrate(0, T, y, z.AsSpan(2));
            return y[0] + 2 * y[1];
        }
        // Central differences: O(h²) ≈ 1e-10 truncation plus tolerance/h ≈ 1e-7 from the adaptive steps.
        Numerical.AssertMatchesCentralDifferences(Objective, [.. y0, .. theta], gradient, 1e-5, 2e-6);

        // Forward mode along a random direction agrees with the reverse-mode gradient to round-off.
        double[] direction = [0.3, -0.7, 0.2, 0.5, -0.1, 0.9];
        var forward = new DormandPrince<Dual<double>>(system, options);
        var yDual = new Dual<double>[] { new(y0[0], direction[0]), new(y0[1], direction[1]) };
        var thetaDual = new Dual<double>[4];
        for (int j = 0; j < 4; j++) thetaDual[j] = new(theta[j], direction[2 + j]);
        Assert.True(forward.Integrate(0, T, yDual, thetaDual).Completed);
        double jvp = yDual[0].Tangent + 2 * yDual[1].Tangent;
        double dot = 0;
        for (int i = 0; i < 6; i++) dot += gradient[i] * direction[i];
        Assert.Equal(dot, jvp, 1e-9 * Math.Max(1, Math.Abs(dot)));
    }

    [Fact]
    public void RungeKutta4GradientMatchesCentralDifferencesOfTheSameScheme()
    {
        var system = new DampedPendulum();
        double[] point = [1.0, 0.0, 9.81, 0.3];
        double Objective(double[] z)
        {
            var y = z[..2];
            new RungeKutta4<double>(system).Integrate(0.0, 5.0, 500, y, z.AsSpan(2));
            return y[0] * y[0] + y[1];
        }
        var gradient = new double[4];
        var tape = Tape.ForCurrentThread;
        var inputs = new Variable[4];
        Variable objective;
        try
        {
            tape.Begin();
            tape.Inputs(point, inputs);
            var y = inputs[..2];
            new RungeKutta4<Variable>(system).Integrate(0.0, 5.0, 500, y, inputs.AsSpan(2));
            objective = y[0] * y[0] + y[1];
        }
        finally { tape.End(); }
        tape.Seed(objective, 1.0);
        tape.Sweep(gradient);
        Numerical.AssertMatchesCentralDifferences(Objective, point, gradient, 1e-6, 1e-7);
    }

    [Fact]
    public void DormandPrinceMeetsItsToleranceAndReportsABlowUp()
    {
        var plain = new DormandPrince<double>(new DecaySystem(), new DormandPrinceOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-12 });
        var y = new[] { 1.0 };
        var result = plain.Integrate(0, 10, y, [0.5]);
        Assert.True(result.Completed);
        Assert.Equal(10, result.Time);
        Assert.Equal(Math.Exp(-5), y[0], 1e-8 * 20);

        var backwards = new[] { Math.Exp(-5) };
        Assert.True(plain.Integrate(10, 0, backwards, [0.5]).Completed);
        Assert.Equal(1.0, backwards[0], 1e-6);

        var blowUp = new DormandPrince<double>(new BlowUpSystem(), new DormandPrinceOptions { MaximumSteps = 2000 });
        var z = new[] { 1.0 };
        var failed = blowUp.Integrate(0, 2, z, []);
        Assert.False(failed.Completed, failed.ToString());
        Assert.True(failed.Time < 1.0 + 1e-6, failed.ToString());

        var limited = new DormandPrince<double>(new DecaySystem(), new DormandPrinceOptions { MaximumSteps = 3, InitialStep = 0.01 });
        var w = new[] { 1.0 };
        var stopped = limited.Integrate(0, 10, w, [0.5]);
        Assert.Equal(OdeTermination.StepLimit, stopped.Reason);
        Assert.Equal(Math.Exp(-0.5 * stopped.Time), w[0], 1e-6);
    }

    [Fact]
    public void EventLocationGivesTheFallTimeAndItsDerivativeWithRespectToTheHeight()
    {
        const double height = 20, g = 9.81;
        var rk = new RungeKutta4<Dual<double>>(new FreeFall());
        var state = new Dual<double>[] { new(height, 1), new(0, 0) };
        Assert.True(rk.IntegrateUntilBelow(0.0, 0.1, 1000, 0, 0.0, state, [new Dual<double>(g, 0)], out var time));
        // t = √(2H/g), dt/dH = 1/√(2gH); the state at the event is on the ground.
        Assert.Equal(Math.Sqrt(2 * height / g), time.Value, 1e-12);
        Assert.Equal(1 / Math.Sqrt(2 * g * height), time.Tangent, 1e-12);
        Assert.Equal(0, state[0].Value, 1e-12);
        Assert.Equal(0, state[0].Tangent, 1e-12);

        var never = new double[] { height, 0 };
        Assert.False(new RungeKutta4<double>(new FreeFall()).IntegrateUntilBelow(0.0, 0.1, 10, 0, 0.0, never, [g], out double reached));
        Assert.Equal(1.0, reached, 1e-12);
    }

    [Fact]
    public void IntegratorsRejectWrongLengthsAndBadOptions()
    {
        var rk = new RungeKutta4<double>(new DecaySystem());
        Assert.Throws<ArgumentException>(() => rk.Integrate(0.0, 1.0, 10, new double[2], [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => rk.Integrate(0.0, 1.0, 0, new double[1], [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => rk.IntegrateUntilBelow(0.0, 1.0, 10, 1, 0.0, new double[1], [1.0], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DormandPrince<double>(new DecaySystem(), new DormandPrinceOptions { RelativeTolerance = 0 }));
        var dp = new DormandPrince<double>(new DecaySystem());
        Assert.Throws<ArgumentException>(() => dp.Integrate(0, 1, new double[1], []));
    }
}
