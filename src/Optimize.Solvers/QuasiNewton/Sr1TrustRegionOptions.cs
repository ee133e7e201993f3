using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;
using Optimize.Solvers.TrustRegions;

namespace Optimize.Solvers.QuasiNewton;

/// <summary>Options of <see cref="Sr1TrustRegion"/>.</summary>
public sealed record Sr1TrustRegionOptions
{
    /// <summary>The subproblem solver for the (possibly indefinite) SR1 matrix. Default Steihaug–Toint CG.</summary>
    public TrustRegionSubproblem Subproblem { get; init; } = TrustRegionSubproblem.SteihaugToint;

    /// <summary>Radius management. Default <see cref="TrustRegionOptions"/> defaults.</summary>
    public TrustRegionOptions Radius { get; init; } = new();

    /// <summary>r of the skip rule: update only when |sᵀ(y − Bs)| ≥ r‖s‖‖y − Bs‖ (Nocedal &amp; Wright, eq. 6.26). Default 1e-8.</summary>
    public double SkipThreshold { get; init; } = 1e-8;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Subproblem)) throw new ArgumentOutOfRangeException(nameof(Subproblem), Subproblem, "Unknown subproblem solver.");
        ArgumentNullException.ThrowIfNull(Radius, nameof(Radius));
        Radius.Validate();
        DriverOptions.Between(SkipThreshold, 0, 1, nameof(SkipThreshold));
    }
}
