namespace Optimize.Solvers;

/// <summary>
/// Stopping rules, limits, callback and trace shared by every method (the driver options of Optim.jl's
/// <c>Options</c>). Immutable; change with <c>with</c>. A tolerance of 0 disables its test. A run converges
/// only when a test holds at the returned point; an iteration whose step left x unchanged (a null step, e.g.
/// one that rounding made zero) stops with <see cref="TerminationReason.NoProgress"/> unless a gradient test holds.
/// </summary>
public sealed record DriverOptions
{
    /// <summary>
    /// The defaults: converged when ‖∇f‖₂ ≤ 1e-8 or the scaled gradient of <see cref="ScaledGradientTolerance"/> is
    /// at most 1e-10, or when a run that stalls or reaches the iteration limit ends at a point that passes the
    /// <see cref="SecondOrderTest"/>; no progress after <see cref="StallIterations"/> iterations in which f changed
    /// only by rounding, or after <see cref="SlowProgressIterations"/> iterations in which f fell by less than
    /// <see cref="SlowProgressTolerance"/>·max(1, |f|) near a stationary point; at most 1000 iterations.
    /// </summary>
    public static DriverOptions Default { get; } = new();

    /// <summary>Converged when ‖∇f(x)‖₂ ≤ this value. Default 1e-8.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>
    /// Converged when the scaled gradient maxᵢ |∂f/∂xᵢ|·max(|xᵢ|, 1) / max(|f(x)|, 1) is at most this value: the
    /// relative gradient of Dennis &amp; Schnabel, "Numerical Methods for Unconstrained Optimization and Nonlinear
    /// Equations" (1996), §7.2, eq. 7.2.5, with typical x and f of 1. It is invariant to the units of f and x
    /// where they are large, so it can be met on badly scaled problems where round-off keeps ‖∇f‖₂ above any
    /// absolute tolerance (Brown–Dennis: f* = 8.6e4, ‖∇f‖₂ stalls near 1e-7). Default 1e-10, about 10⁶ times
    /// the unit round-off: a point that meets it is stationary to within the accuracy double precision gives
    /// f and ∇f there. 0 disables it.
    /// </summary>
    public double ScaledGradientTolerance { get; init; } = 1e-10;

    /// <summary>
    /// Stops with <see cref="TerminationReason.NoProgress"/> (not convergence) after this many consecutive
    /// iterations in which |fₖ₊₁ − fₖ| ≤ 4ε·|fₖ| (ε the unit round-off): f no longer changes except by rounding,
    /// so further iterations cannot improve it. Default 10; 0 disables the test. (The gradient tests are tried
    /// first, so a run that stalls at a point they accept still converges. A stall is never taken for convergence
    /// by itself: x may still be drifting along a flat valley; a stalled point converges only by the
    /// <see cref="SecondOrderTest"/>, which also looks at ∇²f. A step that leaves x unchanged, or a method that
    /// finds no decrease along a descent direction, converges where the scaled gradient is at most ε^{1/3} ≈ 4.8e-6:
    /// f resolves no further decrease there, tests U1 and U3 of Gill, Murray &amp; Wright, "Practical Optimization"
    /// (1981), §8.2.3.2.)
    /// </summary>
    public int StallIterations { get; init; } = 10;

    /// <summary>
    /// Whether a run that stalls or reaches <see cref="MaximumIterations"/> before the gradient tests hold gets a
    /// second-order test at the point it returns: it converges when the scaled gradient there is at most ε^{1/3} ≈ 4.8e-6
    /// (test U3 of Gill, Murray &amp; Wright, "Practical Optimization" (1981), §8.2.3.2) and the Hessian is positive
    /// definite with its smallest eigenvalue above 10⁻¹⁰ (exact Hessian) or 10⁻⁶ (forward differences of ∇f) times its
    /// largest entry: the second-order sufficient conditions of a strict local minimizer (Nocedal &amp; Wright, Theorem
    /// 2.4), to the accuracy double precision gives f. The test runs when f has changed by at most 4ε·max(1, |f|) (GMW's
    /// U1 scale) in <see cref="StallIterations"/> consecutive iterations (then after 2×, 4×, … as many), when the stall
    /// rule stops the run, and at the iteration limit; it uses the oracle's Hessian, or n extra gradient evaluations
    /// (counted), and only without bounds and for at most 100 variables (a dense Hessian). A point where ∇²f is singular
    /// or indefinite (a saddle, a flat valley) never passes. Default true:
    /// first-order methods (gradient descent, heavy ball, Adam, coordinate descent) reach minimizers where f no longer
    /// resolves the gradient tests' accuracy. Set false to converge only by the gradient, step and f-change tolerances.
    /// </summary>
    public bool SecondOrderTest { get; init; } = true;

    /// <summary>
    /// The window of the slow-progress rule: the run stops with <see cref="TerminationReason.NoProgress"/> (not
    /// convergence) when over this many iterations f fell by at most <see cref="SlowProgressTolerance"/>·max(1, |f|)
    /// and by at most 10% of |f|, the smallest scaled gradient of the window is not half that of the window before, and
    /// the scaled gradient is at most ε^{1/3} ≈ 4.8e-6. The first bound is the relative-reduction test of L-BFGS-B,
    /// (fₖ − fₖ₊₁)/max(|fₖ|, |fₖ₊₁|, 1) ≤ factr·ε (Byrd, Lu, Nocedal &amp; Zhu, SIAM J. Sci. Comput. 16(5), 1995;
    /// Zhu, Byrd, Lu &amp; Nocedal, ACM TOMS 23(4), 1997), here on the decrease over the whole window instead of one
    /// iteration; the second keeps a run whose f still falls toward 0 at a geometric rate (f* = 0 problems in their
    /// last phase); the third keeps a run near a minimizer, where f changes by O(‖∇f‖²) below what it resolves while
    /// ∇f still falls (L-BFGS on Ginzburg–Landau at n = 10⁴ lowers f by 2e-12 per 1000 iterations but its scaled
    /// gradient 8× and converges by the gradient test); the last is test U3 of Gill, Murray &amp; Wright, "Practical
    /// Optimization" (1981), §8.2.3.2. L-BFGS-B reports its test as convergence; here it is no progress, because it
    /// measures the rate of progress, not the point: it holds as well on a slow crawl along an ill-conditioned valley
    /// far from a minimizer (the discrete boundary-value problem at n = 1000 starts at f = 1.3e-9 with its minimizer
    /// O(1) away, and L-BFGS lowers f by about 1e-14 per iteration). Before stopping, a run of at most 100 variables
    /// gets the <see cref="SecondOrderTest"/>, and converges when it passes. The windows follow each other (iterations
    /// 0–W, W–2W, …). A run can pass through a slow window and speed up later: L-BFGS on Watson at n = 12 (f = 1.4e-8,
    /// f* = 4.7e-10) used to converge by the gradient test after 4000 iterations and now stops with no progress after
    /// 2000. Newton-CG judges its progress over
    /// <see cref="SecondOrder.NewtonConjugateGradientOptions.SlowProgressIterations"/> iterations instead. Default 1000;
    /// 0 disables the rule.
    /// </summary>
    public int SlowProgressIterations { get; init; } = 1000;

    /// <summary>
    /// The bound of the slow-progress rule (<see cref="SlowProgressIterations"/>) on the decrease of f over its window,
    /// relative to max(1, |f|). Default 1e7·ε ≈ 2.2e-9, the default factr = 10⁷ of L-BFGS-B ("moderate accuracy") times
    /// the unit round-off ε (scipy's ftol = 2.2e-9).
    /// </summary>
    public double SlowProgressTolerance { get; init; } = 1e7 * 2.220446049250313e-16;

    /// <summary>Converged when ‖∇f(x)‖₂ ≤ this value · ‖∇f(x₀)‖₂. Default 0 (off).</summary>
    public double RelativeGradientTolerance { get; init; }

    /// <summary>
    /// Converged when ‖xₖ₊₁ − xₖ‖₂ ≤ this value · (1 + ‖xₖ₊₁‖₂) after a step that moved x. Default 0 (off). For
    /// Nelder–Mead it bounds the simplex diameter instead (with the f spread, both must hold).
    /// </summary>
    public double StepTolerance { get; init; }

    /// <summary>
    /// Converged when |fₖ₊₁ − fₖ| ≤ this value · max(1, |fₖ₊₁|) after a step that moved x. Default 0 (off). For
    /// Nelder–Mead it bounds the spread of f over the simplex instead (with the simplex diameter, both must hold).
    /// </summary>
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
        NonNegative(ScaledGradientTolerance, nameof(ScaledGradientTolerance));
        if (StallIterations < 0)
            throw new ArgumentOutOfRangeException(nameof(StallIterations), StallIterations, "StallIterations must be at least 0.");
        if (SlowProgressIterations < 0)
            throw new ArgumentOutOfRangeException(nameof(SlowProgressIterations), SlowProgressIterations, "SlowProgressIterations must be at least 0.");
        NonNegative(SlowProgressTolerance, nameof(SlowProgressTolerance));
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
