using System.Numerics.Tensors;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;
using Optimize.Solvers.LinearAlgebra;

namespace Optimize.Solvers.SecondOrder;

/// <summary>Options of <see cref="NewtonConjugateGradient"/>.</summary>
public sealed record NewtonConjugateGradientOptions
{
    /// <summary>The line search; the unit step is tried first. Default backtracking (Armijo).</summary>
    public LineSearch LineSearch { get; init; } = new BacktrackingLineSearch();

    /// <summary>The most CG steps per iteration; 0 means n. Default 0.</summary>
    public int MaximumInnerIterations { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(LineSearch, nameof(LineSearch));
        LineSearch.Validate();
        if (MaximumInnerIterations < 0)
            throw new ArgumentOutOfRangeException(nameof(MaximumInnerIterations), MaximumInnerIterations, "MaximumInnerIterations must be at least 0.");
    }
}
