using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Optimize.AutoDiff;
using Optimize.Differentiable.Examples;
using Optimize.FiniteDifferences;
using Optimize.Oracles;
using Optimize.AutoDiff.Forward;
using Optimize.AutoDiff.Reverse;

namespace Optimize.Benchmarks.Differentiable;

/// <summary>
/// The cost of a gradient through the trebuchet simulator, in units of one simulation (the Ratio column):
/// reverse mode (one recorded evaluation and one sweep), forward mode (vector duals, ⌈n/8⌉ passes) and central
/// differences (2n simulations). "Aim" is the 2-variable aiming loss of one shot; "Policy" is the training loss
/// of the policy network (32 weights, 20 simulated shots per evaluation).
/// </summary>
[Config(typeof(MedianRatioConfig))]
public class TrebuchetGradientBenchmarks
{
    private IScalarFunction function = null!;
    private FiniteDifferenceObjective central = null!;
    private double[] x = [];
    private double[] gradient = [];

    /// <summary>Which loss.</summary>
    [Params("Aim", "Policy")]
    public string Loss { get; set; } = "Aim";

    [GlobalSetup]
    public void Setup()
    {
        var trebuchet = new Trebuchet();
        if (Loss == "Aim")
        {
            function = new TrebuchetAiming(trebuchet, windSpeed: -4, target: 30);
            x = [2.3, 0.4];
        }
        else
        {
            var shots = new List<TrebuchetShot>();
            foreach (double wind in new[] { -8.0, -4.0, 0.0, 4.0, 8.0 })
                foreach (double target in new[] { 14.0, 22.0, 30.0, 38.0 })
                    shots.Add(new TrebuchetShot(wind, target));
            var policy = new TrebuchetPolicy(hidden: 6, seed: 3);
            function = new TrebuchetPolicyLoss(policy, trebuchet, shots);
            x = (double[])policy.Weights.Clone();
        }
        gradient = new double[x.Length];
        central = FiniteDifferenceObjective.Create(x.Length, z => function.Evaluate<double>(z));
    }

    [Benchmark(Baseline = true, Description = "simulate (f)")]
    public double Value() => function.Evaluate<double>(x);

    [Benchmark(Description = "gradient, reverse mode")]
    public double Reverse() => ReverseMode.ValueAndGradient(function, x, gradient);

    [Benchmark(Description = "gradient, forward mode (chunks of 8)")]
    public double Forward() => ForwardMode.ValueAndGradient<Chunk8>(function, x, gradient);

    [Benchmark(Description = "gradient, central differences")]
    public double Central() => central.ValueAndGradient(x, gradient);
}
