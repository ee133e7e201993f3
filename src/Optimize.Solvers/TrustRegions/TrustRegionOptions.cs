namespace Optimize.Solvers.TrustRegions;

/// <summary>
/// The radius management shared by the trust-region methods (Nocedal &amp; Wright, Algorithm 4.1): with
/// ρ = (f(x) − f(x + p))/(m(0) − m(p)), the radius shrinks to ¼‖p‖ when ρ &lt; ¼, doubles (up to the maximum)
/// when ρ &gt; ¾ and the step reached the boundary, and the step is accepted when ρ &gt; η.
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
    }
}
