using System.Diagnostics;
using Optimize.AutoDiff;
using Optimize.Differentiable.Examples;
using Xunit.Abstractions;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Differentiable.Tests;

public sealed class TrebuchetTests(ITestOutputHelper output)
{
    [Fact]
    public void DistanceGradientThroughTheSimulatorMatchesCentralDifferencesInBothModes()
    {
        var trebuchet = new Trebuchet();
        var aiming = new TrebuchetAiming(trebuchet, windSpeed: -4, target: 30);
        double[] x = [2.3, 0.4];
        var reverse = new double[2];
        var forward = new double[2];
        double value = ReverseMode.ValueAndGradient(aiming, x, reverse);
        ForwardMode.ValueAndGradient<Chunk2>(aiming, x, forward);
        Assert.Equal(aiming.Evaluate<double>(x), value, 1e-15);
        for (int i = 0; i < 2; i++) Assert.Equal(reverse[i], forward[i], 1e-12);
        Numerical.AssertMatchesCentralDifferences(z => aiming.Evaluate<double>(z), x, reverse, 1e-6, 1e-7);

        // The wind derivative as well: a tail wind carries the stone further.
        var windDerivative = trebuchet.Distance(new Dual<double>(2.3, 0), new Dual<double>(700, 0), new Dual<double>(-4, 1)).Tangent;
        Assert.True(windDerivative > 0);
        Assert.Equal(Numerical.CentralDifference(z => trebuchet.Distance(2.3, 700, z[0]), [-4.0], 0, 1e-6), windDerivative, 1e-7);
    }

    [Theory]
    [InlineData(2.36, 500.0)]
    [InlineData(2.0, 150.0)]
    [InlineData(2.9, 3000.0)]
    public void SimulatedSwingReleasesAtTheSpeedEnergyConservationPredicts(double angle, double mass)
    {
        var trebuchet = new Trebuchet();
        var d = trebuchet.Design;
        var state = new double[4];
        Assert.True(trebuchet.Release(angle, mass, state));
        // ½(ML₁² + mL₂²)ω² = g(ML₁ − mL₂)(sin θ_r − sin θ₀) for a rigid lever of point masses.
        double omegaSquared = 2 * d.Gravity * (mass * d.ShortArm - d.ProjectileMass * d.LongArm) * (Math.Sin(angle) - Math.Sin(d.RestAngle))
            / (mass * d.ShortArm * d.ShortArm + d.ProjectileMass * d.LongArm * d.LongArm);
        double expectedSpeed = d.LongArm * Math.Sqrt(omegaSquared);
        Assert.Equal(expectedSpeed, Math.Sqrt(state[2] * state[2] + state[3] * state[3]), 1e-8 * expectedSpeed);
        // Launched perpendicular to the arm, at elevation θ_r − π/2.
        Assert.Equal(angle - Math.PI / 2, Math.Atan2(state[3], state[2]), 1e-12);
        Assert.Equal(d.PivotHeight + d.LongArm * Math.Sin(angle), state[1], 1e-12);

        // The derivative of the release speed with respect to the mass, through the swing loop and its event.
        var dualState = new Dual<double>[4];
        Assert.True(trebuchet.Release(new Dual<double>(angle, 0), new Dual<double>(mass, 1), dualState));
        double dSpeed = (dualState[2].Value * dualState[2].Tangent + dualState[3].Value * dualState[3].Tangent) / expectedSpeed;
        double Speed(double m)
        {
            double w2 = 2 * d.Gravity * (m * d.ShortArm - d.ProjectileMass * d.LongArm) * (Math.Sin(angle) - Math.Sin(d.RestAngle))
                / (m * d.ShortArm * d.ShortArm + d.ProjectileMass * d.LongArm * d.LongArm);
            return d.LongArm * Math.Sqrt(w2);
        }
        Assert.Equal(Numerical.CentralDifference(z => Speed(z[0]), [mass], 0, 1e-4), dSpeed, 1e-6 * Math.Max(1, Math.Abs(dSpeed)));
    }

    [Theory]
    [InlineData(0.0, 30.0)]
    [InlineData(-8.0, 20.0)]
    [InlineData(8.0, 40.0)]
    [InlineData(-5.0, 12.0)]
    public void LbfgsAimsTheReleaseAngleAndCounterweightAtTheTarget(double wind, double target)
    {
        var trebuchet = new Trebuchet();
        var aim = new TrebuchetAiming(trebuchet, wind, target).Solve();
        output.WriteLine($"wind {wind} m/s, target {target} m: angle {aim.ReleaseAngle:F4} rad (elevation {(aim.ReleaseAngle - Math.PI / 2) * 180 / Math.PI:F1}°), "
            + $"mass {aim.CounterweightMass:F1} kg, distance {aim.Distance:F9} m, error {aim.DistanceError:E2} m, "
            + $"{aim.Minimization.Iterations} iterations, {aim.Minimization.Evaluations}, {aim.Minimization.Reason}");
        Assert.True(aim.DistanceError < 1e-6 * target, $"error {aim.DistanceError}");
        Assert.InRange(aim.CounterweightMass, 60, 20_000);
    }

    [Fact]
    public void PolicyNetworkTrainedThroughTheSimulatorHitsTrainingAndHeldOutTargets()
    {
        var trebuchet = new Trebuchet();
        var training = new List<TrebuchetShot>();
        foreach (double wind in new[] { -8.0, -4.0, 0.0, 4.0, 8.0 })
            foreach (double target in new[] { 14.0, 22.0, 30.0, 38.0 })
                training.Add(new TrebuchetShot(wind, target));
        var policy = new TrebuchetPolicy(hidden: 6, seed: 3);
        var loss = new TrebuchetPolicyLoss(policy, trebuchet, training);
        double before = loss.Evaluate<double>(policy.Weights);

        var clock = Stopwatch.StartNew();
        var result = policy.Train(trebuchet, training, new Solvers.DriverOptions { GradientTolerance = 1e-10, MaximumIterations = 200 });
        clock.Stop();
        double after = loss.Evaluate<double>(policy.Weights);

        double RelativeMiss(TrebuchetShot shot)
        {
            var (angle, mass) = policy.Aim(shot);
            return Math.Abs(trebuchet.Distance(angle, mass, shot.WindSpeed) - shot.Target) / shot.Target;
        }
        double worstTraining = training.Max(RelativeMiss);
        TrebuchetShot[] heldOut = [new(-6, 18), new(0, 30), new(5, 22), new(-1, 32), new(6, 33)];
        double worstHeldOut = heldOut.Max(RelativeMiss);
        double meanHeldOut = heldOut.Average(RelativeMiss);
        output.WriteLine($"loss {before:E3} → {after:E3} in {result.Iterations} L-BFGS iterations ({result.Evaluations}), {clock.Elapsed.TotalSeconds:F2} s, {result.Reason}");
        output.WriteLine($"worst relative miss: training {worstTraining:P3}, held-out {worstHeldOut:P3} (mean {meanHeldOut:P3})");
        foreach (var shot in heldOut)
        {
            var (angle, mass) = policy.Aim(shot);
            output.WriteLine($"  held-out wind {shot.WindSpeed} target {shot.Target}: angle {angle:F3}, mass {mass:F0}, distance {trebuchet.Distance(angle, mass, shot.WindSpeed):F3}");
        }
        Assert.True(after < 1e-3 * before);
        Assert.True(worstTraining < 0.01, $"worst training miss {worstTraining}");
        Assert.True(worstHeldOut < 0.05, $"worst held-out miss {worstHeldOut}");
    }

    [Fact]
    public void TooLightACounterweightGivesNaNAndBadArgumentsAreRejected()
    {
        var trebuchet = new Trebuchet();
        Assert.True(double.IsNaN(trebuchet.Distance(2.3, 40.0, 0.0)));
        Assert.True(double.IsNaN(trebuchet.Distance(4.0, 500.0, 0.0)));
        Assert.False(trebuchet.Release(2.3, 40.0, new double[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trebuchet(new TrebuchetDesign { LongArm = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrebuchetAiming(trebuchet, 0, -5));
        Assert.Throws<ArgumentException>(() => new TrebuchetPolicy().Aim<double>(new double[3], new TrebuchetShot(0, 20)));
    }
}
