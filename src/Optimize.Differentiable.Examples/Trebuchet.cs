using System.Numerics;
using Optimize.Differentiable.Ode;

namespace Optimize.Differentiable.Examples;

/// <summary>
/// A trebuchet as a differentiable program: a rigid lever (counterweight M on the short arm, projectile m on the
/// long arm) swings from rest until the release angle, then the projectile flies with quadratic air drag relative
/// to the wind until it lands. Everything is written once over the scalar type, so the landing distance can be
/// differentiated with respect to the release angle, the counterweight mass and the wind by forward or reverse
/// mode (in the spirit of the differentiable trebuchet of Innes et al., "A differentiable programming system to
/// bridge machine learning and scientific computing", 2019).
/// </summary>
/// <remarks>
/// <para>Two ODEs, both integrated by fixed-step RK4 (<see cref="RungeKutta4{T}"/>) inside loops with a data-dependent
/// exit. Swing: the lever's equation of motion (ML₁² + mL₂²)θ″ = g(ML₁ − mL₂)cos θ from rest at θ₀, stepped until
/// the arm passes the release angle; the projectile leaves with speed L₂|θ′| perpendicular to the arm. Flight:
/// x″ = −k|v − w|(vₓ − w), y″ = −g − k|v − w|v_y with w the horizontal wind, stepped until the projectile is below
/// ground. Each event's instant inside its last step is found by three Newton iterations on the partial step
/// length τ (θ(τ) = θ_r, then y(τ) = 0), so the distance is a smooth function of the inputs, with no jumps when the
/// number of steps changes.</para>
/// <para>Not thread-safe: the integrators for each scalar type are kept for reuse.</para>
/// </remarks>
public sealed class Trebuchet
{
    private readonly ProjectileFlight flight;
    private readonly ArmSwing swing;
    private object? integrator, buffers, swingIntegrator, swingBuffers;

    /// <summary>Creates the trebuchet.</summary>
    /// <param name="design">Geometry and physics; defaults when null.</param>
    public Trebuchet(TrebuchetDesign? design = null)
    {
        Design = design ?? new TrebuchetDesign();
        Design.Validate();
        flight = new ProjectileFlight(Design);
        swing = new ArmSwing(Design);
    }

    /// <summary>Geometry and physics.</summary>
    public TrebuchetDesign Design { get; }

    /// <summary>
    /// The horizontal distance from the pivot to the landing point, or NaN when the counterweight cannot swing the
    /// arm to the release angle (see <see cref="Release"/>) or the flight does not end within
    /// <see cref="TrebuchetDesign.MaximumFlightSteps"/>.
    /// </summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="releaseAngle">θ_r, the long arm's angle at release (rad, from the forward horizontal); the launch elevation is θ_r − π/2.</param>
    /// <param name="counterweightMass">M (kg).</param>
    /// <param name="windSpeed">w (m/s), positive when blowing forward.</param>
    public T Distance<T>(T releaseAngle, T counterweightMass, T windSpeed) where T : IFloatingPointIeee754<T>
    {
        var d = Design;
        var state = buffers as T[] ?? (T[])(buffers = new T[4]);
        if (!Release(releaseAngle, counterweightMass, state)) return T.NaN;
        var rk = integrator as RungeKutta4<T> ?? (RungeKutta4<T>)(integrator = new RungeKutta4<T>(flight));
        // Fly until the height falls below the ground.
        bool landed = rk.IntegrateUntilBelow(T.Zero, T.CreateChecked(d.TimeStep), d.MaximumFlightSteps, 1, T.Zero, state, [windSpeed], out _);
        return landed ? state[0] : T.NaN;
    }

    /// <summary>
    /// The projectile's position and velocity (x, y, vₓ, v_y) at release, from the simulated swing; false (and the
    /// state untouched) when the counterweight cannot swing the arm to the release angle.
    /// </summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="releaseAngle">θ_r (rad), below the rest angle θ₀.</param>
    /// <param name="counterweightMass">M (kg).</param>
    /// <param name="projectileState">Destination of length 4.</param>
    public bool Release<T>(T releaseAngle, T counterweightMass, Span<T> projectileState) where T : IFloatingPointIeee754<T>
    {
        Guard.Length(projectileState.Length, 4, nameof(projectileState));
        var d = Design;
        if (!(counterweightMass * T.CreateChecked(d.ShortArm) > T.CreateChecked(d.ProjectileMass * d.LongArm))) return false;
        if (!(releaseAngle < T.CreateChecked(d.RestAngle))) return false;
        var rk = swingIntegrator as RungeKutta4<T> ?? (RungeKutta4<T>)(swingIntegrator = new RungeKutta4<T>(swing));
        var arm = swingBuffers as T[] ?? (T[])(swingBuffers = new T[2]);
        arm[0] = T.CreateChecked(d.RestAngle);
        arm[1] = T.Zero;
        // Swing until the arm's angle falls below the release angle.
        if (!rk.IntegrateUntilBelow(T.Zero, T.CreateChecked(d.SwingTimeStep), d.MaximumSwingSteps, 0, releaseAngle, arm, [counterweightMass], out _))
            return false;
        // The arm end moves with velocity L₂θ′(−sin θ, cos θ); θ is θ_r at the located release.
        T l2 = T.CreateChecked(d.LongArm);
        (T sin, T cos) = T.SinCos(releaseAngle);
        projectileState[0] = l2 * cos;
        projectileState[1] = T.CreateChecked(d.PivotHeight) + l2 * sin;
        projectileState[2] = -l2 * arm[1] * sin;
        projectileState[3] = l2 * arm[1] * cos;
        return true;
    }

    /// <summary>The swing ODE: state (θ, θ′), parameter the counterweight mass M.</summary>
    private sealed class ArmSwing(TrebuchetDesign design) : IOdeSystem
    {
        public int StateDimension => 2;

        public int ParameterDimension => 1;

        public void Derivative<T>(T time, ReadOnlySpan<T> s, ReadOnlySpan<T> mass, Span<T> ds) where T : IFloatingPointIeee754<T>
        {
            T l1 = T.CreateChecked(design.ShortArm), l2 = T.CreateChecked(design.LongArm), m = T.CreateChecked(design.ProjectileMass);
            T inertia = mass[0] * l1 * l1 + m * l2 * l2;
            ds[0] = s[1];
            ds[1] = T.CreateChecked(design.Gravity) * (mass[0] * l1 - m * l2) * T.Cos(s[0]) / inertia;
        }
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
