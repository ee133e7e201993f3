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
        Guard.Positive(MaximumFlightSteps, nameof(MaximumFlightSteps));
    }

    private static void Positive(double value, string argument)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(argument, value, $"{argument} must be a finite number > 0.");
    }
}

/// <summary>
/// A trebuchet as a differentiable program: a rigid lever (counterweight M on the short arm, projectile m on the
/// long arm) swings from rest until the release angle, then the projectile flies with quadratic air drag relative
/// to the wind until it lands. Everything is written once over the scalar type, so the landing distance can be
/// differentiated with respect to the release angle, the counterweight mass and the wind by forward or reverse
/// mode (in the spirit of the differentiable trebuchet of Innes et al., "A differentiable programming system to
/// bridge machine learning and scientific computing", 2019).
/// </summary>
/// <remarks>
/// <para>Swing: energy conservation of the lever, ½(ML₁² + mL₂²)ω² = g(ML₁ − mL₂)(sin θ − sin θ₀), gives the
/// release speed v = L₂ω perpendicular to the arm. Flight: x″ = −k|v − w|(vₓ − w), y″ = −g − k|v − w|v_y with
/// w the horizontal wind, by fixed-step RK4 (<see cref="RungeKutta4{T}"/>); the loop stops at the first step
/// below ground, and the landing instant inside that step is found by three Newton iterations on the step
/// length, y(τ) = 0, so the distance is a smooth function of the inputs (no step-count jumps).</para>
/// <para>Not thread-safe: the integrators for each scalar type are kept for reuse.</para>
/// </remarks>
public sealed class Trebuchet
{
    private readonly ProjectileFlight flight;
    private object? integrator;
    private object? buffers;

    /// <summary>Creates the trebuchet.</summary>
    /// <param name="design">Geometry and physics; defaults when null.</param>
    public Trebuchet(TrebuchetDesign? design = null)
    {
        Design = design ?? new TrebuchetDesign();
        Design.Validate();
        flight = new ProjectileFlight(Design);
    }

    /// <summary>Geometry and physics.</summary>
    public TrebuchetDesign Design { get; }

    /// <summary>
    /// The horizontal distance from the pivot to the landing point, or NaN when the counterweight cannot lift the
    /// projectile to the release angle or the flight does not end within <see cref="TrebuchetDesign.MaximumFlightSteps"/>.
    /// </summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="releaseAngle">θ_r, the long arm's angle at release (rad, from the forward horizontal); the launch elevation is θ_r − π/2.</param>
    /// <param name="counterweightMass">M (kg).</param>
    /// <param name="windSpeed">w (m/s), positive when blowing forward.</param>
    public T Distance<T>(T releaseAngle, T counterweightMass, T windSpeed) where T : IFloatingPointIeee754<T>
    {
        var d = Design;
        T g = T.CreateChecked(d.Gravity), l1 = T.CreateChecked(d.ShortArm), l2 = T.CreateChecked(d.LongArm), m = T.CreateChecked(d.ProjectileMass);
        T lift = counterweightMass * l1 - m * l2;
        T rise = T.Sin(releaseAngle) - T.CreateChecked(Math.Sin(d.RestAngle));
        T omegaSquared = T.CreateChecked(2.0) * g * lift * rise / (counterweightMass * l1 * l1 + m * l2 * l2);
        if (!(omegaSquared > T.Zero)) return T.NaN;
        T speed = l2 * T.Sqrt(omegaSquared);
        (T sin, T cos) = T.SinCos(releaseAngle);

        var rk = integrator as RungeKutta4<T> ?? (RungeKutta4<T>)(integrator = new RungeKutta4<T>(flight));
        var (state, previous) = buffers as (T[], T[])? ?? ((T[], T[]))(buffers = (new T[4], new T[4]));
        state[0] = l2 * cos;
        state[1] = T.CreateChecked(d.PivotHeight) + l2 * sin;
        state[2] = speed * sin;
        state[3] = -speed * cos;
        ReadOnlySpan<T> wind = [windSpeed];
        T h = T.CreateChecked(d.TimeStep);
        for (int step = 0; step < d.MaximumFlightSteps; step++)
        {
            state.AsSpan().CopyTo(previous);
            T time = T.CreateChecked(step * d.TimeStep);
            rk.Step(time, h, state, wind);
            if (state[1] >= T.Zero) continue;

            // Landing inside this step: Newton on the partial step τ with y(τ) = 0, from the linear guess.
            T tau = h * previous[1] / (previous[1] - state[1]);
            for (int iteration = 0; iteration < 3; iteration++)
            {
                previous.AsSpan().CopyTo(state);
                rk.Step(time, tau, state, wind);
                tau -= state[1] / state[3];
            }
            previous.AsSpan().CopyTo(state);
            rk.Step(time, tau, state, wind);
            return state[0];
        }
        return T.NaN;
    }

    /// <summary>The flight ODE: state (x, y, vₓ, v_y), parameter the wind w.</summary>
    private sealed class ProjectileFlight(TrebuchetDesign design) : IOdeSystem
    {
        public int StateDimension => 4;

        public int ParameterDimension => 1;

        public void Derivative<T>(T time, ReadOnlySpan<T> s, ReadOnlySpan<T> wind, Span<T> ds) where T : IFloatingPointIeee754<T>
        {
            T relative = s[2] - wind[0];
            T drag = T.CreateChecked(design.DragPerMass) * T.Sqrt(relative * relative + s[3] * s[3]);
            ds[0] = s[2];
            ds[1] = s[3];
            ds[2] = -drag * relative;
            ds[3] = -T.CreateChecked(design.Gravity) - drag * s[3];
        }
    }
}
