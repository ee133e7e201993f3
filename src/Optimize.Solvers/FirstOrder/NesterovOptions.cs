using System.Numerics.Tensors;
using Optimize.Oracles;

namespace Optimize.Solvers.FirstOrder;

/// <summary>Options of <see cref="NesterovAcceleratedGradient"/>.</summary>
public sealed record NesterovOptions
{
    /// <summary>
    /// A fixed step 1/L; null estimates the Lipschitz constant L by backtracking, doubling L until
    /// f(y − ∇f(y)/L) ≤ f(y) − ‖∇f(y)‖²/(2L) (Beck &amp; Teboulle 2009, FISTA with backtracking). Default null.
    /// </summary>
    public double? StepSize { get; init; }

    /// <summary>The first estimate of L when backtracking. Default 1.</summary>
    public double InitialLipschitz { get; init; } = 1;

    /// <summary>
    /// Whether the momentum restarts when f increases (function-value adaptive restart, O'Donoghue &amp; Candès
    /// 2015), which restores linear convergence on strongly convex regions. Default true.
    /// </summary>
    public bool AdaptiveRestart { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (StepSize is { } step) DriverOptions.StrictlyPositive(step, nameof(StepSize));
        DriverOptions.StrictlyPositive(InitialLipschitz, nameof(InitialLipschitz));
    }
}
