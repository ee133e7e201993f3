using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Solvers.FirstOrder;

/// <summary>Options of <see cref="Adam"/>.</summary>
public sealed record AdamOptions
{
    /// <summary>α. Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>β₁, the decay of the first-moment estimate. Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>β₂, the decay of the second-moment estimate. Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε added to √v̂. Default 1e-8.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>d of the step schedule αₖ = α/(1 + d·k); 0 keeps α fixed. Default 0.</summary>
    public double LearningRateDecay { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        DriverOptions.StrictlyPositive(LearningRate, nameof(LearningRate));
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "Beta1 must lie in [0, 1).");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "Beta2 must lie in [0, 1).");
        DriverOptions.StrictlyPositive(Epsilon, nameof(Epsilon));
        DriverOptions.NonNegative(LearningRateDecay, nameof(LearningRateDecay));
    }
}
