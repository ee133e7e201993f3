using System.Numerics;

namespace Optimize.Differentiable.Ode;

/// <summary>
/// The classical fourth-order Runge–Kutta method with a fixed step (Hairer, Nørsett &amp; Wanner,
/// <i>Solving Ordinary Differential Equations I</i>, §II.1, Table 1.2), generic over the scalar type: with
/// <see cref="double"/> it integrates, with dual numbers it propagates tangents (forward sensitivities), with
/// tape variables it records the discrete scheme for reverse mode. The stage buffers are allocated once per
/// instance; steps allocate nothing.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
public sealed class RungeKutta4<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] k1, k2, k3, k4, stage, previous;
    private static readonly T Half = T.CreateChecked(0.5), Sixth = T.CreateChecked(1.0 / 6.0), Two = T.CreateChecked(2.0);

    /// <summary>Creates the integrator for one system.</summary>
    /// <param name="system">The ODE.</param>
    public RungeKutta4(IOdeSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        int n = system.StateDimension;
        Guard.Positive(n, "system.StateDimension");
        k1 = new T[n];
        k2 = new T[n];
        k3 = new T[n];
        k4 = new T[n];
        stage = new T[n];
        previous = new T[n];
    }

    /// <summary>The ODE.</summary>
    public IOdeSystem System { get; }

    /// <summary>
    /// One step y ← y + h/6 (k₁ + 2k₂ + 2k₃ + k₄) from time <paramref name="time"/>, in place.
    /// </summary>
    /// <param name="time">t at the start of the step.</param>
    /// <param name="step">h (may be negative to integrate backwards).</param>
    /// <param name="state">y, of length n, overwritten with y(t + h).</param>
    /// <param name="parameters">θ, of length p.</param>
    public void Step(T time, T step, Span<T> state, ReadOnlySpan<T> parameters)
    {
        Guard.Length(state.Length, k1.Length, nameof(state));
        Guard.Length(parameters.Length, System.ParameterDimension, nameof(parameters));
        StepUnchecked(time, step, state, parameters);
    }

    /// <summary>Integrates from <paramref name="start"/> to <paramref name="end"/> in <paramref name="steps"/> equal steps, in place.</summary>
    /// <param name="start">t₀.</param>
    /// <param name="end">t₁.</param>
    /// <param name="steps">The number of steps, at least 1.</param>
    /// <param name="state">y(t₀) on entry, y(t₁) on return.</param>
    /// <param name="parameters">θ, of length p.</param>
    public void Integrate(T start, T end, int steps, Span<T> state, ReadOnlySpan<T> parameters)
    {
        Guard.Positive(steps, nameof(steps));
        Guard.Length(state.Length, k1.Length, nameof(state));
        Guard.Length(parameters.Length, System.ParameterDimension, nameof(parameters));
        T h = (end - start) / T.CreateChecked(steps);
        for (int i = 0; i < steps; i++) StepUnchecked(start + T.CreateChecked(i) * h, h, state, parameters);
    }

    /// <summary>
    /// Steps from <paramref name="start"/> with step <paramref name="step"/> until component
    /// <paramref name="component"/> of the state first falls below <paramref name="level"/>, then locates the
    /// crossing inside that step by Newton's method on the partial step length τ, yᶜ(t + τ) = level, with the
    /// rate f_c from the ODE itself (event location; HNW I, §II.6), starting from the linear interpolate. Three
    /// Newton iterations leave the crossing accurate to the step's own error, and the located state and time are
    /// smooth functions of the inputs, so their derivatives have no jumps when the number of steps changes.
    /// </summary>
    /// <param name="start">t₀.</param>
    /// <param name="step">h &gt; 0.</param>
    /// <param name="maximumSteps">The most full steps; false is returned when no crossing occurs within them.</param>
    /// <param name="component">The index c of the watched component.</param>
    /// <param name="level">The level it must fall below.</param>
    /// <param name="state">y(t₀) on entry; on success, y at the crossing (otherwise after the last step).</param>
    /// <param name="parameters">θ, of length p.</param>
    /// <param name="time">The crossing time (or the time reached).</param>
    /// <returns>Whether a crossing was found.</returns>
    public bool IntegrateUntilBelow(T start, T step, int maximumSteps, int component, T level, Span<T> state, ReadOnlySpan<T> parameters, out T time)
    {
        Guard.Positive(maximumSteps, nameof(maximumSteps));
        Guard.Length(state.Length, k1.Length, nameof(state));
        Guard.Length(parameters.Length, System.ParameterDimension, nameof(parameters));
        if ((uint)component >= (uint)state.Length)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"component must lie in [0, {state.Length}).");
        time = start;
        for (int i = 0; i < maximumSteps; i++)
        {
            state.CopyTo(previous);
            StepUnchecked(time, step, state, parameters);
            if (!(state[component] < level))
            {
                time += step;
                continue;
            }
            T tau = step * (previous[component] - level) / (previous[component] - state[component]);
            for (int iteration = 0; iteration < 3; iteration++)
            {
                previous.AsSpan().CopyTo(state);
                StepUnchecked(time, tau, state, parameters);
                System.Derivative(time + tau, state, parameters, stage);
                tau -= (state[component] - level) / stage[component];
            }
            previous.AsSpan().CopyTo(state);
            StepUnchecked(time, tau, state, parameters);
            time += tau;
            return true;
        }
        return false;
    }

    private void StepUnchecked(T t, T h, Span<T> y, ReadOnlySpan<T> p)
    {
        int n = y.Length;
        T halfStep = Half * h;
        T middle = t + halfStep;
        System.Derivative(t, y, p, k1);
        for (int i = 0; i < n; i++) stage[i] = y[i] + halfStep * k1[i];
        System.Derivative(middle, stage, p, k2);
        for (int i = 0; i < n; i++) stage[i] = y[i] + halfStep * k2[i];
        System.Derivative(middle, stage, p, k3);
        for (int i = 0; i < n; i++) stage[i] = y[i] + h * k3[i];
        System.Derivative(t + h, stage, p, k4);
        T sixthStep = Sixth * h;
        for (int i = 0; i < n; i++) y[i] += sixthStep * (k1[i] + Two * (k2[i] + k3[i]) + k4[i]);
    }
}
