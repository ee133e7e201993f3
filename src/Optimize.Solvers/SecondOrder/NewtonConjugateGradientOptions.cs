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

    /// <summary>
    /// The window, in Newton iterations, of the driver's slow-progress rule (<see cref="DriverOptions.SlowProgressIterations"/>,
    /// whose smaller value applies): one iteration solves the Newton system to the forcing tolerance with up to n CG steps,
    /// the work of many quasi-Newton iterations, so a run whose f falls by at most 2.2e-9·max(1, |f|) and 10% of |f| over
    /// this many Newton steps, at a point with a small scaled gradient, stops with no progress (after the second-order
    /// test for at most 100 variables). Near a nondegenerate minimizer Newton's method converges in a few iterations,
    /// before a window of 10 ends. Default 10.
    /// </summary>
    public int SlowProgressIterations { get; init; } = 10;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(LineSearch, nameof(LineSearch));
        LineSearch.Validate();
        if (SlowProgressIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(SlowProgressIterations), SlowProgressIterations, "SlowProgressIterations must be at least 1.");
        if (MaximumInnerIterations < 0)
            throw new ArgumentOutOfRangeException(nameof(MaximumInnerIterations), MaximumInnerIterations, "MaximumInnerIterations must be at least 0.");
    }
}
