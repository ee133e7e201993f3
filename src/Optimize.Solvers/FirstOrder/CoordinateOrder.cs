using Optimize.Oracles;

namespace Optimize.Solvers.FirstOrder;

/// <summary>The order in which <see cref="CoordinateDescent"/> visits coordinates.</summary>
public enum CoordinateOrder
{
    /// <summary>1, 2, …, n in every sweep.</summary>
    Cyclic,

    /// <summary>n coordinates drawn uniformly with replacement per sweep (Nesterov 2012, randomized coordinate descent).</summary>
    Randomized,
}
