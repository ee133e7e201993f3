namespace Optimize.Solvers.LineSearches;

/// <summary>The outcome of a line search.</summary>
/// <param name="Status">How the search ended.</param>
/// <param name="Step">The accepted step α (0 when none).</param>
/// <param name="Value">φ(α).</param>
/// <param name="Evaluations">Evaluations of φ made by the search.</param>
public readonly record struct LineSearchResult(LineSearchStatus Status, double Step, double Value, int Evaluations)
{
    /// <summary>Whether the step may be taken.</summary>
    public bool Accepted => Status is LineSearchStatus.Converged or LineSearchStatus.SufficientDecreaseOnly;
}
