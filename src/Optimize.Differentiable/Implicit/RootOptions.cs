using MathNet.Numerics.LinearAlgebra;

namespace Optimize.Differentiable.Implicit;

/// <summary>Tolerance and limit of <see cref="RootSolvers"/>.</summary>
public sealed record RootOptions
{
    /// <summary>Stop when ‖g(x, θ)‖∞ ≤ this value. Default 1e-12.</summary>
    public double Tolerance { get; init; } = 1e-12;

    /// <summary>The most iterations. Default 100 (Newton), ample for contractions of rate ≤ 0.7 at the default tolerance.</summary>
    public int MaximumIterations { get; init; } = 100;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!(Tolerance > 0) || double.IsInfinity(Tolerance))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be a finite number > 0.");
        Guard.Positive(MaximumIterations, nameof(MaximumIterations));
    }
}
