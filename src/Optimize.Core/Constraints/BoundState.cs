namespace Optimize.Constraints;

/// <summary>
/// Where a variable stands against its bounds, as L-BFGS-B's <c>iwhere</c> classifies it (Byrd, Lu, Nocedal &amp; Zhu
/// 1995, §3).
/// </summary>
public enum BoundState
{
    /// <summary>Strictly inside its bounds (or unbounded).</summary>
    Free,

    /// <summary>At its lower bound.</summary>
    AtLower,

    /// <summary>At its upper bound.</summary>
    AtUpper,

    /// <summary>Lower and upper bound are equal: the variable is fixed.</summary>
    Fixed,
}
