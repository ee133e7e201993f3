using System.Numerics;
using Optimize.Differentiable.Ode;

namespace Optimize.Differentiable.Checkpointing;

/// <summary>Fixed-step classical Runge–Kutta steps of an ODE, x_{k+1} = RK4(t₀ + k·h, h, x_k, θ), as a <see cref="ITimeStepper"/>.</summary>
public sealed class RungeKutta4Stepper : ITimeStepper
{
    private object? integrator;

    /// <summary>Creates the stepper.</summary>
    /// <param name="system">The ODE.</param>
    /// <param name="startTime">t₀.</param>
    /// <param name="stepSize">h.</param>
    public RungeKutta4Stepper(IOdeSystem system, double startTime, double stepSize)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (!double.IsFinite(startTime)) throw new ArgumentOutOfRangeException(nameof(startTime), startTime, "startTime must be finite.");
        if (!double.IsFinite(stepSize) || stepSize == 0)
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "stepSize must be finite and non-zero.");
        System = system;
        StartTime = startTime;
        StepSize = stepSize;
    }

    /// <summary>The ODE.</summary>
    public IOdeSystem System { get; }

    /// <summary>t₀.</summary>
    public double StartTime { get; }

    /// <summary>h.</summary>
    public double StepSize { get; }

    /// <inheritdoc/>
    public int StateDimension => System.StateDimension;

    /// <inheritdoc/>
    public int ParameterDimension => System.ParameterDimension;

    /// <inheritdoc/>
    public void Step<T>(int index, ReadOnlySpan<T> state, ReadOnlySpan<T> parameters, Span<T> next) where T : IFloatingPointIeee754<T>
    {
        // One integrator (and its stage buffers) per scalar type, kept for the next call of the same type.
        if (integrator is not RungeKutta4<T> rk)
        {
            rk = new RungeKutta4<T>(System);
            integrator = rk;
        }
        state.CopyTo(next);
        rk.Step(T.CreateChecked(StartTime + index * StepSize), T.CreateChecked(StepSize), next, parameters);
    }
}
