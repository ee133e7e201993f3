using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;
using Optimize.Solvers.TrustRegions;

namespace Optimize.Solvers.SecondOrder;

/// <summary>Options of <see cref="TrustRegion"/>.</summary>
public sealed record TrustRegionNewtonOptions
{
    /// <summary>The subproblem solver. Default <see cref="TrustRegionSubproblem.Exact"/> (Moré–Sorensen).</summary>
    public TrustRegionSubproblem Subproblem { get; init; } = TrustRegionSubproblem.Exact;

    /// <summary>Radius management. Default <see cref="TrustRegionOptions"/> defaults.</summary>
    public TrustRegionOptions Radius { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Subproblem)) throw new ArgumentOutOfRangeException(nameof(Subproblem), Subproblem, "Unknown subproblem solver.");
        ArgumentNullException.ThrowIfNull(Radius, nameof(Radius));
        Radius.Validate();
    }
}
