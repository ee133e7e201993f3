using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.Bounded;

/// <summary>Options of <see cref="Lbfgsb"/>, with the defaults of the L-BFGS-B 3.0 code and scipy's wrapper.</summary>
public sealed record LbfgsbOptions
{
    /// <summary>m: the number of correction pairs (sᵢ, yᵢ) kept. Default 10 (scipy's <c>maxcor</c>).</summary>
    public int Memory { get; init; } = 10;

    /// <summary>
    /// The line search along d = x̄ − x, with its largest step set each iteration to the distance to the boundary.
    /// Default Moré–Thuente with the constants of the 3.0 code's <c>lnsrlb</c>: c₁ = 10⁻³, c₂ = 0.9, relative interval
    /// tolerance 0.1, at most 20 evaluations (scipy's <c>maxls</c>).
    /// </summary>
    public MoreThuenteLineSearch LineSearch { get; init; } = new()
    {
        SufficientDecrease = 1e-3,
        Curvature = 0.9,
        IntervalTolerance = 0.1,
        MaximumEvaluations = 20,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Guard.Positive(Memory, nameof(Memory));
        ArgumentNullException.ThrowIfNull(LineSearch, nameof(LineSearch));
        LineSearch.Validate();
    }
}
