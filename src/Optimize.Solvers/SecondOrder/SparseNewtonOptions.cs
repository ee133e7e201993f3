using Optimize.FiniteDifferences;
using Optimize.Solvers.LineSearches;

namespace Optimize.Solvers.SecondOrder;

/// <summary>Options of <see cref="SparseNewton"/>.</summary>
public sealed record SparseNewtonOptions
{
    /// <summary>
    /// The structural nonzeros of the Hessian, symmetric (both triangles), e.g. detected by the tracing scalar of
    /// <c>Optimize.AutoDiff.Sparsity.HessianSparsity.Detect</c> or declared (<see cref="SparsityPattern.Banded"/>).
    /// Default null: every entry, so the Hessian costs n products.
    /// </summary>
    public SparsityPattern? HessianPattern { get; init; }

    /// <summary>The line search; Newton's unit step is always tried first. Default backtracking (Armijo).</summary>
    public LineSearch LineSearch { get; init; } = new BacktrackingLineSearch();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (HessianPattern is { IsSymmetric: false })
            throw new ArgumentException($"HessianPattern must be square and symmetric; got {HessianPattern}.", nameof(HessianPattern));
        ArgumentNullException.ThrowIfNull(LineSearch, nameof(LineSearch));
        LineSearch.Validate();
    }
}
