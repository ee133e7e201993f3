using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Solvers.TrustRegions;

/// <summary>The state shared by trust-region methods: radius, step and trial point, allocated once.</summary>
public class TrustRegionState : MinimizerState
{
    /// <summary>Allocates the vectors for <paramref name="objective"/>.</summary>
    /// <param name="objective">The counted objective.</param>
    /// <param name="radius">Δ₀.</param>
    public TrustRegionState(IGradientObjective objective, double radius) : base(objective.Dimension, hasGradient: true)
    {
        Objective = objective;
        Radius = radius;
        Step = new double[objective.Dimension];
        TrialPoint = new double[objective.Dimension];
        TrialGradient = new double[objective.Dimension];
        PreviousGradient = new double[objective.Dimension];
    }

    /// <summary>The counted objective.</summary>
    public IGradientObjective Objective { get; }

    /// <summary>Δₖ.</summary>
    public double Radius { get; set; }

    /// <summary>The step p of the current subproblem.</summary>
    public double[] Step { get; }

    /// <summary>xₖ + p.</summary>
    public double[] TrialPoint { get; }

    /// <summary>∇f(xₖ + p).</summary>
    public double[] TrialGradient { get; }

    /// <summary>∇f(xₖ₋₁).</summary>
    public double[] PreviousGradient { get; }

    /// <summary>Rejected trial steps so far.</summary>
    public int Rejections { get; set; }
}
