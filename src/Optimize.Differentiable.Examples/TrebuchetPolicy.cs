using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

namespace Optimize.Differentiable.Examples;

/// <summary>
/// A small network (one tanh hidden layer) mapping (wind, target) to (release angle, counterweight mass), trained
/// through the simulator: the loss is the mean squared relative miss of the shots the network aims, and its
/// gradient with respect to every weight comes from one reverse-mode sweep over all the simulated flights
/// (the "model-based" training of the differentiable trebuchet, Innes et al. 2019).
/// </summary>
/// <remarks>
/// Inputs are scaled to (w/10, (target − 25)/10). Outputs o are mapped to valid controls:
/// θ_r = 3π/4 + 0.6·tanh(o₁) (launch elevation between about 11° and 79°) and M = M_ref·e^{1.5·tanh(o₂)}.
/// </remarks>
public sealed class TrebuchetPolicy
{
    /// <summary>Creates a network with small random weights.</summary>
    /// <param name="hidden">The hidden units, at least 1.</param>
    /// <param name="seed">The seed of the initial weights.</param>
    public TrebuchetPolicy(int hidden = 8, int seed = 1)
    {
        Guard.Positive(hidden, nameof(hidden));
        Hidden = hidden;
        var random = new Random(seed);
        Weights = new double[ParameterCountFor(hidden)];
        for (int i = 0; i < Weights.Length; i++) Weights[i] = 0.5 * (2 * random.NextDouble() - 1);
    }

    /// <summary>The hidden units.</summary>
    public int Hidden { get; }

    /// <summary>The weights, laid out as W₁ (hidden×2), b₁ (hidden), W₂ (2×hidden), b₂ (2); updated by <see cref="Train"/>.</summary>
    public double[] Weights { get; private set; }

    /// <summary>The number of weights of a network with <paramref name="hidden"/> hidden units: 5·hidden + 2.</summary>
    /// <param name="hidden">The hidden units.</param>
    public static int ParameterCountFor(int hidden) => 5 * hidden + 2;

    /// <summary>(θ_r, M) the network with weights <paramref name="weights"/> chooses for one shot, over any scalar type.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="weights">The weights, of length <see cref="ParameterCountFor"/>(<see cref="Hidden"/>).</param>
    /// <param name="shot">The wind and target.</param>
    public (T ReleaseAngle, T CounterweightMass) Aim<T>(ReadOnlySpan<T> weights, TrebuchetShot shot) where T : IFloatingPointIeee754<T>
    {
        Guard.Length(weights.Length, Weights.Length, nameof(weights));
        int h = Hidden;
        T input0 = T.CreateChecked(shot.WindSpeed / 10), input1 = T.CreateChecked((shot.Target - 25) / 10);
        T output0 = weights[5 * h], output1 = weights[5 * h + 1];
        for (int j = 0; j < h; j++)
        {
            T activation = T.Tanh(weights[2 * j] * input0 + weights[2 * j + 1] * input1 + weights[2 * h + j]);
            output0 += weights[3 * h + j] * activation;
            output1 += weights[4 * h + j] * activation;
        }
        T angle = T.CreateChecked(0.75 * Math.PI) + T.CreateChecked(0.6) * T.Tanh(output0);
        T mass = T.CreateChecked(TrebuchetAiming.ReferenceMass) * T.Exp(T.CreateChecked(1.5) * T.Tanh(output1));
        return (angle, mass);
    }

    /// <summary>(θ_r, M) for one shot with the current weights.</summary>
    /// <param name="shot">The wind and target.</param>
    public (double ReleaseAngle, double CounterweightMass) Aim(TrebuchetShot shot) => Aim<double>(Weights, shot);

    /// <summary>
    /// Trains the weights by L-BFGS on the mean squared relative miss over <paramref name="shots"/>, with
    /// reverse-mode gradients through every simulated flight.
    /// </summary>
    /// <param name="trebuchet">The simulator.</param>
    /// <param name="shots">The training shots.</param>
    /// <param name="options">Driver options; null for 300 iterations and a gradient tolerance of 1e-10.</param>
    public MinimizationResult Train(Trebuchet trebuchet, IReadOnlyList<TrebuchetShot> shots, DriverOptions? options = null)
    {
        var loss = new TrebuchetPolicyLoss(this, trebuchet, shots);
        options ??= new DriverOptions { GradientTolerance = 1e-10, MaximumIterations = 300 };
        var result = new Lbfgs().Minimize(new ReverseModeObjective(loss), Weights, options);
        Weights = result.Minimizer;
        return result;
    }
}
