using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.QuasiNewton;

/// <summary>Options of <see cref="Lbfgs"/>.</summary>
public sealed record LbfgsOptions
{
    /// <summary>m: the number of correction pairs (sᵢ, yᵢ) kept. Default 10.</summary>
    public int Memory { get; init; } = 10;

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
