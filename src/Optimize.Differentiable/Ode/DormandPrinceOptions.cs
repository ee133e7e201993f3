namespace Optimize.Differentiable.Ode;

/// <summary>Options of <see cref="DormandPrince{T}"/> (defaults follow Hairer, Nørsett &amp; Wanner's DOPRI5 code).</summary>
public sealed record DormandPrinceOptions
{
    /// <summary>Relative tolerance of the local error test. Default 1e-6.</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>Absolute tolerance of the local error test. Default 1e-9.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-9;

    /// <summary>The first trial step; null chooses it automatically (HNW I, §II.4, "starting step size"). Default null.</summary>
    public double? InitialStep { get; init; }

    /// <summary>The largest step allowed; null for no limit. Default null.</summary>
    public double? MaximumStep { get; init; }

    /// <summary>The most attempted steps (accepted and rejected). Default 100 000.</summary>
    public int MaximumSteps { get; init; } = 100_000;

    /// <summary>Safety factor of the step-size update h·fac·err^(−1/5). Default 0.9.</summary>
    public double SafetyFactor { get; init; } = 0.9;

    /// <summary>The least factor a step may shrink by in one update. Default 0.2.</summary>
    public double MinimumScale { get; init; } = 0.2;

    /// <summary>The largest factor a step may grow by in one update. Default 10.</summary>
    public double MaximumScale { get; init; } = 10;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        StrictlyPositive(RelativeTolerance, nameof(RelativeTolerance));
        StrictlyPositive(AbsoluteTolerance, nameof(AbsoluteTolerance));
        if (InitialStep is { } h) StrictlyPositive(h, nameof(InitialStep));
        if (MaximumStep is { } hMax) StrictlyPositive(hMax, nameof(MaximumStep));
        Guard.Positive(MaximumSteps, nameof(MaximumSteps));
        if (!(SafetyFactor > 0 && SafetyFactor < 1))
            throw new ArgumentOutOfRangeException(nameof(SafetyFactor), SafetyFactor, "SafetyFactor must lie strictly between 0 and 1.");
        if (!(MinimumScale > 0 && MinimumScale < 1))
            throw new ArgumentOutOfRangeException(nameof(MinimumScale), MinimumScale, "MinimumScale must lie strictly between 0 and 1.");
        if (!(MaximumScale > 1) || double.IsInfinity(MaximumScale))
            throw new ArgumentOutOfRangeException(nameof(MaximumScale), MaximumScale, "MaximumScale must be a finite number > 1.");
    }

    private static void StrictlyPositive(double value, string argument)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(argument, value, $"{argument} must be a finite number > 0.");
    }
}
