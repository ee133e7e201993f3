using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.QuasiNewton;

/// <summary>Options of <see cref="Lbfgs"/>.</summary>
public sealed record LbfgsOptions
{
    /// <summary>
    /// m: the number of correction pairs (sᵢ, yᵢ) kept. Default 20, the top of the range 3–20 that Nocedal &amp; Wright
    /// (§7.2) and Liu &amp; Nocedal (1989, §6) found to work well. Against m = 10 (scipy's choice) it cut the f
    /// evaluations over the 42 Moré–Garbow–Hillstrom instances from x₀, 10x₀ and 100x₀ by more than half (Watson,
    /// penalty II and discrete boundary value converge much sooner once more pairs are kept) and lowered the median
    /// among solved runs, at 2mn flops per iteration in the two-loop recursion and 2mn stored values.
    /// </summary>
    public int Memory { get; init; } = 20;

    /// <summary>The line search; it should enforce the Wolfe conditions so that sᵀy &gt; 0. Default Moré–Thuente.</summary>
    public LineSearch LineSearch { get; init; } = new MoreThuenteLineSearch();

    /// <summary>The first trial step of each line search. Default unit.</summary>
    public InitialStep InitialStep { get; init; } = InitialStep.Unit;

    /// <summary>A pair is discarded when sᵀy ≤ this value · ‖s‖‖y‖. Default 1e-10.</summary>
    public double CurvatureThreshold { get; init; } = 1e-10;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Guard.Positive(Memory, nameof(Memory));
        ArgumentNullException.ThrowIfNull(LineSearch, nameof(LineSearch));
        LineSearch.Validate();
        DriverOptions.NonNegative(CurvatureThreshold, nameof(CurvatureThreshold));
    }
}
