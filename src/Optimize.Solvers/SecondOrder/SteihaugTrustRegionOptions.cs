using Optimize.Oracles;
using Optimize.Solvers.LinearAlgebra;
using Optimize.Solvers.TrustRegions;

namespace Optimize.Solvers.SecondOrder;

/// <summary>Options of <see cref="SteihaugTrustRegion"/>.</summary>
public sealed record SteihaugTrustRegionOptions
{
    /// <summary>Radius management. Default <see cref="TrustRegionOptions"/> defaults.</summary>
    public TrustRegionOptions Radius { get; init; } = new();

    /// <summary>The most CG steps per subproblem; 0 means n. Default 0.</summary>
    public int MaximumInnerIterations { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Radius, nameof(Radius));
        Radius.Validate();
        if (MaximumInnerIterations < 0)
            throw new ArgumentOutOfRangeException(nameof(MaximumInnerIterations), MaximumInnerIterations, "MaximumInnerIterations must be at least 0.");
    }
}
