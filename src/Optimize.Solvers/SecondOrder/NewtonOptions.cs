using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using Optimize.Oracles;
using Optimize.Solvers.LineSearches;
using Optimize.Solvers.LinearAlgebra;

namespace Optimize.Solvers.SecondOrder;

/// <summary>Options of <see cref="Newton"/>.</summary>
public sealed record NewtonOptions
{
    /// <summary>The treatment of indefinite Hessians. Default modified Cholesky.</summary>
    public HessianModification Modification { get; init; } = HessianModification.ModifiedCholesky;

    /// <summary>The line search; Newton's unit step is always tried first. Default backtracking (Armijo).</summary>
    public LineSearch LineSearch { get; init; } = new BacktrackingLineSearch();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Modification)) throw new ArgumentOutOfRangeException(nameof(Modification), Modification, "Unknown modification.");
        ArgumentNullException.ThrowIfNull(LineSearch, nameof(LineSearch));
        LineSearch.Validate();
    }
}
