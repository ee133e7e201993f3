namespace Optimize.Solvers;

/// <summary>
/// Why a minimization stopped. Every run ends with exactly one reason; only
/// <see cref="GradientTolerance"/>, <see cref="StepTolerance"/> and <see cref="FunctionChangeTolerance"/>
/// count as convergence (<see cref="MinimizationResult.Converged"/>).
/// </summary>
public enum TerminationReason
{
    /// <summary>
    /// ‖∇f(x)‖₂ fell to or below the gradient tolerance (absolute, or relative to ‖∇f(x₀)‖₂), or the scaled gradient
    /// to <see cref="DriverOptions.ScaledGradientTolerance"/>, or the run could make no more progress (the method
    /// found no decrease along a descent direction, or a step left x unchanged) at a point where the scaled gradient
    /// is within ε^{1/3} (f no longer resolves a decrease; Gill,
    /// Murray &amp; Wright 1981, §8.2.3.2, tests U1 and U3): a first-order stationary point, which is a minimizer only
    /// when the method also saw nonnegative curvature.
    /// </summary>
    GradientTolerance,

    /// <summary>‖xₖ₊₁ − xₖ‖₂ ≤ tolerance·(1 + ‖xₖ₊₁‖₂) with a positive step tolerance, after a step that moved x. Nelder–Mead never reports it.</summary>
    StepTolerance,

    /// <summary>
    /// |fₖ₊₁ − fₖ| ≤ tolerance·max(1, |fₖ₊₁|) with a positive f-change tolerance, after a step that moved x; for
    /// Nelder–Mead, the whole simplex is small: its diameter and the spread of f over its vertices are both
    /// within their tolerances.
    /// </summary>
    FunctionChangeTolerance,

    /// <summary>The iteration limit was reached (immediately when it is 0).</summary>
    IterationLimit,

    /// <summary>The limit on evaluations of f (fused value-and-gradient calls included) was reached.</summary>
    EvaluationLimit,

    /// <summary>The time limit elapsed.</summary>
    TimeLimit,

    /// <summary>The cancellation token was signalled.</summary>
    Cancelled,

    /// <summary>The per-iteration callback returned true.</summary>
    CallbackStopped,

    /// <summary>The line search found no step satisfying its conditions; the last accepted iterate is returned.</summary>
    LineSearchFailed,

    /// <summary>
    /// f or ∇f was NaN or infinite at the starting point, or stayed non-finite after the step was shrunk
    /// repeatedly; the last finite iterate is returned.
    /// </summary>
    NonFiniteValue,

    /// <summary>
    /// f fell below the unbounded threshold of <see cref="DriverOptions.UnboundedValue"/> (or to −∞), or a
    /// line search kept decreasing f up to its maximum step: the objective appears unbounded below.
    /// </summary>
    Unbounded,

    /// <summary>
    /// The method could make no further progress: a step left x unchanged (a null step, e.g. one rounding made
    /// zero) while no gradient test held, f changed only by rounding for <see cref="DriverOptions.StallIterations"/>
    /// iterations, f and the scaled gradient fell too little over a window of <see cref="DriverOptions.SlowProgressIterations"/>
    /// iterations near a stationary point, the trust-region radius collapsed below its minimum, or a search direction was
    /// not a descent direction even after a restart.
    /// </summary>
    NoProgress,
}
