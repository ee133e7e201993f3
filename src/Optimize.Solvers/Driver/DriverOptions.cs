namespace Optimize.Solvers;

/// <summary>
/// Stopping rules, limits, callback and trace shared by every method (the driver options of Optim.jl's
/// <c>Options</c>). Immutable; change with <c>with</c>. A tolerance of 0 disables its test.
/// </summary>
public sealed record DriverOptions
{
    /// <summary>The defaults: ‖∇f‖₂ ≤ 1e-8, at most 1000 iterations, no other test.</summary>
    public static DriverOptions Default { get; } = new();

    /// <summary>Converged when ‖∇f(x)‖₂ ≤ this value. Default 1e-8.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>Converged when ‖∇f(x)‖₂ ≤ this value · ‖∇f(x₀)‖₂. Default 0 (off).</summary>
    public double RelativeGradientTolerance { get; init; }

    /// <summary>Converged when ‖xₖ₊₁ − xₖ‖₂ ≤ this value · (1 + ‖xₖ₊₁‖₂). Default 0 (off).</summary>
    public double StepTolerance { get; init; }

    /// <summary>Converged when |fₖ₊₁ − fₖ| ≤ this value · max(1, |fₖ₊₁|). Default 0 (off).</summary>
    public double FunctionChangeTolerance { get; init; }

    /// <summary>The most iterations; 0 returns the starting point with <see cref="TerminationReason.IterationLimit"/>. Default 1000.</summary>
    public int MaximumIterations { get; init; } = 1000;

    /// <summary>The most evaluations of f (fused value-and-gradient calls included), checked after each iteration. Default unlimited.</summary>
    public long MaximumEvaluations { get; init; } = long.MaxValue;

    /// <summary>The most wall time, checked after each iteration. Default unlimited.</summary>
    public TimeSpan TimeLimit { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Stops with <see cref="TerminationReason.Unbounded"/> when f(x) falls below this value. Default −1e100
    /// (use <see cref="double.NegativeInfinity"/> to test only for f = −∞).
    /// </summary>
    public double UnboundedValue { get; init; } = -1e100;

    /// <summary>Called after every iteration (and once for the starting point); returning true stops the run with <see cref="TerminationReason.CallbackStopped"/>.</summary>
    public Func<IterationRecord, bool>? Callback { get; init; }

    /// <summary>Whether the result carries the trace of every iteration (allocates one record per iteration). Default false.</summary>
    public bool StoreTrace { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        NonNegative(GradientTolerance, nameof(GradientTolerance));
        NonNegative(RelativeGradientTolerance, nameof(RelativeGradientTolerance));
        NonNegative(StepTolerance, nameof(StepTolerance));
        NonNegative(FunctionChangeTolerance, nameof(FunctionChangeTolerance));
        if (MaximumIterations < 0)
            throw new ArgumentOutOfRangeException(nameof(MaximumIterations), MaximumIterations, "MaximumIterations must be at least 0.");
        if (MaximumEvaluations < 1)
            throw new ArgumentOutOfRangeException(nameof(MaximumEvaluations), MaximumEvaluations, "MaximumEvaluations must be at least 1.");
        if (TimeLimit <= TimeSpan.Zero && TimeLimit != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(TimeLimit), TimeLimit, "TimeLimit must be positive or Timeout.InfiniteTimeSpan.");
        if (double.IsNaN(UnboundedValue) || double.IsPositiveInfinity(UnboundedValue))
            throw new ArgumentOutOfRangeException(nameof(UnboundedValue), UnboundedValue, "UnboundedValue must be a finite number or −∞.");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and at least 0.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="argument">The option's name.</param>
    internal static void NonNegative(double value, string argument)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(argument, value, $"{argument} must be a finite number ≥ 0.");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and greater than 0.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="argument">The option's name.</param>
    internal static void StrictlyPositive(double value, string argument)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(argument, value, $"{argument} must be a finite number > 0.");
    }

    /// <summary>Throws unless <paramref name="low"/> &lt; <paramref name="value"/> &lt; <paramref name="high"/>.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="low">Exclusive lower bound.</param>
    /// <param name="high">Exclusive upper bound.</param>
    /// <param name="argument">The option's name.</param>
    internal static void Between(double value, double low, double high, string argument)
    {
        if (!(value > low && value < high))
            throw new ArgumentOutOfRangeException(argument, value, $"{argument} must lie strictly between {low} and {high}.");
    }
}
