using System.Numerics;
using Optimize.Differentiable.Ode;

namespace Optimize.Differentiable.Examples;

/// <summary>The fixed geometry and physics of a <see cref="Trebuchet"/> (SI units).</summary>
public sealed record TrebuchetDesign
{
    /// <summary>L₁, the counterweight's arm from the pivot (m). Default 1.5.</summary>
    public double ShortArm { get; init; } = 1.5;

    /// <summary>L₂, the projectile's arm from the pivot (m). Default 5.</summary>
    public double LongArm { get; init; } = 5.0;

    /// <summary>The pivot's height above the ground (m). Default 5.</summary>
    public double PivotHeight { get; init; } = 5.0;

    /// <summary>m, the projectile's mass (kg). Default 15.</summary>
    public double ProjectileMass { get; init; } = 15.0;

    /// <summary>θ₀, the long arm's angle at rest, measured from the forward horizontal (rad). Default 5π/4 (pointing back and down).</summary>
    public double RestAngle { get; init; } = 1.25 * Math.PI;

    /// <summary>k = ρC_dA/(2m), the quadratic drag per unit mass (1/m). Default 0.004 (a 0.25 m stone of 15 kg in air).</summary>
    public double DragPerMass { get; init; } = 0.004;

    /// <summary>g (m/s²). Default 9.81.</summary>
    public double Gravity { get; init; } = 9.81;

    /// <summary>The fixed RK4 step of the flight (s). Default 0.02.</summary>
    public double TimeStep { get; init; } = 0.02;

    /// <summary>The fixed RK4 step of the arm's swing (s). Default 0.01.</summary>
    public double SwingTimeStep { get; init; } = 0.01;

    /// <summary>The most swing steps before the release angle is declared unreachable (the distance is then NaN). Default 10 000.</summary>
    public int MaximumSwingSteps { get; init; } = 10_000;

    /// <summary>The most flight steps before the flight is declared endless (the distance is then NaN). Default 10 000.</summary>
    public int MaximumFlightSteps { get; init; } = 10_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        Positive(ShortArm, nameof(ShortArm));
        Positive(LongArm, nameof(LongArm));
        Positive(PivotHeight, nameof(PivotHeight));
        Positive(ProjectileMass, nameof(ProjectileMass));
        if (!double.IsFinite(RestAngle)) throw new ArgumentOutOfRangeException(nameof(RestAngle), RestAngle, "RestAngle must be finite.");
        if (!(DragPerMass >= 0) || double.IsInfinity(DragPerMass))
            throw new ArgumentOutOfRangeException(nameof(DragPerMass), DragPerMass, "DragPerMass must be a finite number ≥ 0.");
        Positive(Gravity, nameof(Gravity));
        Positive(TimeStep, nameof(TimeStep));
        Positive(SwingTimeStep, nameof(SwingTimeStep));
        Guard.Positive(MaximumFlightSteps, nameof(MaximumFlightSteps));
        Guard.Positive(MaximumSwingSteps, nameof(MaximumSwingSteps));
    }

    private static void Positive(double value, string argument)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(argument, value, $"{argument} must be a finite number > 0.");
    }
}
