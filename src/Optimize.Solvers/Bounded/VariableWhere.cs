namespace Optimize.Solvers.Bounded;

/// <summary>
/// Where a variable stands in an L-BFGS-B iteration (<c>iwhere</c> of the 3.0 code): values ≤ 0 are free at the
/// generalized Cauchy point, values &gt; 0 are held at a bound.
/// </summary>
internal static class VariableWhere
{
    /// <summary>Bounded, not at a bound, but with a zero gradient: it does not move along the Cauchy path.</summary>
    public const int FreeWithoutDescent = -3;

    /// <summary>No finite bound: always free.</summary>
    public const int Unbounded = -1;

    /// <summary>Bounded and free.</summary>
    public const int Free = 0;

    /// <summary>Held at its lower bound.</summary>
    public const int AtLower = 1;

    /// <summary>Held at its upper bound.</summary>
    public const int AtUpper = 2;

    /// <summary>Lower bound equal to upper bound.</summary>
    public const int Fixed = 3;
}
