namespace Optimize.Solvers.TrustRegions;

/// <summary>
/// The radius management shared by the trust-region methods (Nocedal &amp; Wright, Algorithm 4.1): with
/// ρ = (f(x) − f(x + p))/(m(0) − m(p)), the radius shrinks to <see cref="ShrinkFactor"/>·‖p‖ when ρ &lt;
/// <see cref="ShrinkBelow"/>, grows by <see cref="ExpandFactor"/> (up to the maximum) when ρ &gt;
/// <see cref="ExpandAbove"/> and the step reached the boundary, and the step is accepted when ρ &gt; η.
/// </summary>
public sealed record TrustRegionOptions
{
    /// <summary>Δ₀. Default 1.</summary>
    public double InitialRadius { get; init; } = 1;

    /// <summary>
    /// The largest radius. Default 1e100, so that on an objective unbounded below the doubling radius lets f
    /// reach <see cref="DriverOptions.UnboundedValue"/> in a few hundred iterations.
    /// </summary>
    public double MaximumRadius { get; init; } = 1e100;

    /// <summary>The run stops with <see cref="TerminationReason.NoProgress"/> when Δ falls below this value. Default 1e-15.</summary>
    public double MinimumRadius { get; init; } = 1e-15;

    /// <summary>η: steps with ρ &gt; η are accepted. Default 0.1.</summary>
    public double AcceptanceRatio { get; init; } = 0.1;

    /// <summary>The radius shrinks when ρ is below this value (η₁ of Nocedal &amp; Wright, Algorithm 4.1). Default 0.25.</summary>
    public double ShrinkBelow { get; init; } = 0.25;

    /// <summary>On shrinking, Δ becomes this factor times ‖p‖ (Algorithm 4.1: ¼). Default 0.25.</summary>
    public double ShrinkFactor { get; init; } = 0.25;

    /// <summary>The radius grows when ρ exceeds this value and the step reached the boundary (Algorithm 4.1: ¾). Default 0.75.</summary>
    public double ExpandAbove { get; init; } = 0.75;

    /// <summary>On growing, Δ becomes this factor times Δ (Algorithm 4.1: 2). Default 2.</summary>
    public double ExpandFactor { get; init; } = 2;

    /// <summary>The most consecutive rejected steps in one iteration. Default 60.</summary>
    public int MaximumRejections { get; init; } = 60;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        DriverOptions.StrictlyPositive(InitialRadius, nameof(InitialRadius));
        DriverOptions.StrictlyPositive(MaximumRadius, nameof(MaximumRadius));
        DriverOptions.StrictlyPositive(MinimumRadius, nameof(MinimumRadius));
        if (InitialRadius > MaximumRadius)
            throw new ArgumentOutOfRangeException(nameof(InitialRadius), InitialRadius, "InitialRadius must not exceed MaximumRadius.");
        if (!(AcceptanceRatio >= 0 && AcceptanceRatio < 0.25))
            throw new ArgumentOutOfRangeException(nameof(AcceptanceRatio), AcceptanceRatio, "AcceptanceRatio must lie in [0, 0.25).");
        Guard.Positive(MaximumRejections, nameof(MaximumRejections));
        DriverOptions.Between(ShrinkFactor, 0, 1, nameof(ShrinkFactor));
        if (!(ExpandFactor > 1) || double.IsInfinity(ExpandFactor))
            throw new ArgumentOutOfRangeException(nameof(ExpandFactor), ExpandFactor, "ExpandFactor must be a finite number > 1.");
        if (!(ShrinkBelow > AcceptanceRatio && ShrinkBelow < ExpandAbove && ExpandAbove < 1))
            throw new ArgumentOutOfRangeException(nameof(ShrinkBelow), ShrinkBelow, "Expected AcceptanceRatio < ShrinkBelow < ExpandAbove < 1.");
    }
}
