using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Solvers.DerivativeFree;

/// <summary>Options of <see cref="NelderMead"/>.</summary>
public sealed record NelderMeadOptions
{
    /// <summary>
    /// Whether the coefficients adapt to the dimension as in Gao &amp; Han (2012), "Implementing the Nelder–Mead
    /// simplex algorithm with adaptive parameters", Comput. Optim. Appl. 51: reflection 1, expansion 1 + 2/n,
    /// contraction 0.75 − 1/(2n), shrink 1 − 1/n. Otherwise the standard 1, 2, ½, ½. Default true.
    /// </summary>
    public bool Adaptive { get; init; } = true;

    /// <summary>
    /// The f-spread half of the stopping rule: maxᵢ |f(vᵢ) − f(v_best)| over the n + 1 vertices must be at most this
    /// value (scipy's <c>fatol</c>). Default 1e-10. A positive <see cref="DriverOptions.FunctionChangeTolerance"/>
    /// replaces it by that tolerance · max(1, |f(v_best)|).
    /// </summary>
    public double ValueSpreadTolerance { get; init; } = 1e-10;

    /// <summary>
    /// The size half of the stopping rule: the simplex diameter maxᵢ ‖vᵢ − v_best‖∞ must be at most this value ·
    /// (1 + ‖v_best‖∞) (scipy's <c>xatol</c>, made relative). Default 1e-6. A positive
    /// <see cref="DriverOptions.StepTolerance"/> replaces it.
    /// </summary>
    public double SimplexSizeTolerance { get; init; } = 1e-6;

    /// <summary>Relative size of the initial simplex: vertex i moves xᵢ by this fraction (by 0.00025 when xᵢ = 0). Default 0.05.</summary>
    public double InitialSimplexScale { get; init; } = 0.05;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        DriverOptions.StrictlyPositive(ValueSpreadTolerance, nameof(ValueSpreadTolerance));
        DriverOptions.StrictlyPositive(SimplexSizeTolerance, nameof(SimplexSizeTolerance));
        DriverOptions.StrictlyPositive(InitialSimplexScale, nameof(InitialSimplexScale));
    }
}
