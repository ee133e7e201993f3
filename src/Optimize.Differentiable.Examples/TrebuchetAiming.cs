using System.Numerics;
using Optimize.AutoDiff;
using Optimize.Oracles;
using Optimize.Solvers;
using Optimize.Solvers.QuasiNewton;

namespace Optimize.Differentiable.Examples;

/// <summary>
/// The aiming loss of one shot over the variables (θ_r, u) with M = M_ref·eᵘ (so the mass stays positive):
/// f = ((distance − target)/target)², written once over the scalar type so that the gradient flows through the
/// simulator by AD.
/// </summary>
public sealed class TrebuchetAiming : IScalarFunction
{
    /// <summary>M_ref, the mass at u = 0 (kg).</summary>
    public const double ReferenceMass = 500;

    /// <summary>Creates the loss.</summary>
    /// <param name="trebuchet">The simulator.</param>
    /// <param name="windSpeed">w (m/s).</param>
    /// <param name="target">The target distance (m), &gt; 0.</param>
    public TrebuchetAiming(Trebuchet trebuchet, double windSpeed, double target)
    {
        ArgumentNullException.ThrowIfNull(trebuchet);
        if (!double.IsFinite(windSpeed)) throw new ArgumentOutOfRangeException(nameof(windSpeed), windSpeed, "windSpeed must be finite.");
        if (!(target > 0) || double.IsInfinity(target)) throw new ArgumentOutOfRangeException(nameof(target), target, "target must be a finite number > 0.");
        Trebuchet = trebuchet;
        WindSpeed = windSpeed;
        Target = target;
    }

    /// <summary>The simulator.</summary>
    public Trebuchet Trebuchet { get; }

    /// <summary>w (m/s).</summary>
    public double WindSpeed { get; }

    /// <summary>The target distance (m).</summary>
    public double Target { get; }

    /// <summary>2: (θ_r, u).</summary>
    public int Dimension => 2;

    /// <summary>((distance − target)/target)².</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">(θ_r, u).</param>
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>
    {
        T mass = T.CreateChecked(ReferenceMass) * T.Exp(x[1]);
        T miss = (Trebuchet.Distance(x[0], mass, T.CreateChecked(WindSpeed)) - T.CreateChecked(Target)) / T.CreateChecked(Target);
        return miss * miss;
    }

    /// <summary>
    /// Minimizes the loss by L-BFGS with reverse-mode gradients through the simulator, from a 45° launch
    /// (θ_r = 3π/4) and M = M_ref unless a start is given.
    /// </summary>
    /// <param name="start">(θ_r, u) to start from; null for (3π/4, 0).</param>
    /// <param name="options">Driver options; null for a gradient tolerance of 1e-12 and 200 iterations.</param>
    public TrebuchetAim Solve(double[]? start = null, DriverOptions? options = null)
    {
        start ??= [0.75 * Math.PI, 0];
        Guard.Length(start.Length, 2, nameof(start));
        options ??= new DriverOptions { GradientTolerance = 1e-12, MaximumIterations = 200 };
        var result = new Lbfgs().Minimize(new ReverseModeObjective(this), start, options);
        double angle = result.Minimizer[0], mass = ReferenceMass * Math.Exp(result.Minimizer[1]);
        double distance = Trebuchet.Distance(angle, mass, WindSpeed);
        return new TrebuchetAim(angle, mass, distance, Math.Abs(distance - Target), result);
    }
}
