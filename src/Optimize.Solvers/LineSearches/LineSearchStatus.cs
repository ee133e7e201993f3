namespace Optimize.Solvers.LineSearches;

/// <summary>How a line search ended.</summary>
public enum LineSearchStatus
{
    /// <summary>The step satisfies the search's conditions (Armijo, strong Wolfe or approximate Wolfe).</summary>
    Converged,

    /// <summary>The search gave up on its curvature condition but returns a step with sufficient decrease.</summary>
    SufficientDecreaseOnly,

    /// <summary>φ kept decreasing up to the maximum step: f appears unbounded below along d.</summary>
    MaximumStepReached,

    /// <summary>No step with sufficient decrease was found within the evaluation budget or above the minimum step.</summary>
    Failed,

    /// <summary>φ stayed NaN or infinite however much the step was shrunk.</summary>
    NonFinite,
}
