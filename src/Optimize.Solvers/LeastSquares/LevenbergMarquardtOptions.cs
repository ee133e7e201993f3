namespace Optimize.Solvers.LeastSquares;

/// <summary>
/// Options of <see cref="LevenbergMarquardt"/>, with MINPACK <c>lmder</c>'s meanings (Moré, Garbow &amp; Hillstrom,
/// User Guide for MINPACK-1, ANL-80-74, 1980, §2 and the documentation of LMDER). The defaults are those of
/// <c>lmder1</c> with tol = √ε, which MINPACK's own test driver uses, and of scipy's <c>leastsq</c>. Immutable;
/// change with <c>with</c>.
/// </summary>
public sealed record LevenbergMarquardtOptions
{
    /// <summary>√ε = 1.49e-8, lmder1's and scipy leastsq's tolerance.</summary>
    public const double SquareRootEpsilon = 1.4901161193847656e-8;

    /// <summary>
    /// <c>ftol</c>: converged (<see cref="TerminationReason.FunctionChangeTolerance"/>, MINPACK info 1) when both the
    /// actual and the predicted relative reductions of the sum of squares are at most this. Default √ε; ≥ 0.
    /// </summary>
    public double FunctionTolerance { get; init; } = SquareRootEpsilon;

    /// <summary>
    /// <c>xtol</c>: converged (<see cref="TerminationReason.StepTolerance"/>, info 2) when the relative error between
    /// two consecutive iterates, measured as the trust-region radius Δ ≤ xtol·‖Dx‖, is at most this. Default √ε; ≥ 0.
    /// </summary>
    public double StepTolerance { get; init; } = SquareRootEpsilon;

    /// <summary>
    /// <c>gtol</c>: converged (<see cref="TerminationReason.GradientTolerance"/>, info 4) when the cosine of the angle
    /// between r and every column of J is at most this in absolute value. Default 0 (as lmder1): the test then holds
    /// only when r is orthogonal to J's columns exactly, e.g. at a zero residual.
    /// </summary>
    public double GradientTolerance { get; init; }

    /// <summary>
    /// <c>maxfev</c>: the most evaluations of r (<see cref="TerminationReason.EvaluationLimit"/>, info 5). Default 0,
    /// meaning 100·(n + 1) as in lmder1.
    /// </summary>
    public int MaximumEvaluations { get; init; }

    /// <summary><c>factor</c>: the initial trust-region radius is factor·‖Dx₀‖ (or factor when that is 0). Default 100; &gt; 0.</summary>
    public double InitialStepBound { get; init; } = 100;

    /// <summary>
    /// <c>mode</c> = 1 when true (default): the variables are scaled internally by D = diag of the largest column
    /// norms of J seen so far. When false (mode = 2 with D = I) no scaling is done.
    /// </summary>
    public bool ScaleVariables { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        NonNegative(FunctionTolerance, nameof(FunctionTolerance));
        NonNegative(StepTolerance, nameof(StepTolerance));
        NonNegative(GradientTolerance, nameof(GradientTolerance));
        if (MaximumEvaluations < 0)
            throw new ArgumentOutOfRangeException(nameof(MaximumEvaluations), MaximumEvaluations, "MaximumEvaluations must be at least 0 (0 means 100·(n + 1)).");
        if (!(InitialStepBound > 0) || double.IsInfinity(InitialStepBound))
            throw new ArgumentOutOfRangeException(nameof(InitialStepBound), InitialStepBound, "InitialStepBound must be positive and finite.");
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and at least 0.");
    }
}
