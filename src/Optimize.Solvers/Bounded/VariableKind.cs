namespace Optimize.Solvers.Bounded;

/// <summary>Which bounds a variable has (<c>nbd</c> of the L-BFGS-B 3.0 code).</summary>
internal static class VariableKind
{
    /// <summary>No finite bound.</summary>
    public const int Unbounded = 0;

    /// <summary>A finite lower bound only.</summary>
    public const int LowerOnly = 1;

    /// <summary>Finite lower and upper bounds.</summary>
    public const int Both = 2;

    /// <summary>A finite upper bound only.</summary>
    public const int UpperOnly = 3;

    /// <summary>The kind of lᵢ ≤ xᵢ ≤ uᵢ.</summary>
    public static int Of(double lower, double upper) =>
        double.IsFinite(lower) ? (double.IsFinite(upper) ? Both : LowerOnly) : (double.IsFinite(upper) ? UpperOnly : Unbounded);

    /// <summary>Whether the kind has a finite lower bound.</summary>
    public static bool HasLower(int kind) => kind is LowerOnly or Both;

    /// <summary>Whether the kind has a finite upper bound.</summary>
    public static bool HasUpper(int kind) => kind is Both or UpperOnly;
}
