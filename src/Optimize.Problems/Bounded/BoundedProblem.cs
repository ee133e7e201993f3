using Optimize.Constraints;

namespace Optimize.Problems.Bounded;

/// <summary>
/// A bound-constrained test problem: an objective of the problem library, its box, and the minimum over the box with
/// the bounds active there.
/// </summary>
/// <param name="Name">The instance's name, as the command line and the tables print it (e.g. <c>hs45</c>, <c>mgh01-rosenbrock-boxed</c>).</param>
/// <param name="Problem">The objective, with hand-coded derivatives; its <see cref="TestProblem.StartingPoint"/> is the start, inside the box.</param>
/// <param name="Bounds">The box l ≤ x ≤ u.</param>
/// <param name="KnownMinimum">f* over the box.</param>
/// <param name="KnownMinimizer">x* over the box.</param>
/// <param name="ActiveAtMinimum">The indices of the variables at a bound at x*, in increasing order.</param>
/// <param name="MinimumSource">Where f* and x* come from.</param>
public sealed record BoundedProblem(
    string Name, TestProblem Problem, Bounds Bounds, double KnownMinimum, IReadOnlyList<double> KnownMinimizer,
    IReadOnlyList<int> ActiveAtMinimum, string MinimumSource)
{
    /// <summary>The number of variables.</summary>
    public int Dimension => Problem.Dimension;

    /// <summary>The start x₀ (a fresh copy).</summary>
    public double[] StartingPoint => Problem.StartingPoint;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (n = {Dimension})";
}
