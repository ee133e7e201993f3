namespace Optimize.Solvers.Bounded;

/// <summary>Options of <see cref="Tron"/>, with the constants of Lin &amp; Moré (1999), §§2–4.</summary>
public sealed record TronOptions
{
    /// <summary>
    /// Δ₀, the first trust-region radius; 0 (the default) takes max(1, ‖x₀ − P(x₀ − ∇f(x₀))‖₂), the length of the first
    /// projected-gradient step as the TRON code does, but at least 1 so that a start on a plateau (HS25: ‖∇f‖ ≈ 2·10⁻⁸)
    /// is not confined to steps of the gradient's size. The first iteration shrinks it to the length of its step.
    /// </summary>
    public double InitialRadius { get; init; }

    /// <summary>
    /// The conjugate-gradient iterations of a subspace stop when the reduced residual falls to this fraction of the
    /// reduced gradient of the model at the subspace's start (<c>cgtol</c>). Default 0.1.
    /// </summary>
    public double ConjugateGradientTolerance { get; init; } = 0.1;

    /// <summary>
    /// μ₀ of the sufficient-decrease test q(s) ≤ μ₀·∇qᵀs of the Cauchy step and of the projected searches. Default 0.01.
    /// </summary>
    public double SufficientDecrease { get; init; } = 0.01;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        DriverOptions.NonNegative(InitialRadius, nameof(InitialRadius));
        DriverOptions.Between(ConjugateGradientTolerance, 0, 1, nameof(ConjugateGradientTolerance));
        DriverOptions.Between(SufficientDecrease, 0, 0.5, nameof(SufficientDecrease));
    }
}
