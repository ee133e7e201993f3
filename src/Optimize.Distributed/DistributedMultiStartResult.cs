using Optimize.Solvers;

namespace Optimize.Distributed;

/// <summary>The result of <see cref="DistributedMultiStart.Minimize"/>, identical on every process except <see cref="LocalResults"/>.</summary>
/// <param name="BestStart">The index of the start that reached the lowest value (the lowest index among ties; NaN counts as +∞).</param>
/// <param name="Minimum">The lowest value reached.</param>
/// <param name="Minimizer">The point where it was reached.</param>
/// <param name="Outcomes">Every start's outcome, in the order of the starts.</param>
/// <param name="LocalResults">The full results of the starts this process ran, in the order of the starts.</param>
public sealed record DistributedMultiStartResult(
    int BestStart, double Minimum, double[] Minimizer, IReadOnlyList<StartOutcome> Outcomes, IReadOnlyList<MinimizationResult> LocalResults);
