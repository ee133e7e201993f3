using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Optimize.Oracles;

namespace Optimize.FiniteDifferences;

/// <summary>Options of <see cref="GradientChecker"/>.</summary>
public sealed record DerivativeCheckOptions
{
    /// <summary>How the reference derivatives are taken. Default: central differences with default steps.</summary>
    public FiniteDifferenceOptions FiniteDifferences { get; init; } = FiniteDifferenceOptions.Default;

    /// <summary>A component passes when |supplied − estimate| ≤ SafetyFactor × (the estimate's error estimate). Default 10; ≥ 1.</summary>
    public double SafetyFactor { get; init; } = 10.0;

    /// <summary>
    /// A floor on the tolerance, relative to max(1, |estimate|), so that a vanishing error estimate (f linear
    /// along a coordinate) does not demand more than round-off allows. Default 1e−10; in [0, 1).
    /// </summary>
    public double MinimumRelativeTolerance { get; init; } = 1e-10;

    /// <summary>How many of the worst components the report prints. Default 5; ≥ 1.</summary>
    public int WorstCount { get; init; } = 5;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the offending property unless the options are valid.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(FiniteDifferences, "options.FiniteDifferences");
        FiniteDifferences.Validate();
        if (!(SafetyFactor >= 1 && double.IsFinite(SafetyFactor)))
            throw new ArgumentException($"{nameof(SafetyFactor)} is {SafetyFactor}; expected a finite number ≥ 1.", "options");
        if (!(MinimumRelativeTolerance >= 0 && MinimumRelativeTolerance < 1))
            throw new ArgumentException($"{nameof(MinimumRelativeTolerance)} is {MinimumRelativeTolerance}; expected a number in [0, 1).", "options");
        if (WorstCount < 1)
            throw new ArgumentException($"{nameof(WorstCount)} is {WorstCount}; expected at least 1.", "options");
    }
}
