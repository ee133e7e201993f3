using System.Numerics;
using Optimize.Differentiable.Ode;

namespace Optimize.Differentiable.Tests;

/// <summary>y′ = A y with a constant 2×2 matrix: ∂y(T)/∂y₀ = e^{AT}.</summary>
internal sealed class LinearSystem(double[,] a) : IOdeSystem
{
    public double[,] A { get; } = a;

    public int StateDimension => 2;

    public int ParameterDimension => 0;

    public void Derivative<T>(T time, ReadOnlySpan<T> y, ReadOnlySpan<T> p, Span<T> dy) where T : IFloatingPointIeee754<T>
    {
        dy[0] = T.CreateChecked(A[0, 0]) * y[0] + T.CreateChecked(A[0, 1]) * y[1];
        dy[1] = T.CreateChecked(A[1, 0]) * y[0] + T.CreateChecked(A[1, 1]) * y[1];
    }

    /// <summary>e^{At} by its Taylor series (‖At‖ is a few units here: 80 terms converge to round-off).</summary>
    public double[,] Exponential(double t)
    {
        var sum = new double[2, 2] { { 1, 0 }, { 0, 1 } };
        var term = new double[2, 2] { { 1, 0 }, { 0, 1 } };
        for (int k = 1; k < 80; k++)
        {
            var next = new double[2, 2];
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++)
                    next[i, j] = (A[i, 0] * term[0, j] + A[i, 1] * term[1, j]) * t / k;
            term = next;
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++) sum[i, j] += term[i, j];
        }
        return sum;
    }
}

/// <summary>y′ = −k y: y(T) = y₀e^{−kT}, ∂y(T)/∂k = −T y₀ e^{−kT}.</summary>
internal sealed class DecaySystem : IOdeSystem
{
    public int StateDimension => 1;

    public int ParameterDimension => 1;

    public void Derivative<T>(T time, ReadOnlySpan<T> y, ReadOnlySpan<T> p, Span<T> dy) where T : IFloatingPointIeee754<T> =>
        dy[0] = -p[0] * y[0];
}

/// <summary>Lotka–Volterra predator–prey with a seasonal forcing: nonlinear, non-autonomous, four parameters.</summary>
internal sealed class ForcedLotkaVolterra : IOdeSystem
{
    public int StateDimension => 2;

    public int ParameterDimension => 4;

    public void Derivative<T>(T t, ReadOnlySpan<T> y, ReadOnlySpan<T> p, Span<T> dy) where T : IFloatingPointIeee754<T>
    {
        T season = T.One + T.CreateChecked(0.1) * T.Sin(t);
        dy[0] = p[0] * season * y[0] - p[1] * y[0] * y[1];
        dy[1] = p[2] * y[0] * y[1] - p[3] * y[1];
    }
}

/// <summary>A damped pendulum θ″ = −(g/L) sin θ − c θ′ with parameters (g/L, c).</summary>
internal sealed class DampedPendulum : IOdeSystem
{
    public int StateDimension => 2;

    public int ParameterDimension => 2;

    public void Derivative<T>(T t, ReadOnlySpan<T> y, ReadOnlySpan<T> p, Span<T> dy) where T : IFloatingPointIeee754<T>
    {
        dy[0] = y[1];
        dy[1] = -p[0] * T.Sin(y[0]) - p[1] * y[1];
    }
}

/// <summary>y′ = y², which blows up at t = 1/y₀.</summary>
internal sealed class BlowUpSystem : IOdeSystem
{
    public int StateDimension => 1;

    public int ParameterDimension => 0;

    public void Derivative<T>(T t, ReadOnlySpan<T> y, ReadOnlySpan<T> p, Span<T> dy) where T : IFloatingPointIeee754<T> => dy[0] = y[0] * y[0];
}

/// <summary>Free fall y″ = −g, state (y, v), parameter g: RK4 is exact on it (the solution is quadratic in t).</summary>
internal sealed class FreeFall : IOdeSystem
{
    public int StateDimension => 2;

    public int ParameterDimension => 1;

    public void Derivative<T>(T t, ReadOnlySpan<T> y, ReadOnlySpan<T> p, Span<T> dy) where T : IFloatingPointIeee754<T>
    {
        dy[0] = y[1];
        dy[1] = -p[0];
    }
}
